import fc from 'fast-check';
import { ChatbiError, type Plan, type PlanInput } from '@chatbi/contracts';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { mysqlDialect } from './dialects/mysql.dialect';
import { postgresDialect } from './dialects/postgres.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';
import { fixtureCatalogWithAccess } from './testing/access.fixture';
import { FIXTURE_FIRST_DAY, FIXTURE_LAST_DAY, FIXTURE_TODAY } from './testing/activity.fixture';
import { validPlan } from './testing/plan.arbitrary';

const PLANS = 12_000;
/** Attribute values no plan can hold, so that finding them in the parameters proves the filter was bound. */
const USER = { roles: ['analyst'], attributes: { app: 'app-7f3c', min_level: 424242, regions: ['region-9d1e', 'region-2b7a'] } };

const catalog = fixtureCatalogWithAccess();
const analyst = catalog.restrictedTo(USER.roles);
const templaters = [duckdbDialect, postgresDialect, mysqlDialect].map((dialect) => new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() }));

/** Each relation of the fixture with the parameters its filter binds, as the dialect quotes its name. */
const RELATIONS = [
  { name: 'activity', params: [USER.attributes.app, USER.attributes.min_level] },
  { name: 'City Info', params: USER.attributes.regions },
  { name: 'clicks_hourly', params: [USER.attributes.app] },
];

/** Plans of every shape: the generator's aggregates and comparisons, then rows, joins and exists mixed in. */
const plans: fc.Arbitrary<PlanInput> = validPlan(analyst, { firstDay: FIXTURE_FIRST_DAY, lastDay: FIXTURE_LAST_DAY, maxDays: 400 }).chain((plan) =>
  fc.oneof<fc.Arbitrary<PlanInput>[]>(
    fc.constant(plan),
    fc.constant(plan.view === 'activity' ? { ...plan, dimensions: [...(plan.dimensions ?? []), 'city_info.region'] } : plan),
    fc.constant(plan.view === 'activity' ? { ...plan, metrics: [...(plan.metrics ?? []), { column: 'city_info.population', agg: 'max' as const, as: 'largest' }] } : plan),
    fc.constantFrom('os', 'level').map((column) =>
      plan.view === 'cities' ? { ...plan, exists: [{ path: 'activity', where: [{ column, op: 'is not null' as const }], negate: column === 'level' }] } : plan,
    ),
    fc.constant(plan.view === 'cities' ? { ...plan, metrics: [...(plan.metrics ?? []), { column: 'activity.staytime', as: 'staytime' }] } : plan),
    fc.constant({ view: plan.view, rows: { columns: (plan.dimensions?.length ? plan.dimensions : analyst.view(plan.view)!.columns.slice(0, 2).map((c) => c.name)), distinct: true }, filters: plan.filters, limit: 10 }),
  ),
);

/** Every place a relation is read must be the filtered subquery, each binding the user's values. */
function unfilteredReads(sql: string, params: unknown[], quote: (name: string) => string): string[] {
  const problems: string[] = [];
  for (const relation of RELATIONS) {
    const name = quote(relation.name);
    const reads = sql.split(name).length - 1;
    const filtered = sql.split(`(SELECT * FROM ${name} WHERE (`).length - 1;
    if (reads !== filtered) problems.push(`${relation.name}: read ${reads} times, ${filtered} through its filter`);
    for (const value of relation.params) {
      if (params.filter((p) => p === value).length < filtered) problems.push(`${relation.name}: ${String(value)} bound fewer times than it is read`);
    }
  }
  return problems;
}

describe('row filters (fast-check)', () => {
  it(`${PLANS} random plans of every shape, on three dialects, never read a relation without the role's filter`, () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(plans, fc.nat(2), (plan, which) => {
        const templater = templaters[which];
        let result;
        try {
          result = templater.render(plan as Plan, analyst, FIXTURE_TODAY, USER.attributes);
        } catch (error) {
          if (!(error instanceof ChatbiError) || error.code === 'INTERNAL') throw error;
          refused++;
          return;
        }
        rendered++;
        for (const sql of [result.sql, ...(result.total ? [result.total] : [])]) {
          expect(unfilteredReads(sql.text, sql.params, templater.dialect.quote)).toEqual([]);
          expect(sql.text.includes(templater.dialect.quote(catalog.view(plan.view)!.source))).toBe(true);
        }
      }),
      { numRuns: PLANS, seed: 20261207 },
    );
    expect(rendered).toBeGreaterThanOrEqual(10_000);
    expect(refused).toBeLessThan(PLANS - 10_000);
  }, 300_000);
});
