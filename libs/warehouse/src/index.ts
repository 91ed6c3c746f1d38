export * from './warehouse.interface';
export * from './sql-identifier.util';
export * from './sql-placeholder.util';
export * from './duckdb/duckdb.warehouse';
export * from './sqlite/sqlite.warehouse';
export * from './postgres/postgres.warehouse';
export * from './mysql/mysql.warehouse';
export * from './warehouse-metadata';
