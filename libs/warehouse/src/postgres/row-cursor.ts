import { performance } from 'node:perf_hooks';
import { ChatbiError } from '@chatbi/contracts';
import type { QueryOptions, QueryResult, WarehouseColumn } from '../warehouse.interface';

/** A running statement whose rows are read chunk by chunk (PostgreSQL and MySQL warehouses). */
export interface RowCursor {
  readonly columns: WarehouseColumn[];
  /** The next rows, at most `limit`, or null at the end of the result. */
  next(limit: number): Promise<Record<string, unknown>[] | null>;
  /** Ends the statement and gives the connection back; safe to call twice. */
  close(): Promise<void>;
}

/** Reads up to maxRows, asking for one more row to tell whether the result was truncated. */
export async function collectRows(cursor: RowCursor, options: QueryOptions, started: number): Promise<QueryResult> {
  try {
    const rows: Record<string, unknown>[] = [];
    let truncated = false;
    for (;;) {
      const chunk = await cursor.next(options.maxRows - rows.length + 1);
      if (!chunk) break;
      const room = options.maxRows - rows.length;
      if (chunk.length > room) {
        rows.push(...chunk.slice(0, room));
        truncated = true;
        break;
      }
      rows.push(...chunk);
    }
    return { columns: cursor.columns, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await cursor.close();
  }
}

/** Yields rows one at a time, at most maxRows; leaving the loop early ends the statement. */
export async function* streamRows(cursor: RowCursor, options: QueryOptions, chunkRows: number): AsyncGenerator<Record<string, unknown>> {
  try {
    let sent = 0;
    while (sent < options.maxRows) {
      const chunk = await cursor.next(Math.min(chunkRows, options.maxRows - sent));
      if (!chunk) return;
      for (const row of chunk) {
        sent++;
        yield row;
      }
    }
  } finally {
    await cursor.close();
  }
}

export function checkQueryOptions(options: QueryOptions): void {
  if (!options || !(options.timeoutMs > 0) || !Number.isFinite(options.timeoutMs)) {
    throw new ChatbiError('QUERY_FAILED', `timeoutMs must be a positive number of milliseconds, got ${options?.timeoutMs}`);
  }
  if (!(Number.isInteger(options.maxRows) && options.maxRows >= 0)) {
    throw new ChatbiError('QUERY_FAILED', `maxRows must be a whole number of 0 or more, got ${options.maxRows}`);
  }
}

/** Output names made unique the way DuckDB does it: a, a:1, a:2. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}:${n}`;
  });
}
