export * from './dialects/duckdb.dialect';
export * from './dialects/sql-dialect';
export * from './render-model.builder';
export * from './sql-templater.module';
export * from './sql-templater.service';
export * from './templates-dir';
