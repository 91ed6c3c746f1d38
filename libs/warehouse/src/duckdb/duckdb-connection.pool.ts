import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

/** A connection kept between statements, with the statements it has prepared (least recently used first). */
export interface PooledConnection {
  connection: DuckDBConnection;
  statements: Map<string, DuckDBPreparedStatement>;
}

export interface DuckDbConnectionPoolOptions {
  /** Idle connections kept; more are closed when released. */
  maxIdle: number;
  /** Prepared statements kept per connection. */
  maxStatements: number;
}

/**
 * Connections lent to one statement at a time, each remembering the statements it prepared. The
 * same SQL text (a plan shape with new values, a dashboard refreshed) then skips preparing: DuckDB
 * plans a statement with parameters again when it executes it, so preparing anew planned it twice.
 * A connection whose statement was interrupted or failed is closed rather than lent again.
 */
export class DuckDbConnectionPool {
  private readonly idle: PooledConnection[] = [];
  private closed = false;

  constructor(
    private readonly connect: () => Promise<DuckDBConnection>,
    private readonly options: DuckDbConnectionPoolOptions = { maxIdle: 8, maxStatements: 64 },
  ) {}

  async acquire(): Promise<PooledConnection> {
    return this.idle.pop() ?? { connection: await this.connect(), statements: new Map() };
  }

  release(pooled: PooledConnection, reusable: boolean): void {
    if (reusable && !this.closed && this.idle.length < this.options.maxIdle) this.idle.push(pooled);
    else destroy(pooled);
  }

  async prepare(pooled: PooledConnection, sql: string): Promise<DuckDBPreparedStatement> {
    const cached = pooled.statements.get(sql);
    if (cached) {
      pooled.statements.delete(sql); // re-inserted last: most recently used
      pooled.statements.set(sql, cached);
      return cached;
    }
    const prepared = await pooled.connection.prepare(sql);
    pooled.statements.set(sql, prepared);
    if (pooled.statements.size > this.options.maxStatements) {
      const [oldest, statement] = pooled.statements.entries().next().value!;
      pooled.statements.delete(oldest);
      statement.destroySync();
    }
    return prepared;
  }

  /** Closes the idle connections; those lent out close when released. */
  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) destroy(pooled);
  }

  get idleCount(): number {
    return this.idle.length;
  }
}

function destroy(pooled: PooledConnection): void {
  for (const statement of pooled.statements.values()) statement.destroySync();
  pooled.statements.clear();
  pooled.connection.disconnectSync();
}
