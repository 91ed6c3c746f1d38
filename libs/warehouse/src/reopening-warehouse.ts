import { statSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { SqlDialect } from '@chatbi/contracts';
import type { WarehouseLocation } from './warehouse-location';
import { openWarehouse } from './warehouse.opener';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse } from './warehouse.interface';

/**
 * A warehouse that may be down: the app starts and keeps serving without it, each query tries to
 * open it, and a query that finds it gone drops the handle so the next one tries again. A file
 * warehouse replaced by another (a rename over it: a new inode) is reopened on the next query;
 * the old handle would go on reading the replaced file.
 */
export class ReopeningWarehouse implements Warehouse {
  private readonly logger = new Logger('Warehouse');
  private current?: Promise<Warehouse>;
  private openedFile?: string;
  /** The last failure to open that was logged: probes retry every few seconds, and the same failure is logged once. */
  private lastFailure?: string;

  constructor(
    readonly dialect: SqlDialect,
    private readonly open: () => Promise<Warehouse>,
    /** For a file warehouse: the file, whose identity is checked before each query. */
    private readonly file?: string,
  ) {}

  /** The warehouse at this location, opened on first use (and again after it was lost). */
  static at(location: WarehouseLocation): ReopeningWarehouse {
    const file = location.dialect === 'duckdb' || location.dialect === 'sqlite' ? location.target : undefined;
    return new ReopeningWarehouse(location.dialect, () => openWarehouse(location), file);
  }

  /** Opens it now, so that a start-up can say at once whether it is reachable; serving goes on either way. */
  async probe(): Promise<void> {
    await this.handle();
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    return this.use((w) => w.query(sql, params, options));
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncIterable<Record<string, unknown>> {
    const warehouse = await this.handle();
    yield* warehouse.stream(sql, params, options);
  }

  relations(): Promise<RelationInfo[]> {
    return this.use((w) => w.relations());
  }

  distinctValues(relation: string, column: string, limit: number): Promise<DistinctValues> {
    return this.use((w) => w.distinctValues(relation, column, limit));
  }

  rowCount(relation: string): Promise<number> {
    return this.use((w) => w.rowCount(relation));
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) await (await current.catch(() => undefined))?.close();
  }

  private async handle(): Promise<Warehouse> {
    const identity = this.file ? fileIdentity(this.file) : undefined;
    if (this.current && identity !== this.openedFile) {
      this.logger.log(`warehouse file ${this.file} was replaced: reopening it`);
      await this.close();
    }
    if (!this.current) {
      this.openedFile = identity;
      const opening = this.open();
      this.current = opening;
      opening.then(
        () => {
          if (this.lastFailure !== undefined) this.logger.log('the warehouse is open again');
          this.lastFailure = undefined;
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error.message : String(error);
          if (failure !== this.lastFailure) this.logger.error(`${failure}; questions answer WAREHOUSE_UNAVAILABLE until it can be opened`);
          this.lastFailure = failure;
          if (this.current === opening) this.current = undefined;
        },
      );
    }
    return this.current;
  }

  private async use<T>(work: (w: Warehouse) => Promise<T>): Promise<T> {
    const warehouse = await this.handle();
    try {
      return await work(warehouse);
    } catch (error) {
      if ((error as { code?: string }).code === 'WAREHOUSE_UNAVAILABLE') await this.close();
      throw error;
    }
  }
}

/** Device and inode: what changes when a file is replaced by a rename, and not when it is read. */
function fileIdentity(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}
