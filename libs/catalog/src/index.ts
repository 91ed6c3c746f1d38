export * from './catalog';
export * from './catalog-file.schema';
export * from './catalog-loader';
export * from './virtual-expression';
