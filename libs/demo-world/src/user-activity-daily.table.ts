/**
 * user_activity_daily: one row per active install per day. Built in two steps: w_activity decides
 * who is active and draws the app-level counters; the final table adds the video and search totals
 * of that user and day, so the views agree with each other.
 */

import type { DemoWorldPlan } from './demo-world.options';
import { CELLULAR_NETWORK, FIRST_ACTIVE_HOUR } from './demo-world.vocabulary';
import { exponentialSql, pickSql, uniformSql } from './sql-random.helper';
import { epochDay } from './world-base.table';

export function activityBaseSql(plan: DemoWorldPlan): string {
  const { seed } = plan;
  const [startKey, endKey] = [epochDay(plan.startDate), epochDay(plan.endDate)];
  const u = (tag: string) => uniformSql(seed, tag, 'u_key', 'day_key');
  return `CREATE TEMP TABLE w_activity AS
    WITH candidate AS (
      SELECT u.*, unnest(range(greatest(u.reg_key, ${startKey}), least(u.end_key, ${endKey}) + 1)) AS day_key
      FROM w_users u
      WHERE u.end_key >= ${startKey}
    ), active AS (
      SELECT c.*, da.event_day, da.usage_factor, c.day_key = c.reg_key AS is_new,
             -- A release every four weeks; each install upgrades after its own lag.
             floor(((da.event_day - DATE '1970-01-01') - c.version_lag) / 28)::INTEGER AS version_seq
      FROM candidate c JOIN w_day_app da USING (app_name, day_key)
      WHERE c.day_key = c.reg_key OR ${u('active')} < least(0.97, c.base_activity * da.active_factor)
    ), r AS (
      SELECT *, ${u('net')} AS r_net, ${u('cell')} AS r_cell, ${u('hour')} AS r_hour, ${u('launch')} AS r_launch,
             ${u('session')} AS r_session, ${u('pv')} AS r_pv, ${u('browse')} AS r_browse, ${u('push')} AS r_push,
             ${u('push_click')} AS r_push_click, ${u('crash')} AS r_crash, ${u('crash_more')} AS r_crash_more,
             ${u('videos')} AS r_videos, ${u('search')} AS r_search, ${u('searches')} AS r_searches
      FROM active
    ), m AS (
      SELECT *, 1 + floor(${exponentialSql('r_launch', '1.5 * intensity * usage_factor')})::INTEGER AS launches
      FROM r
    )
    SELECT u_key, day_key, event_day, app_name, os, os_version,
           concat(version_seq // 10 - 50, '.', version_seq % 10, '.0') AS app_version,
           device_brand, device_tier,
           CASE WHEN r_net < wifi_share THEN 'wifi' ELSE ${pickSql('r_cell', CELLULAR_NETWORK)} END AS network,
           province, city, city_tier, region, channel, age_group, gender,
           CASE WHEN is_new THEN 'new' ELSE 'returning' END AS user_type,
           user_tier, uid IS NOT NULL AS is_logged_in, is_push_enabled,
           (day_key - reg_key)::INTEGER AS days_since_register,
           ${pickSql('r_hour', FIRST_ACTIVE_HOUR)}::INTEGER AS first_active_hour,
           uid, cuid, launches,
           launches + floor(${exponentialSql('r_session', '0.8 * intensity')})::INTEGER AS sessions,
           floor(r_pv * 12)::INTEGER AS extra_pv,
           floor(r_browse * 240)::INTEGER + 30 AS browse_sec_per_session,
           CASE WHEN is_push_enabled THEN floor(r_push * 6)::INTEGER ELSE 0 END AS push_received,
           r_push_click AS r_push_click,
           -- Low-end phones crash more, and every x.3.0 release ships with a crash bug.
           CASE WHEN r_crash < 0.012 * (CASE WHEN device_tier = 'low' THEN 2 ELSE 1 END)
                               * (CASE WHEN version_seq % 10 = 3 THEN 4 ELSE 1 END)
                THEN 1 + (r_crash_more < 0.3)::INTEGER ELSE 0 END AS crashes,
           intensity,
           least(12, 1 + floor(${exponentialSql('r_videos', '1.2 * intensity * usage_factor')}))::INTEGER AS n_videos,
           CASE WHEN r_search < (0.12 + 0.12 * intensity) * (CASE WHEN app_name = 'large_font' THEN 0.6 ELSE 1 END)
                THEN 1 + floor(${exponentialSql('r_searches', 0.6)})::INTEGER ELSE 0 END AS n_queries
    FROM m
    -- Day order here carries over to the tables unnested from it, whose date filters then skip row groups.
    ORDER BY day_key, app_name`;
}

export function userActivityDailySql(): string {
  return `CREATE TEMP TABLE s_user_activity_daily AS
    WITH v AS (
      SELECT cuid, event_day, sum(vv) AS vv, sum(play_duration) AS play_duration, sum(likes) AS likes,
             sum(comments) AS comments, sum(shares) AS shares, sum(follows) AS follows,
             sum(ad_impressions) AS ad_impressions, sum(ad_clicks) AS ad_clicks, sum(ad_revenue) AS ad_revenue
      FROM video_play_daily GROUP BY cuid, event_day
    ), s AS (
      SELECT cuid, event_day, sum(search_pv) AS search_cnt FROM search_daily GROUP BY cuid, event_day
    ), j AS (
      SELECT a.*, coalesce(v.vv, 0) AS vv_total, coalesce(v.play_duration, 0) AS play_total,
             v.likes, v.comments, v.shares, v.follows, v.ad_impressions, v.ad_clicks, v.ad_revenue, s.search_cnt
      FROM w_activity a
      LEFT JOIN v ON v.cuid = a.cuid AND v.event_day = a.event_day
      LEFT JOIN s ON s.cuid = a.cuid AND s.event_day = a.event_day
    )
    SELECT event_day, app_name, os, os_version, app_version, device_brand, device_tier, network,
           province, city, city_tier, region, channel, age_group, gender, user_type, user_tier,
           is_logged_in, is_push_enabled, days_since_register, first_active_hour, uid, cuid,
           (browse_sec_per_session * sessions + play_total)::INTEGER AS staytime,
           launches, sessions,
           (sessions * 3 + extra_pv + vv_total)::INTEGER AS pv,
           vv_total::INTEGER AS vv,
           play_total::INTEGER AS play_duration,
           coalesce(likes, 0)::INTEGER AS likes,
           coalesce(comments, 0)::INTEGER AS comments,
           coalesce(shares, 0)::INTEGER AS shares,
           coalesce(follows, 0)::INTEGER AS follows,
           coalesce(search_cnt, 0)::INTEGER AS search_cnt,
           push_received,
           floor(push_received * r_push_click * 0.7)::INTEGER AS push_clicks,
           crashes,
           coalesce(ad_impressions, 0)::INTEGER AS ad_impressions,
           coalesce(ad_clicks, 0)::INTEGER AS ad_clicks,
           coalesce(ad_revenue, 0)::DECIMAL(12, 4) AS ad_revenue
    FROM j
    ORDER BY event_day, app_name`;
}
