import type { DataSource } from 'typeorm';
import type { Warehouse } from '@chatbi/warehouse';
import type { ReadinessCheck } from './readiness';

/** The warehouse answers a trivial query (a lost connection is noticed, not only a file that cannot be opened). */
export function warehouseCheck(warehouse: Warehouse, options: { gatesConsumers?: boolean } = {}): ReadinessCheck {
  return {
    name: 'warehouse',
    gatesConsumers: options.gatesConsumers,
    check: async () => {
      await warehouse.query('SELECT 1 AS ok', [], { timeoutMs: 2_000, maxRows: 1 });
    },
  };
}

/** The metadata database (conversations, audit, catalog, receipts) answers. */
export function metadataCheck(dataSource: DataSource): ReadinessCheck {
  return {
    name: 'metadata',
    check: async () => {
      await dataSource.query('SELECT 1');
    },
  };
}
