import { Logger } from '@nestjs/common';
import type { SqlDialect } from '@chatbi/contracts';
import type { WarehouseLocation } from './warehouse-location';
import { openWarehouse } from './warehouse.opener';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse } from './warehouse.interface';

/**
 * A warehouse that may be down: the app starts and keeps serving without it, each query tries to
 * open it, and a query that finds it gone drops the handle so the next one tries again.
 */
export class ReopeningWarehouse implements Warehouse {
  private readonly logger = new Logger('Warehouse');
  private current?: Promise<Warehouse>;

  constructor(
    readonly dialect: SqlDialect,
    private readonly open: () => Promise<Warehouse>,
  ) {}

  /** The warehouse at this location, opened on first use (and again after it was lost). */
  static at(location: WarehouseLocation): ReopeningWarehouse {
    return new ReopeningWarehouse(location.dialect, () => openWarehouse(location));
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
    if (!this.current) {
      this.current = this.open();
      this.current.catch((error: unknown) => {
        this.logger.error(`${error instanceof Error ? error.message : String(error)}; questions answer WAREHOUSE_UNAVAILABLE until it can be opened`);
        this.current = undefined;
      });
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
