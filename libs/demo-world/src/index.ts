export { DEMO_CATALOG_DIR, locateDemoCatalogDir } from './demo-catalog.locator';
export { demoWorldSql, ensureDemoWorld, generateDemoWorld, inspectDemoWorld } from './demo-world.generator';
export { DEMO_META_TABLE, DEMO_WORLD_GENERATOR_VERSION, DEMO_WORLD_TABLES, type DemoWorldMeta } from './demo-world-meta.table';
export {
  DEFAULT_DEMO_SEED,
  DEMO_WORLD_PRESETS,
  resolveDemoWorldOptions,
  type DemoWorldCustomSize,
  type DemoWorldOptions,
  type DemoWorldPlan,
  type DemoWorldPreset,
  type DemoWorldSize,
  type DemoWorldSummary,
} from './demo-world.options';
