import type { Readable } from 'node:stream';
import type { FieldPacket, PoolConnection } from 'mysql2';
import { ChatbiError } from '@chatbi/contracts';
import { timeoutError } from '../duckdb/duckdb-error.mapper';
import { uniqueNames, type RowCursor } from '../postgres/row-cursor';
import type { WarehouseColumn } from '../warehouse.interface';
import { toMySqlQueryError } from './mysql-error.mapper';
import { mysqlTypeName, mysqlValueConverter, toMySqlParam } from './mysql-values';

export type MySqlFlavour = 'mysql' | 'mariadb';

export interface MySqlCursorContext {
  server: string;
  flavour: MySqlFlavour;
  /** Stops the statement running on this connection id (from another connection). */
  killQuery(threadId: number): Promise<void>;
  onClose(cursor: MySqlCursor): void;
}

/**
 * One statement in its own READ ONLY transaction, executed as a prepared statement (values bound
 * by the server) and streamed: mysql2 pauses the socket while rows wait to be read. The server
 * bounds the statement (max_statement_time on MariaDB, max_execution_time on MySQL); a timer
 * bounds the whole read and kills the query.
 */
export class MySqlCursor implements RowCursor {
  columns: WarehouseColumn[] = [];
  private names: string[] = [];
  private converters: ((value: unknown) => unknown)[] = [];
  private stream?: Readable;
  private rows?: AsyncIterator<unknown[]>;
  private buffered: unknown[][] = [];
  private abortError?: ChatbiError;
  private ended = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly connection: PoolConnection,
    private readonly timeoutMs: number,
    private readonly context: MySqlCursorContext,
  ) {
    this.timer = setTimeout(() => this.abort(timeoutError(timeoutMs)), timeoutMs);
  }

  async start(sql: string, params: readonly unknown[]): Promise<void> {
    try {
      const values = params.map((p, i) => toMySqlParam(p, i + 1));
      const limit =
        this.context.flavour === 'mariadb'
          ? `SET SESSION max_statement_time = ${(Math.max(1, Math.ceil(this.timeoutMs)) / 1000).toFixed(3)}`
          : `SET SESSION max_execution_time = ${Math.max(1, Math.ceil(this.timeoutMs))}`;
      await this.run(limit);
      await this.run('START TRANSACTION READ ONLY');
      const command = this.connection.execute({ sql, values: values as never, rowsAsArray: true });
      const stream = (command as unknown as { stream(options: object): Readable }).stream({ highWaterMark: 256 });
      stream.on('fields', (fields: FieldPacket[]) => this.describe(fields));
      this.stream = stream;
      this.rows = stream[Symbol.asyncIterator]();
      // The first row (or the end, or the error) shows whether the statement runs at all.
      const first = await this.rows.next();
      if (first.done) this.ended = true;
      else this.buffered.push(first.value);
    } catch (error) {
      await this.close();
      throw this.abortError ?? toMySqlQueryError(error, this.timeoutMs, this.context.server);
    }
  }

  async next(limit: number): Promise<Record<string, unknown>[] | null> {
    if (this.abortError) throw this.abortError;
    const want = Math.max(1, Math.floor(limit));
    const chunk = this.buffered.splice(0, want);
    try {
      while (chunk.length < want && !this.ended && this.rows) {
        const step = await this.rows.next();
        if (step.done) this.ended = true;
        else chunk.push(step.value);
      }
    } catch (error) {
      throw this.abortError ?? toMySqlQueryError(error, this.timeoutMs, this.context.server);
    }
    if (this.abortError) throw this.abortError;
    if (chunk.length === 0) return null;
    return chunk.map((values) => {
      const row: Record<string, unknown> = {};
      values.forEach((value, i) => (row[this.names[i]] = this.converters[i](value)));
      return row;
    });
  }

  /** Stops the statement; the cursor's next call fails with the given error. */
  abort(error: ChatbiError): void {
    if (this.closed || this.abortError) return;
    this.abortError = error;
    if (!this.ended) {
      void this.context.killQuery(this.connection.threadId).catch(() => undefined);
      this.stream?.destroy(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    if (this.ended && !this.abortError) {
      try {
        await this.run('ROLLBACK');
        this.connection.release();
      } catch {
        this.connection.destroy();
      }
    } else {
      // Rows may still be on their way: a connection in the middle of a result is not reusable.
      if (!this.ended) void this.context.killQuery(this.connection.threadId).catch(() => undefined);
      this.stream?.destroy();
      this.connection.destroy();
    }
    this.context.onClose(this);
  }

  private describe(fields: FieldPacket[]): void {
    this.names = uniqueNames(fields.map((f) => f.name));
    this.columns = fields.map((f, i) => ({ name: this.names[i], type: mysqlTypeName(f) }));
    this.converters = fields.map(mysqlValueConverter);
  }

  private run(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.connection.query(sql, (error) => (error ? reject(error) : resolve())));
  }
}
