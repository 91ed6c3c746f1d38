export * from './warehouse.interface';
export * from './sql-identifier.util';
export * from './sql-placeholder.util';
export * from './duckdb/duckdb.warehouse';
