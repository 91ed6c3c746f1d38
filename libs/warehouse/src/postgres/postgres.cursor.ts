import type { FieldDef, PoolClient } from 'pg';
import { ChatbiError } from '@chatbi/contracts';
import { timeoutError } from '../duckdb/duckdb-error.mapper';
import type { WarehouseColumn } from '../warehouse.interface';
import { postgresTypeName, toPostgresParam } from './postgres-values';
import { toPostgresQueryError } from './postgres-error.mapper';
import { uniqueNames, type RowCursor } from './row-cursor';

const CURSOR = 'chatbi_answer';

export interface PostgresCursorContext {
  server: string;
  /** Rows per FETCH at most. */
  fetchRows: number;
  /** Cancels the statement running on the backend with this process id (from another connection). */
  cancelBackend(pid: number): Promise<void>;
  onClose(cursor: PostgresCursor): void;
}

/**
 * One statement in its own READ ONLY transaction, read through a server-side cursor (FETCH n), so
 * rows reach the client only as fast as they are asked for. statement_timeout bounds each FETCH
 * on the server; a timer bounds the whole statement and cancels the running FETCH.
 */
export class PostgresCursor implements RowCursor {
  columns: WarehouseColumn[] = [];
  private names: string[] = [];
  private abortError?: ChatbiError;
  private fetching = false;
  private ended = false;
  private closed = false;
  private cancelSent = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: PoolClient,
    private readonly timeoutMs: number,
    private readonly context: PostgresCursorContext,
  ) {
    this.timer = setTimeout(() => this.abort(timeoutError(timeoutMs)), timeoutMs);
  }

  async start(sql: string, params: readonly unknown[]): Promise<void> {
    try {
      const values = params.map((p, i) => toPostgresParam(p, i + 1));
      await this.client.query('BEGIN TRANSACTION READ ONLY');
      await this.client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(this.timeoutMs))}`);
      // The extended protocol refuses several statements in one; DECLARE refuses anything but a query.
      await this.client.query({ text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`, values, queryMode: 'extended' } as never);
    } catch (error) {
      await this.close();
      throw this.abortError ?? toPostgresQueryError(error, this.timeoutMs, this.context.server);
    }
  }

  async next(limit: number): Promise<Record<string, unknown>[] | null> {
    if (this.abortError) throw this.abortError;
    if (this.ended || this.closed) return null;
    const count = Math.max(1, Math.min(this.context.fetchRows, Math.floor(limit)));
    let result: { rows: unknown[][]; fields: FieldDef[] };
    this.fetching = true;
    try {
      result = await this.client.query({ text: `FETCH FORWARD ${count} FROM ${CURSOR}`, rowMode: 'array' });
    } catch (error) {
      throw this.abortError ?? toPostgresQueryError(error, this.timeoutMs, this.context.server);
    } finally {
      this.fetching = false;
    }
    if (this.abortError) throw this.abortError;
    if (this.columns.length === 0) {
      this.names = uniqueNames(result.fields.map((f) => f.name));
      this.columns = result.fields.map((f, i) => ({ name: this.names[i], type: postgresTypeName(f.dataTypeID) }));
    }
    if (result.rows.length < count) this.ended = true;
    if (result.rows.length === 0) return null;
    return result.rows.map((values) => {
      const row: Record<string, unknown> = {};
      values.forEach((value, i) => (row[this.names[i]] = value));
      return row;
    });
  }

  /** Stops the statement; the cursor's next call fails with the given error. */
  abort(error: ChatbiError): void {
    if (this.closed || this.abortError) return;
    this.abortError = error;
    // pg sets processID on connect; its typings leave it out.
    const pid = (this.client as PoolClient & { processID?: number }).processID;
    if (this.fetching && pid) {
      this.cancelSent = true;
      void this.context.cancelBackend(pid).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    if (this.cancelSent) {
      // The cancel may reach the server after this statement ended and stop whatever runs next on
      // the connection: it is not lent again.
      this.client.release(new Error('a cancel request was sent to this connection'));
      this.context.onClose(this);
      return;
    }
    try {
      await this.client.query('ROLLBACK');
      this.client.release();
    } catch (error) {
      // A connection that cannot end its transaction is not given back to the pool.
      this.client.release(error instanceof Error ? error : new Error(String(error)));
    }
    this.context.onClose(this);
  }
}
