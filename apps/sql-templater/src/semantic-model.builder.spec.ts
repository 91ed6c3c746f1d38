import { CatalogLoader } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { mysqlDialect } from './dialects/mysql.dialect';
import { postgresDialect } from './dialects/postgres.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';

const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
const TODAY = '2026-11-18';
const plan: Plan = {
  view: 'user_feedback',
  metrics: [{ column: 'feedback_cnt' }, { column: 'feedback_user_cnt' }, { column: 'negative_ratio' }],
  dimensions: ['app_name'],
  filters: [{ column: 'os', op: '=', value: 'ios' }],
  compare: [],
  order: [],
  time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } },
  semantic: [{ op: 'ai_filter', column: 'feedback_text', instruction: "complains about login'; drop table x" }],
};
const templater = (dialect = duckdbDialect) => new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() });

describe('semantic plans in the templater', () => {
  it('renders the rows query: row key and text, the plan\'s filters and time window, no aggregate, no instruction', () => {
    const { sql, semantic } = templater().render(plan, catalog, TODAY);
    expect(semantic).toEqual({ keyColumn: '__row_key', textColumns: ['__text_0'] });
    expect(sql.text).toContain('"feedback_id" AS "__row_key"');
    expect(sql.text).toContain('"feedback_text" AS "__text_0"');
    expect(sql.text).toMatch(/WHERE "event_day" >= CAST\(\$1 AS DATE\) AND "event_day" < CAST\(\$2 AS DATE\) AND "os" = \$3/);
    expect(sql.text).not.toMatch(/count|drop|login/i);
    expect(sql.params).toEqual(['2026-11-11', '2026-11-18', 'ios']);
  });

  it.each([
    [duckdbDialect, /"feedback_id" IN \(SELECT unnest\(CAST\(\$4 AS BIGINT\[\]\)\)\)/, [['11', '12']]],
    [postgresDialect, /"feedback_id" = ANY\(CAST\(\$4 AS bigint\[\]\)\)/, [['11', '12']]],
    [mysqlDialect, /`feedback_id` IN \(CAST\(\? AS SIGNED\), CAST\(\? AS SIGNED\)\)/, ['11', '12']],
  ])('renders the aggregate over bound row keys in %s', (dialect, keyCondition, keyParams) => {
    const { sql } = templater(dialect).renderOverRows(plan, catalog, TODAY, ['11', '12']);
    expect(sql.text).toMatch(keyCondition);
    expect(sql.text).toMatch(/count\(distinct [`"]cuid[`"]\)/i);
    expect(sql.params.slice(3)).toEqual(keyParams);
  });

  it('renders no rows for an empty key list (an aggregate of nothing, not a syntax error)', () => {
    for (const dialect of [duckdbDialect, postgresDialect, mysqlDialect]) {
      expect(templater(dialect).renderOverRows(plan, catalog, TODAY, []).sql.text).toContain('1 = 0');
    }
  });

  it('refuses a period comparison with a semantic operator, naming the field', () => {
    expect(() => templater().render({ ...plan, compare: [{ kind: 'wow' }] }, catalog, TODAY)).toThrow(/plan\.compare/);
  });

  it('refuses a semantic operator on a column that is not text', () => {
    expect(() => templater().render({ ...plan, semantic: [{ op: 'ai_filter', column: 'app_name', instruction: 'x' }] }, catalog, TODAY)).toThrow(
      /semantic\[0\]\.column/,
    );
  });
});
