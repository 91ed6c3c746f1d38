import fc from 'fast-check';
import type { Catalog, CatalogColumn, CatalogView } from '@chatbi/catalog';
import { addDays, type Grain, type PlanCompare, type PlanFilter, type PlanInput, type TimeRange } from '@chatbi/contracts';

const GRAIN_ORDER: Grain[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];
const COMPARISON_UNIT: Record<PlanCompare['kind'], Grain> = { dod: 'day', wow: 'week', mom: 'month', qoq: 'quarter', yoy: 'year' };

export interface PlanArbitraryOptions {
  /** Views to plan over; all of the catalog's when left out. */
  views?: string[];
  /** Absolute ranges are drawn inside [firstDay, lastDay]. */
  firstDay: string;
  lastDay: string;
  /** Relative ranges reach back at most this many days. */
  maxDays: number;
}

/**
 * Valid plans over a catalog, by construction: metrics from metric columns, dimensions from
 * dimension columns, filters whose values fit their columns (enum values, numbers for metrics),
 * comparisons only with a time range and no finer than the grain, order by answer columns.
 */
export function validPlan(catalog: Catalog, options: PlanArbitraryOptions): fc.Arbitrary<PlanInput> {
  const views = catalog.views.filter((v) => !options.views || options.views.includes(v.name));
  return fc.constantFrom(...views).chain((view) => planFor(view, options));
}

function planFor(view: CatalogView, options: PlanArbitraryOptions): fc.Arbitrary<PlanInput> {
  const metrics = view.columns.filter((c) => c.role === 'metric');
  const dimensions = view.columns.filter((c) => c.role === 'dimension');
  const time = view.columns.find((c) => c.role === 'time');
  const stringDims = dimensions.filter((c) => c.type === 'string' && c.values.length > 0);

  const metricArb = fc.uniqueArray(fc.constantFrom(...metrics), { minLength: 1, maxLength: 3, selector: (c) => c.name });
  const dimArb = fc.uniqueArray(fc.constantFrom(...dimensions), { minLength: 0, maxLength: 2, selector: (c) => c.name });
  const timeArb = time
    ? fc.option(
        fc.record({
          grain: fc.option(fc.constantFrom<Grain>('day', 'week', 'month', 'quarter', 'year'), { nil: undefined }),
          range: fc.option(rangeArb(options), { nil: undefined }),
        }),
        { nil: undefined },
      )
    : fc.constant(undefined);
  const filterArb = fc.array(filterFor(stringDims, metrics), { maxLength: 3 });

  return fc
    .tuple(metricArb, dimArb, timeArb, filterArb, fc.uniqueArray(fc.constantFrom<PlanCompare['kind']>('dod', 'wow', 'mom', 'qoq', 'yoy'), { maxLength: 2 }))
    .chain(([ms, ds, t, filters, kinds]) => {
      const grain = t?.grain;
      const compareKinds = t?.range ? kinds.filter((k) => !grain || GRAIN_ORDER.indexOf(COMPARISON_UNIT[k]) >= GRAIN_ORDER.indexOf(grain)) : [];
      return fc
        .tuple(
          fc.array(fc.constantFrom<'ratio' | 'diff' | 'both'>('ratio', 'diff', 'both'), { minLength: compareKinds.length, maxLength: compareKinds.length }),
          fc.array(fc.boolean(), { minLength: ms.length, maxLength: ms.length }),
          fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
          fc.boolean(),
          fc.nat(),
        )
        .map(([outputs, shareFlags, limit, descending, pick]): PlanInput => {
          const planMetrics = ms.map((m, i) => ({
            column: m.name,
            ...(ds.length > 0 && shareFlags[i] && summable(m) ? { share: true } : {}),
          }));
          const compare = compareKinds.map((kind, i) => ({ kind, output: outputs[i] }));
          const outputsNames = [
            ...(grain && time ? [time.name] : []),
            ...ds.map((d) => d.name),
            ...planMetrics.map((m) => m.column),
            ...planMetrics.filter((m) => m.share).map((m) => `${m.column}_share`),
            ...compare.flatMap((c) => planMetrics.flatMap((m) => (c.output === 'diff' ? [] : [`${m.column}_${c.kind}`]).concat(c.output === 'ratio' ? [] : [`${m.column}_${c.kind}_diff`]))),
          ];
          return {
            view: view.name,
            metrics: planMetrics,
            dimensions: ds.map((d) => d.name),
            ...(t && time ? { time: { column: time.name, ...(grain ? { grain } : {}), ...(t.range ? { range: t.range } : {}) } } : {}),
            filters,
            compare,
            order: limit ? [{ by: outputsNames[pick % outputsNames.length], dir: descending ? 'desc' : 'asc' }] : [],
            ...(limit ? { limit } : {}),
          };
        });
    });
}

function summable(column: CatalogColumn): boolean {
  return column.kind === 'virtual' || ['sum', 'count', 'count_distinct'].includes(column.agg ?? 'sum');
}

function rangeArb(options: PlanArbitraryOptions): fc.Arbitrary<TimeRange> {
  const span = Math.max(1, Math.round((Date.parse(options.lastDay) - Date.parse(options.firstDay)) / 86_400_000));
  return fc.oneof(
    fc.record({ kind: fc.constant('last' as const), n: fc.integer({ min: 1, max: options.maxDays }), unit: fc.constant('day' as const) }),
    fc.record({ kind: fc.constant('last' as const), n: fc.integer({ min: 1, max: Math.max(1, Math.floor(options.maxDays / 7)) }), unit: fc.constant('week' as const) }),
    fc.record({ kind: fc.constant('point' as const), unit: fc.constantFrom('day' as const, 'week' as const), offset: fc.integer({ min: -3, max: 0 }) }),
    fc.record({ kind: fc.constant('to_date' as const), unit: fc.constantFrom('week' as const, 'month' as const) }),
    fc
      .tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: 20 }))
      .map(([start, length]) => {
        const from = addDays(options.firstDay, start);
        const to = addDays(from, length);
        return { kind: 'absolute' as const, from, to: to > options.lastDay ? options.lastDay : to };
      }),
  );
}

function filterFor(stringDims: CatalogColumn[], metrics: CatalogColumn[]): fc.Arbitrary<PlanFilter> {
  const options: fc.Arbitrary<PlanFilter>[] = [];
  if (stringDims.length > 0) {
    const dim = fc.constantFrom(...stringDims);
    options.push(
      dim.chain((d) => fc.record({ column: fc.constant(d.name), op: fc.constantFrom('=' as const, '!=' as const), value: fc.constantFrom(...d.values.map((v) => String(v.value))) })),
      dim.chain((d) =>
        fc.record({
          column: fc.constant(d.name),
          op: fc.constantFrom('in' as const, 'not in' as const),
          value: fc.uniqueArray(fc.constantFrom(...d.values.map((v) => String(v.value))), { minLength: 1, maxLength: 3 }),
        }),
      ),
      dim.chain((d) =>
        fc.record({ column: fc.constant(d.name), op: fc.constant('like' as const), value: fc.constantFrom(...d.values.map((v) => `${String(v.value).slice(0, 2)}%`)) }),
      ),
      dim.map((d) => ({ column: d.name, op: 'is not null' as const })),
    );
  }
  const metric = fc.constantFrom(...metrics);
  options.push(
    metric.chain((m) => fc.record({ column: fc.constant(m.name), op: fc.constantFrom('>' as const, '>=' as const, '<' as const, '<=' as const), value: fc.integer({ min: 0, max: 2000 }) })),
    metric.chain((m) => fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 5000 })).map(([a, b]) => ({ column: m.name, op: 'between' as const, value: [a, a + b] }))),
  );
  return fc.oneof(...options);
}
