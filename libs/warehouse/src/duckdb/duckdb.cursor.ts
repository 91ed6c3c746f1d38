import { StatementType, type DuckDBResult } from '@duckdb/node-api';
import { ChatbiError } from '@chatbi/contracts';
import type { WarehouseColumn } from '../warehouse.interface';
import type { DuckDbConnectionPool, PooledConnection } from './duckdb-connection.pool';
import { bindParams } from './duckdb-param.binder';
import { timeoutError, toQueryError } from './duckdb-error.mapper';
import { toJsonFriendly } from './duckdb-value.converter';

/** Only SELECT: EXPLAIN ANALYZE runs the statement it explains (EXPLAIN ANALYZE COPY ... TO writes a file). */
const READ_ONLY_STATEMENTS = new Set<number>([StatementType.SELECT]);

/**
 * One running statement on a connection lent to it alone: rows come out chunk by chunk as the
 * engine produces them, and a timer interrupts the connection when the statement runs too long.
 *
 * An interrupt that lands while the engine is producing a streamed chunk does not raise an error:
 * fetchChunk() just returns an empty chunk, which looks like the end of the result. So the cursor
 * remembers why it interrupted and raises that error itself.
 */
export class DuckDbCursor {
  private abortError?: ChatbiError;
  private ended = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private failed = false;
  private result?: DuckDBResult;
  private names: string[] = [];
  columns: WarehouseColumn[] = [];

  constructor(
    private readonly pool: DuckDbConnectionPool,
    private readonly pooled: PooledConnection,
    private readonly timeoutMs: number,
    private readonly onClose: (cursor: DuckDbCursor) => void,
  ) {
    this.timer = setTimeout(() => this.abort(timeoutError(timeoutMs)), timeoutMs);
  }

  /**
   * Prepares, checks, binds and starts the statement; the first rows may already be computed when
   * it resolves. On failure the cursor closes itself.
   */
  async start(sql: string, params: readonly unknown[], readOnly: boolean): Promise<void> {
    try {
      await this.run(sql, params, readOnly);
    } catch (error) {
      this.failed = true;
      this.close();
      throw this.abortError ?? toQueryError(error, this.timeoutMs);
    }
  }

  private async run(sql: string, params: readonly unknown[], readOnly: boolean): Promise<void> {
    // prepare() refuses several statements at once, unlike run()/stream() which execute all but the last.
    const prepared = await this.pool.prepare(this.pooled, sql);
    const kind = prepared.statementType;
    if (readOnly && !READ_ONLY_STATEMENTS.has(kind)) {
      throw new ChatbiError(
        'QUERY_FAILED',
        `the warehouse is read-only: ${StatementType[kind] ?? 'this kind of'} statements are refused, only SELECT can run`,
      );
    }
    bindParams(prepared, params);
    const result = await prepared.stream();
    this.result = result;
    this.names = result.deduplicatedColumnNames();
    this.columns = this.names.map((name, i) => ({ name, type: result.columnType(i).toString() }));
  }

  /** The next chunk of rows (up to 2048), or null at the end of the result. */
  async next(): Promise<Record<string, unknown>[] | null> {
    if (this.abortError) throw this.abortError;
    if (this.ended || !this.result) return null;
    let chunk;
    try {
      chunk = await this.result.fetchChunk();
    } catch (error) {
      this.failed = true;
      throw this.abortError ?? toQueryError(error, this.timeoutMs);
    }
    if (this.abortError) throw this.abortError;
    if (!chunk || chunk.rowCount === 0) {
      this.ended = true;
      return null;
    }
    return chunk.getRows().map((values) => {
      const row: Record<string, unknown> = {};
      values.forEach((value, i) => (row[this.names[i]] = toJsonFriendly(value)));
      return row;
    });
  }

  /** Stops the statement; the cursor's next call fails with the given error. */
  abort(error: ChatbiError): void {
    if (this.closed || this.ended) return;
    this.abortError = error;
    this.pooled.connection.interrupt();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.result = undefined;
    this.pool.release(this.pooled, !this.failed && !this.abortError);
    this.onClose(this);
  }
}
