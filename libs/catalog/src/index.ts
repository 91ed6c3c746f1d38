export * from './catalog';
export * from './catalog-file.schema';
export * from './catalog-loader';
export * from './virtual-expression';
export * from './catalog.registry';
export * from './plan-catalog.validator';
export * from './catalog.module';
