import type { RenderModel } from '../../apps/sql-templater/src/render-model';
import { plainMeasureSql } from '../../apps/sql-templater/src/measure.builder';

/**
 * The baseline: week-on-week in the form of the ChatBI paper's Figure 1 (Query 3). Two scans,
 * each aggregating its own seven days by DATE(event_day), the previous week's dates moved forward
 * by a week, joined with a LEFT OUTER JOIN on the date. Its metric expressions come from the same
 * render model as the templater's query, so that only the form differs; its division guards
 * against a zero week as the templater's does.
 */
export function paperWeekOnWeek(model: RenderModel, dialect: 'duckdb' | 'postgres' | 'mysql'): { text: string; params: unknown[] } {
  const time = model.time;
  const current = model.compare?.current;
  const previous = model.compare?.comparisons.find((c) => c.kind === 'wow')?.window;
  if (!time.column || !current || !previous) throw new Error('the paper form needs a plan with a time range and a WoW comparison');
  if (model.where.length > 0 || model.dimensions.length > 0) throw new Error('the paper form here takes no filters and no dimensions');
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return dialect === 'mysql' ? 'CAST(? AS DATE)' : `CAST($${params.length} AS DATE)`;
  };
  const day = `CAST(${time.column} AS DATE)`;
  const weekLater =
    dialect === 'mysql' ? `DATE(DATE_ADD(DATE(${time.column}), INTERVAL 1 WEEK))` : dialect === 'postgres' ? `CAST(${time.column} + INTERVAL '7 days' AS DATE)` : `CAST(${time.column} + INTERVAL 7 DAY AS DATE)`;
  const double = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
  const metrics = model.metrics.map((m, i) => `${plainMeasureSql(m.parts)} AS mt_${i + 1}`).join(', ');
  const where = (from: string, until: string) => `${time.column} >= ${param(from)} AND ${time.column} < ${param(until)}`;
  const origin = `SELECT ${day} AS xc_1, ${metrics}, 1 AS a FROM ${model.from.relation.name} WHERE ${where(current.from, current.until)} GROUP BY ${day}`;
  const week = `SELECT ${weekLater} AS xc_1, ${metrics} FROM ${model.from.relation.name} WHERE ${where(previous.from, previous.until)} GROUP BY ${weekLater}`;
  const columns = model.metrics.map((_, i) => `table_origin.mt_${i + 1} AS mt_${i + 1}`);
  const ratios = model.metrics.map(
    (_, i) => `(table_origin.mt_${i + 1} - table_1week.mt_${i + 1}) / NULLIF(CAST(table_1week.mt_${i + 1} AS ${double}), 0) AS mt_${model.metrics.length + i + 1}`,
  );
  return {
    text: [
      `SELECT table_origin.xc_1 AS xc_1, ${[...columns, ...ratios].join(', ')}`,
      `FROM (${origin}) AS table_origin`,
      `LEFT OUTER JOIN (${week}) AS table_1week ON table_origin.xc_1 = table_1week.xc_1`,
      `ORDER BY xc_1 ASC LIMIT ${model.limit}`,
    ].join('\n'),
    params,
  };
}
