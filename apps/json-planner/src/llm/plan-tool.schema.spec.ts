import Ajv2020 from 'ajv/dist/2020';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { planJsonSchema, planSchema } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { checkToolPlan } from './plan-tool-input.validator';
import { PLAN_TOOL_NAME, planTool } from './plan-tool.schema';
import { storeCatalog } from './testing/store.catalog';

const demo: Catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
const store = storeCatalog();
const customers = store.view('customers')!;
const orders = store.view('orders')!;

/** Every property path a schema allows (arrays and unions see through, $ref followed), e.g. metrics.over.where.column. */
function propertyPaths(schema: any, root: any = schema, prefix = '', seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  const visit = (s: any, at: string) => {
    if (!s || typeof s !== 'object') return;
    if (typeof s.$ref === 'string') {
      const key = `${s.$ref}@${at}`;
      if (seen.has(key)) return;
      seen.add(key);
      const target = s.$ref.replace(/^#\//, '').split('/').reduce((node: any, part: string) => node?.[part], root);
      visit(target, at);
    }
    for (const [name, child] of Object.entries<any>(s.properties ?? {})) {
      const path = at ? `${at}.${name}` : name;
      out.add(path);
      visit(child, path);
    }
    visit(s.items, at);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(branch, at);
  };
  visit(schema, prefix);
  return out;
}

/** One plan of each shape the plan schema knows, all valid for the customers view of the store catalog. */
const EVERY_SHAPE = {
  'metric with agg, subset, ratio, scale and name': {
    view: 'customers',
    metrics: [{ column: 'customer_id', agg: 'count', where: [{ column: 'country', op: '=', value: 'fr' }], over: { column: 'customer_id', agg: 'count' }, scale: 100, as: 'fr_pct' }],
  },
  'per-day roll-up, share, time range and grain': {
    view: 'customers',
    metrics: [{ column: 'customer_id', agg: 'count_distinct', per: { grain: 'day', agg: 'avg' }, share: true }],
    dimensions: ['country'],
    time: { column: 'signup_day', range: { kind: 'last', n: 4, unit: 'week' } },
  },
  'rows listing': {
    view: 'customers',
    rows: { columns: ['name', 'age'], distinct: true },
    filters: [{ column: 'age', op: '>', value: 40 }],
    order: [{ by: 'age', dir: 'desc' }],
    limit: 10,
  },
  'having on a metric and on an aggregate of its own': {
    view: 'customers',
    metrics: [{ column: 'customer_id', agg: 'count', as: 'customers' }],
    dimensions: ['country'],
    having: [
      { metric: 'customers', op: '>', value: 1 },
      { metric: { column: 'age', agg: 'max' }, op: '<', value: 90 },
    ],
  },
  'exists and not exists along a relationship': {
    view: 'customers',
    rows: { columns: ['name'] },
    exists: [
      { path: 'orders', where: [{ column: 'channel', op: '=', value: 'web' }] },
      { path: 'orders', where: [{ column: 'amount', op: '>', value: 100 }], negate: true },
    ],
  },
  'comparisons with the previous value and all outputs': {
    view: 'customers',
    metrics: [{ column: 'customer_id', agg: 'count' }],
    time: { column: 'signup_day', grain: 'month', range: { kind: 'absolute', from: '2026-01-01', to: '2026-03-31' } },
    compare: [{ kind: 'mom', output: 'previous' }, { kind: 'yoy', output: 'all' }],
  },
  'semantic classification': {
    view: 'customers',
    metrics: [{ column: 'customer_id', agg: 'count' }],
    time: { column: 'signup_day', range: { kind: 'point', unit: 'month', offset: -1 } },
    semantic: [{ op: 'ai_classify', column: 'note', instruction: 'what the note is about', labels: ['billing', 'delivery'], as: 'topic' }],
  },
} as const;

describe('planTool', () => {
  const tool = planTool(customers, store);
  const validate = new Ajv2020({ strict: false }).compile(tool.parameters);

  it('is the plan tool, its input a JSON Schema of an object', () => {
    expect(tool.name).toBe(PLAN_TOOL_NAME);
    expect(tool.parameters).toMatchObject({ type: 'object', required: ['view'], properties: { view: { const: 'customers' } } });
  });

  it('has every field of the plan schema, so a model can write every plan shape', () => {
    const { $schema: _dialect, ...full } = planJsonSchema();
    const missing = [...propertyPaths(full)].filter((path) => !propertyPaths(tool.parameters).has(path));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(EVERY_SHAPE))('accepts a plan with %s, which the plan schema and the catalog accept too', (_shape, plan) => {
    expect(validate(plan) ? [] : validate.errors).toEqual([]);
    expect(planSchema.safeParse(plan).success).toBe(true);
    const check = checkToolPlan(plan, customers, store);
    expect(check.ok ? [] : check.errors).toEqual([]);
  });

  it('names column keys of the view and of its related views (relationship.column), by role, and nothing else', () => {
    const orderTool = planTool(orders, store);
    const col = (orderTool.parameters as any).$defs.col.anyOf;
    expect(col).toEqual([
      { description: 'metrics', enum: ['amount', 'row_count'] },
      { description: 'dimensions', enum: ['channel'] },
      {
        description: 'other',
        enum: [
          'order_day', 'order_id', 'customer_id', 'product_id',
          'buyer.customer_id', 'buyer.signup_day', 'buyer.name', 'buyer.age', 'buyer.country', 'buyer.note', 'buyer.row_count',
          'products.product_id', 'products.category', 'products.price', 'products.row_count',
        ],
      },
    ]);
    const v = new Ajv2020({ strict: false }).compile(orderTool.parameters);
    expect(v({ view: 'orders', metrics: [{ column: 'amount' }], dimensions: ['buyer.country'] })).toBe(true);
    expect(v({ view: 'orders', metrics: [{ column: 'amount' }], dimensions: ['country'] })).toBe(false);
    expect(v({ view: 'customers', metrics: [{ column: 'amount' }] })).toBe(false);
  });

  it('leaves out what the view cannot use: semantic operators without text, exists without relationships, hours on a date column', () => {
    const uad = planTool(demo.view('user_activity_daily')!, demo).parameters as any;
    expect(uad.properties.semantic).toBeUndefined();
    expect(uad.properties.exists).toBeUndefined();
    expect(uad.properties.time.properties.grain.enum).toEqual(['day', 'week', 'month', 'quarter', 'year']);
    expect(planTool(orders, store).parameters.properties).not.toHaveProperty('semantic');
    const text = JSON.stringify(uad);
    for (const other of demo.views.filter((v) => v.name !== 'user_activity_daily')) {
      for (const c of other.columns.filter((c) => !demo.view('user_activity_daily')!.columns.some((mine) => mine.name === c.name))) {
        expect(text).not.toContain(`"${c.name}"`);
      }
    }
  });

  it('is the same for every question on the view, so it can be cached', () => {
    expect(JSON.stringify(planTool(customers, store))).toBe(JSON.stringify(tool));
  });
});
