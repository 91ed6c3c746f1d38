import { ChatbiError } from '@chatbi/contracts';
import { DuckDbWarehouse } from './duckdb/duckdb.warehouse';
import { MySqlWarehouse } from './mysql/mysql.warehouse';
import { PostgresWarehouse } from './postgres/postgres.warehouse';
import { SqliteWarehouse } from './sqlite/sqlite.warehouse';
import { warehouseLocationOf, type WarehouseLocation } from './warehouse-location';
import type { Warehouse } from './warehouse.interface';

export interface OpenWarehouseOptions {
  /** Timeout for relations(), distinctValues() and rowCount(); default 30 s. */
  metadataTimeoutMs?: number;
  /** Servers: how long to wait for a connection; default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * Opens the warehouse a URL (or a DuckDB or SQLite file) names, read-only, whatever the engine.
 * A failure is WAREHOUSE_UNAVAILABLE with what went wrong and what to check.
 */
export async function openWarehouse(where: string | WarehouseLocation, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  const location = typeof where === 'string' ? warehouseLocationOf(where) : where;
  try {
    switch (location.dialect) {
      case 'duckdb':
        return await DuckDbWarehouse.open(location.target, { readOnly: true, metadataTimeoutMs: options.metadataTimeoutMs });
      case 'sqlite':
        return await SqliteWarehouse.open(location.target);
      case 'postgres':
        return await PostgresWarehouse.open(location.target, options);
      case 'mysql':
        return await MySqlWarehouse.open(location.target, options);
    }
  } catch (error) {
    throw withFix(ChatbiError.from(error), location);
  }
}

/** Adds what to check to an open failure, from the engine's words. */
function withFix(error: ChatbiError, location: WarehouseLocation): ChatbiError {
  if (error.code !== 'WAREHOUSE_UNAVAILABLE') return error;
  const fix = fixFor(error.message, location);
  return fix ? new ChatbiError(error.code, `${error.message}. ${fix}`, error.details) : error;
}

function fixFor(message: string, location: WarehouseLocation): string | undefined {
  if (location.dialect === 'duckdb' || location.dialect === 'sqlite') {
    if (/does not exist/.test(message)) {
      return `Check the path (${location.dialect}:///absolute/path or ${location.dialect}://path/relative/to/the/working/directory)`;
    }
    return undefined;
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timeout|getaddrinfo/i.test(message)) {
    return 'Check the host and port in the URL, that the server runs, and that it accepts connections from this machine';
  }
  if (/password authentication|Access denied|authentication failed|no pg_hba\.conf entry/i.test(message)) {
    return 'Check the user and password in the URL (percent-encode special characters such as @ : / in the password)';
  }
  if (/database .* does not exist|Unknown database/i.test(message)) return 'Check the database name at the end of the URL';
  return undefined;
}
