/** search_daily: one row per user, day and search session (a query and its refinements). */

import type { DemoWorldPlan } from './demo-world.options';
import { AGE_SEGMENT_OF, CATEGORY_BY_AGE_SEGMENT, SEARCH_ENTRANCE, SEARCH_TYPE_BY_APP, type Weights } from './demo-world.vocabulary';
import { exponentialSql, mapSql, pickByKeySql, pickSql, sqlList, sqlString, uniformSql } from './sql-random.helper';
import { QUERY_CATEGORIES, QUERY_CATEGORY_WEIGHT, SEARCH_QUERIES } from './search-query.vocabulary';

/** Query category weights per age group: the base weight times the age segment's video taste. */
export function queryCategoryWeightsByAgeGroup(): Record<string, Weights> {
  return Object.fromEntries(
    Object.entries(AGE_SEGMENT_OF).map(([age, segment]) => {
      const taste = CATEGORY_BY_AGE_SEGMENT[segment];
      const weights = QUERY_CATEGORIES.map((c) => [c, QUERY_CATEGORY_WEIGHT[c] * ((taste[c] ?? 6) / 6)] as const);
      return [age, Object.fromEntries(weights)];
    }),
  );
}

export function searchDailySql(plan: DemoWorldPlan): string {
  const u = (tag: string) => uniformSql(plan.seed, tag, 'u_key', 'day_key', 'k');
  const queryLists = `(CASE query_category ${QUERY_CATEGORIES.map((c) => `WHEN ${sqlString(c)} THEN ${sqlList(SEARCH_QUERIES[c])}`).join(' ')} END)`;
  const queryCounts = mapSql('query_category', Object.fromEntries(QUERY_CATEGORIES.map((c) => [c, SEARCH_QUERIES[c].length])));
  return `CREATE TEMP TABLE s_search_daily AS
    WITH s AS (
      SELECT u_key, day_key, event_day, app_name, os, network, province, city, city_tier, region, age_group, gender,
             user_type, uid, cuid, unnest(range(n_queries)) AS k
      FROM w_activity
    ), r AS (
      SELECT *, ${u('q_category')} AS r_category, ${u('q_text')} AS r_text, ${u('q_entrance')} AS r_entrance,
             ${u('q_type')} AS r_type, ${u('q_pv')} AS r_pv, ${u('q_no_result')} AS r_no_result, ${u('q_page')} AS r_page,
             ${u('q_click')} AS r_click, ${u('q_vv')} AS r_vv, ${u('q_duration')} AS r_duration, ${u('q_rewrite')} AS r_rewrite
      FROM s
    ), c AS (
      SELECT *, ${pickByKeySql('age_group', 'r_category', queryCategoryWeightsByAgeGroup())} AS query_category,
             ${pickSql('r_entrance', SEARCH_ENTRANCE)} AS search_entrance,
             ${pickByKeySql('app_name', 'r_type', SEARCH_TYPE_BY_APP)} AS search_type,
             1 + floor(${exponentialSql('r_pv', 0.5)})::INTEGER AS search_pv
      FROM r
    ), t AS (
      SELECT *, list_element(${queryLists}, 1 + floor(${queryCounts} * r_text * r_text)::INTEGER) AS query_text,
             r_no_result < CASE WHEN query_category IN ('people', 'local_life') THEN 0.07 ELSE 0.025 END AS no_result
      FROM c
    ), m AS (
      SELECT *, CASE WHEN no_result THEN 0 ELSE floor(${exponentialSql('r_click', 1.2)})::INTEGER END AS result_clicks
      FROM t
    )
    SELECT event_day, app_name, os, network, province, city, city_tier, region, age_group, gender, user_type,
           uid, cuid, query_text, query_category, search_entrance, search_type,
           search_pv,
           (search_pv + floor(r_page * 2.5))::INTEGER AS result_pv,
           result_clicks,
           (result_clicks + floor(r_vv * result_clicks))::INTEGER AS result_vv,
           ((result_clicks + floor(r_vv * result_clicks)) * (15 + floor(r_duration * 150)))::INTEGER AS result_play_duration,
           no_result::INTEGER AS no_result_cnt,
           ((r_rewrite < 0.12)::INTEGER + no_result::INTEGER)::INTEGER AS query_rewrites,
           CASE WHEN search_type = 'suggestion' THEN search_pv ELSE 0 END AS suggestion_clicks
    FROM m`;
}
