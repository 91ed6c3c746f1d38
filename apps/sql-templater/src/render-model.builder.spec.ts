import { Catalog, type CatalogView } from '@chatbi/catalog';
import { ChatbiError, planSchema, type PlanInput } from '@chatbi/contracts';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { mysqlDialect } from './dialects/mysql.dialect';
import { postgresDialect } from './dialects/postgres.dialect';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { buildRenderModel } from './render-model.builder';
import { plainMeasureSql } from './measure.builder';
import { FIXTURE_TODAY } from './testing/activity.fixture';
import { fixtureCatalog } from './testing/fixture-warehouse';

const catalog = fixtureCatalog();

function build(plan: PlanInput, options: { dialect?: SqlDialectRules; on?: Catalog } = {}) {
  return buildRenderModel(planSchema.parse(plan), options.on ?? catalog, options.dialect ?? duckdbDialect, FIXTURE_TODAY);
}

function errorOf(fn: () => unknown): ChatbiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }
  throw new Error('expected an error');
}

const base = { view: 'activity', metrics: [{ column: 'dau' }] };

describe('buildRenderModel', () => {
  describe('rejects bad plans before any SQL exists, naming the plan field', () => {
    it.each<[string, PlanInput, string, RegExp]>([
      ['an unknown view', { view: 'users', metrics: [{ column: 'dau' }] }, 'view', /the catalog has no view named users/],
      ['an unknown metric', { ...base, metrics: [{ column: 'password' }] }, 'metrics[0].column', /view activity has no column password/],
      ['an unknown dimension', { ...base, dimensions: ['os', 'password'] }, 'dimensions[1]', /has no column password/],
      ['an unknown filter column', { ...base, filters: [{ column: 'secret', op: '=', value: 1 }] }, 'filters[0].column', /has no column secret/],
      ['an unknown time column', { ...base, time: { column: 'day' } }, 'time.column', /has no column day/],
      ['a dimension used as a metric', { ...base, metrics: [{ column: 'os' }] }, 'metrics[0].column', /os is a dimension, not a metric/],
      ['a metric used as a dimension', { ...base, dimensions: ['staytime'] }, 'dimensions[0]', /staytime is a metric and cannot be grouped by/],
      ['the time column used as a dimension', { ...base, dimensions: ['event_day'] }, 'dimensions[0]', /use time\.grain/],
      ['a dimension as the time column', { ...base, time: { column: 'os' } }, 'time.column', /not the time column/],
      ['a comparison without a time column', { ...base, compare: [{ kind: 'wow' }] }, 'compare', /needs time\.column \(event_day\)/],
      ['a comparison without a range', { ...base, time: { column: 'event_day', grain: 'day' }, compare: [{ kind: 'wow' }] }, 'compare', /needs time\.range/],
      ['the same comparison twice', { ...base, time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'wow' }, { kind: 'wow', output: 'diff' }] }, 'compare[1].kind', /wow is asked twice/],
      ['a comparison finer than the grain', { ...base, time: { column: 'event_day', grain: 'month', range: { kind: 'last', n: 3, unit: 'month' } }, compare: [{ kind: 'wow' }] }, 'compare[0].kind', /means nothing for rows by month/],
      ['hours of a date column', { ...base, time: { column: 'event_day', grain: 'hour' } }, 'time.grain', /event_day holds dates/],
      ['an aggregation of a virtual metric', { ...base, metrics: [{ column: 'dau', agg: 'sum' }] }, 'metrics[0].agg', /computed by the catalog/],
      ['two answer columns with one name', { ...base, metrics: [{ column: 'dau' }, { column: 'staytime', as: 'dau' }] }, 'metrics[1].as', /already has a column named dau/],
      ['a comparison output clashing with a metric', { ...base, metrics: [{ column: 'dau' }, { column: 'staytime', as: 'dau_wow' }], time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'wow' }] }, 'compare[0]', /already has a column named dau_wow/],
      ['a share without dimensions', { ...base, metrics: [{ column: 'staytime', share: true }] }, 'metrics[0].share', /needs dimensions/],
      ['a share of an average', { ...base, metrics: [{ column: 'rating', share: true }], dimensions: ['os'] }, 'metrics[0].share', /adds up/],
      ['ordering by a column the answer lacks', { ...base, order: [{ by: 'staytime', dir: 'desc' }] }, 'order[0].by', /staytime is not a column of the answer \(dau\)/],
      ['like on a number', { ...base, filters: [{ column: 'level', op: 'like', value: '1%' }] }, 'filters[0].op', /like matches text, and level holds numbers/],
      ['like on a metric', { ...base, filters: [{ column: 'dau', op: 'like', value: '1%' }] }, 'filters[0].op', /like matches text/],
      ['ordering booleans', { ...base, filters: [{ column: 'is_new', op: '>', value: true }] }, 'filters[0].op', /compare it with = or !=/],
      ['text for a number', { ...base, filters: [{ column: 'level', op: '=', value: 'three' }] }, 'filters[0].value', /"three" does not fit level, which holds numbers/],
      ['text for a metric filter', { ...base, filters: [{ column: 'dau', op: '>', value: 'many' }] }, 'filters[0].value', /does not fit dau/],
      ['a non-date for the time column', { ...base, filters: [{ column: 'event_day', op: '>=', value: 'yesterday' }] }, 'filters[0].value', /holds dates \(write YYYY-MM-DD\)/],
      ['an impossible date', { ...base, filters: [{ column: 'event_day', op: '=', value: '2026-02-30' }] }, 'filters[0].value', /does not fit event_day/],
      ['a date no engine holds (finding 9)', { ...base, filters: [{ column: 'event_day', op: '>=', value: '0001-01-01' }] }, 'filters[0].value', /does not fit event_day/],
      ['text that is not well-formed Unicode', { ...base, filters: [{ column: 'city', op: 'in', value: ['北京市', 'x\uD800y'] }] }, 'filters[0].value[1]', /not well-formed Unicode/],
      ['a bad value inside a list', { ...base, filters: [{ column: 'level', op: 'in', value: [1, 'two'] }] }, 'filters[0].value[1]', /"two" does not fit level/],
      ['a time filter that cannot narrow a comparison', { ...base, time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, filters: [{ column: 'event_day', op: '!=', value: '2026-03-05' }], compare: [{ kind: 'dod' }] }, 'filters[0].op', /can only be narrowed/],
      ['time filters leaving no days', { ...base, time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, filters: [{ column: 'event_day', op: '<', value: '2026-01-01' }], compare: [{ kind: 'dod' }] }, 'filters[0]', /leaves no days/],
    ])('%s', (_label, plan, field, message) => {
      const error = errorOf(() => build(plan));
      expect(error.details).toEqual({ field });
      expect(error.message.startsWith(`plan.${field}: `)).toBe(true);
      expect(error.message).toMatch(message);
      expect(['UNKNOWN_COLUMN', 'PLAN_INVALID']).toContain(error.code);
    });

    it('refuses an empty IN list even when the plan did not pass the schema', () => {
      const plan = { ...planSchema.parse(base), filters: [{ column: 'os', op: 'in' as const, value: [] }] };
      const error = errorOf(() => buildRenderModel(plan, catalog, duckdbDialect, FIXTURE_TODAY));
      expect(error.message).toBe('plan.filters[0].value: in needs a non-empty list of values');
    });

    it('refuses a grain the dialect cannot express', () => {
      const noQuarters: SqlDialectRules = { ...duckdbDialect, grains: ['day', 'week', 'month', 'year'] };
      const error = errorOf(() => build({ ...base, time: { column: 'event_day', grain: 'quarter' } }, { dialect: noQuarters }));
      expect(error.message).toBe('plan.time.grain: the duckdb dialect cannot group time by quarter (it can by day, week, month, year)');
    });

    it('names the virtual column on a cycle and on an unknown key', () => {
      const view = (virtual: { key: string; expr: string }[]): CatalogView => ({
        name: 'v',
        source: 'v',
        description: 'v',
        aliases: { en: [], zh: [] },
        dataLatencyDays: 1,
        sourceFile: 'v.yaml',
        columns: [
          { name: 'uid', source: 'uid', kind: 'physical', type: 'string', role: 'id', description: 'u', aliases: { en: [], zh: [] }, values: [] },
          ...virtual.map((v) => ({ name: v.key, source: v.key, kind: 'virtual' as const, type: 'decimal' as const, role: 'metric' as const, description: v.key, aliases: { en: [], zh: [] }, values: [], expr: v.expr })),
        ],
      });
      const cyclic = new Catalog([view([{ key: 'a', expr: 'b + 1' }, { key: 'b', expr: 'count(uid) / a' }])], 'x');
      expect(errorOf(() => build({ view: 'v', metrics: [{ column: 'a' }] }, { on: cyclic })).message).toBe(
        'plan.metrics[0].column: a: virtual column cycle: a -> b -> a',
      );
      const unknown = new Catalog([view([{ key: 'a', expr: 'sum(missing)' }])], 'y');
      expect(errorOf(() => build({ view: 'v', metrics: [{ column: 'a' }] }, { on: unknown })).message).toBe(
        'plan.metrics[0].column: a: virtual column a uses missing, which is not a column of the view',
      );
    });
  });

  describe('models', () => {
    it('expands virtual columns recursively, dividing as real numbers where integers would divide as integers', () => {
      const plan = { ...base, metrics: [{ column: 'stay_time_per' }] };
      expect(plainMeasureSql(build(plan).metrics[0].parts)).toBe('((sum("staytime") / 60) / nullif((count(distinct "uid")), 0))');
      expect(plainMeasureSql(build(plan, { dialect: postgresDialect }).metrics[0].parts)).toBe('((sum("staytime") * 1.0 / 60) * 1.0 / nullif((count(distinct "uid")), 0))');
      expect(plainMeasureSql(build(plan, { dialect: mysqlDialect }).metrics[0].parts)).toBe('((sum(`staytime`) / 60) / nullif((count(distinct `uid`)), 0))');
    });

    it('resolves relative ranges with the view\'s data latency: the last 7 days end yesterday, the last 2 hours of a latency-0 view end today', () => {
      expect(build({ ...base, time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } } }).span).toEqual({ from: '2026-03-03', to: '2026-03-09' });
      const clicks = build({ view: 'clicks_hourly', metrics: [{ column: 'clicks' }], time: { column: 'ts', range: { kind: 'last', n: 2, unit: 'day' } } });
      expect(clicks.span).toEqual({ from: '2026-03-09', to: '2026-03-10' });
      expect(clicks.time.type).toBe('timestamp');
    });

    it('coerces values to their column\'s type and keeps them as values', () => {
      const model = build({
        ...base,
        filters: [
          { column: 'level', op: 'in', value: ['2', 3] },
          { column: 'city', op: '=', value: 42 },
          { column: 'is_new', op: '=', value: 'true' },
        ],
      });
      expect(model.where.map((c) => [c.values, c.type])).toEqual([
        [[2, 3], 'number'],
        [['42'], 'string'],
        [[true], 'boolean'],
      ]);
    });

    it('reads one window per comparison kind: bucket keying for whole buckets, period keying otherwise', () => {
      const daily = build({ ...base, time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'dod' }, { kind: 'wow' }] });
      expect(daily.compare).toMatchObject({ keying: 'bucket', scans: [{ window: { from: '2026-02-24', until: '2026-03-10' } }], buckets: 14 });
      expect(daily.compare!.comparisons.map((c) => c.step)).toEqual([{ part: 'day', n: 1 }, { part: 'day', n: 7 }]);
      const yearly = build({ ...base, time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'yoy' }] });
      expect(yearly.compare!.scans.map((s) => s.window)).toEqual([
        { from: '2025-03-03', until: '2025-03-10' },
        { from: '2026-03-03', until: '2026-03-10' },
      ]);
      expect(yearly.compare!.buckets).toBe(14);
      expect(yearly.compare!.comparisons[0].step).toBeNull();
      const weekly = build({ ...base, time: { column: 'event_day', grain: 'week', range: { kind: 'last', n: 30, unit: 'day' } }, compare: [{ kind: 'wow' }] });
      expect(weekly.compare!.keying).toBe('period');
      expect(weekly.compare!.buckets).toBeNull();
      const total = build({ ...base, time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'wow' }, { kind: 'dod' }] });
      expect(total.compare!.scans.map((s) => s.periods.map((p) => p.label))).toEqual([['wow', 'current'], ['dod']]);
    });
  });
});
