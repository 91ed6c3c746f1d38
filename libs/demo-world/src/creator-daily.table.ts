/**
 * creator_daily: one row per creator per day on which the creator was active (posted, went live or
 * opened the creator studio). Content is shared by all apps, so there is no app dimension.
 */

import type { DemoWorldPlan } from './demo-world.options';
import { exponentialSql, mapSql, uniformSql } from './sql-random.helper';
import { TREND_ANCHOR, epochDay } from './world-base.table';

export function creatorDailySql(plan: DemoWorldPlan): string {
  const u = (tag: string) => uniformSql(plan.seed, tag, 'author_n', 'day_key');
  const [startKey, endKey] = [epochDay(plan.startDate), epochDay(plan.endDate)];
  return `CREATE TEMP TABLE s_creator_daily AS
    WITH candidate AS (
      SELECT a.*, unnest(range(greatest(a.start_key, ${startKey}), ${endKey + 1})) AS day_key FROM w_authors a
    ), active AS (
      SELECT c.*, d.event_day, d.season, d.dow IN (0, 6) AS is_weekend
      FROM candidate c JOIN w_days d USING (day_key)
      WHERE ${u('c_active')} < least(0.97, c.base_activity * d.season * d.trend * CASE WHEN d.dow IN (0, 6) THEN 1.12 ELSE 1 END)
    ), r AS (
      SELECT *, ${u('c_publish')} AS r_publish, ${u('c_vv')} AS r_vv, ${u('c_like')} AS r_like, ${u('c_comment')} AS r_comment,
             ${u('c_share')} AS r_share, ${u('c_fans')} AS r_fans, ${u('c_lost')} AS r_lost, ${u('c_live')} AS r_live,
             ${u('c_live_len')} AS r_live_len, ${u('c_live_pay')} AS r_live_pay, ${u('c_income')} AS r_income
      FROM active
    ), p AS (
      SELECT *, floor(${exponentialSql('r_publish', mapSql('author_tier', { top: 2, mid: 1, tail: 0.6 }))})::INTEGER AS publish_cnt,
             CASE WHEN r_live < ${mapSql('author_tier', { top: 0.4, mid: 0.15, tail: 0.03 })}
                  THEN 20 + floor(r_live_len * 200)::INTEGER ELSE 0 END AS live_minutes
      FROM r
    ), v AS (
      SELECT *, floor(${mapSql('author_tier', { top: 150_000, mid: 6_000, tail: 200 })} * (0.3 + 1.4 * r_vv) * season
                      * (1 + 0.5 * publish_cnt))::BIGINT AS content_vv,
             live_minutes * ${mapSql('author_tier', { top: 30, mid: 3, tail: 0.3 })} * (0.5 + r_live_pay) AS live_income_raw
      FROM p
    ), l AS (
      SELECT *, floor(content_vv * (0.02 + 0.05 * r_like))::BIGINT AS content_likes,
             floor(content_vv * (0.0005 + 0.003 * r_fans))::BIGINT AS new_fans
      FROM v
    )
    SELECT event_day, author_id, author_tier, author_category, province, city, city_tier, region, gender, age_group,
           is_verified, publish_cnt, content_vv, content_likes,
           floor(content_likes * (0.05 + 0.15 * r_comment))::BIGINT AS content_comments,
           floor(content_likes * (0.03 + 0.1 * r_share))::BIGINT AS content_shares,
           new_fans,
           floor(new_fans * (0.1 + 0.5 * r_lost))::BIGINT AS lost_fans,
           floor(fans_base * greatest(0.3, 1 + 0.0008 * (day_key - ${TREND_ANCHOR})))::BIGINT AS fans_total,
           live_minutes,
           round(live_income_raw, 2)::DECIMAL(14, 2) AS live_income,
           round(content_vv * 0.002 * (0.5 + r_income) + live_income_raw, 2)::DECIMAL(14, 2) AS creator_income
    FROM l
    ORDER BY event_day`;
}
