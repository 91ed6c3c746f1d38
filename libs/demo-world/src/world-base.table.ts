/**
 * Temporary tables the fact tables are drawn from: calendar, per-app day factors, cities, app
 * installs ("users") and creators. They live in TEMP and never reach the file.
 */

import type { DemoWorldPlan } from './demo-world.options';
import {
  AGE_BY_APP, APP_NAMES, APP_SHARE, APP_WEEK_SHAPE, AUTHOR_TIER_ACTIVITY, BRAND_BY_OS, CHANNEL_BY_APP, CITIES,
  CITY_TIER_LIFT_BY_APP, DEVICE_TIER_BY_OS, GENDER_BY_APP, LOGGED_OUT_SHARE, OS_BY_APP, OS_VERSION_BY_OS,
  PUSH_ENABLED_SHARE, USER_TIER_ACTIVITY, USER_TIER_BY_APP, USER_TIER_INTENSITY, USER_TIER_LIFETIME_DAYS,
  VIDEO_CATEGORIES, type Weights,
} from './demo-world.vocabulary';
import { exponentialSql, mapSql, pickByKeySql, pickSql, sqlString, uniformSql } from './sql-random.helper';

/**
 * Installs register at a steady rate from this many days before the window to its end, and none
 * lives longer than this, so the window opens on a mature user base and no install registered
 * earlier could still be active in it.
 */
export const REGISTRATION_LEAD_DAYS = 1200;

/** Dates are keyed by days since 1970-01-01 so draws do not depend on where the window starts. */
export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** Growth and fan counts are anchored here rather than at the window start, for the same reason. */
export const TREND_ANCHOR = epochDay('2024-01-01');

export function cityWeightsByApp(): Record<string, Weights> {
  return Object.fromEntries(
    APP_NAMES.map((app) => [app, Object.fromEntries(CITIES.map((c) => [c.city, c.weight * CITY_TIER_LIFT_BY_APP[app][c.tier]]))]),
  );
}

export function worldBaseSql(plan: DemoWorldPlan): string[] {
  const { seed } = plan;
  const startKey = epochDay(plan.startDate);
  const u = (tag: string) => uniformSql(seed, tag, 'u_key');
  const weekShape = (app: string) => APP_WEEK_SHAPE[app as keyof typeof APP_WEEK_SHAPE];
  const dayFactor = (pick: 'friday' | 'weekend') => mapSql('app_name', Object.fromEntries(APP_NAMES.map((a) => [a, weekShape(a)[pick]])));
  const cityRows = CITIES.map(
    (c) => `(${sqlString(c.city)}, ${sqlString(c.province)}, ${sqlString(c.tier)}, ${sqlString(c.region)})`,
  ).join(', ');
  // Registrations per day at TREND_ANCHOR; they grow 8% a year, which makes the user base grow.
  const perDay = plan.users / (plan.days + REGISTRATION_LEAD_DAYS);
  const registrations = `(${perDay} * greatest(0.2, 1 + 0.08 * (reg_key - ${TREND_ANCHOR}) / 365.0))`;

  return [
    `CREATE TEMP TABLE w_days AS
     SELECT day_key, event_day, dayofweek(event_day) AS dow,
            -- Yearly cycle peaking in the summer holidays, low in late winter.
            1 + 0.1 * cos(2 * pi() * (dayofyear(event_day) - 205) / 365.25) AS season,
            -- Engagement creeps up about 3% a year.
            greatest(0.5, 1 + 0.03 * (day_key - ${TREND_ANCHOR}) / 365.0) AS trend
     FROM (SELECT ${startKey} + range AS day_key, DATE ${sqlString(plan.startDate)} + range::INTEGER AS event_day FROM range(${plan.days}))`,

    `CREATE TEMP TABLE w_day_app AS
     SELECT app_name, day_key, event_day, season,
            season * trend
              * CASE WHEN dow IN (0, 6) THEN ${dayFactor('weekend')} WHEN dow = 5 THEN ${dayFactor('friday')} ELSE 1 END AS active_factor,
            CASE WHEN dow IN (0, 6) THEN 1.15 ELSE 1 END AS usage_factor
     FROM w_days CROSS JOIN (SELECT unnest(${`[${APP_NAMES.map(sqlString).join(', ')}]`}) AS app_name)`,

    `CREATE TEMP TABLE w_cities (city VARCHAR, province VARCHAR, city_tier VARCHAR, region VARCHAR)`,
    `INSERT INTO w_cities VALUES ${cityRows}`,

    // An install is named by its registration day and its number on that day, so the same install
    // gets the same draws whatever the window.
    `CREATE TEMP TABLE w_users AS
     WITH reg AS (
       SELECT reg_key, unnest(range((floor(${registrations})
                + (${uniformSql(seed, 'registrations', 'reg_key')} < ${registrations} - floor(${registrations}))::INTEGER)::BIGINT)) AS j
       FROM (SELECT ${startKey - REGISTRATION_LEAD_DAYS} + range AS reg_key FROM range(${plan.days + REGISTRATION_LEAD_DAYS}))
     ), r AS (
       SELECT reg_key * 100000 + j AS u_key, reg_key,
              ${u('app')} AS r_app, ${u('os')} AS r_os, ${u('tier')} AS r_tier, ${u('city')} AS r_city,
              ${u('channel')} AS r_channel, ${u('age')} AS r_age, ${u('gender')} AS r_gender, ${u('osv')} AS r_osv,
              ${u('brand')} AS r_brand, ${u('dtier')} AS r_dtier, ${u('login')} AS r_login,
              ${u('life')} AS r_life, ${u('push')} AS r_push, ${u('wifi')} AS r_wifi, ${u('lag')} AS r_lag
       FROM reg
     ), a AS (
       SELECT *, ${pickSql('r_app', APP_SHARE)} AS app_name FROM r
     ), b AS (
       SELECT *, ${pickByKeySql('app_name', 'r_os', OS_BY_APP)} AS os,
              ${pickByKeySql('app_name', 'r_tier', USER_TIER_BY_APP)} AS user_tier,
              ${pickByKeySql('app_name', 'r_city', cityWeightsByApp())} AS city,
              ${pickByKeySql('app_name', 'r_channel', CHANNEL_BY_APP)} AS channel,
              ${pickByKeySql('app_name', 'r_age', AGE_BY_APP)} AS age_group,
              ${pickByKeySql('app_name', 'r_gender', GENDER_BY_APP)} AS gender
       FROM a
     ), c AS (
       SELECT *, ${pickByKeySql('os', 'r_osv', OS_VERSION_BY_OS)} AS os_version,
              ${pickByKeySql('os', 'r_brand', BRAND_BY_OS)} AS device_brand,
              ${pickByKeySql('os', 'r_dtier', DEVICE_TIER_BY_OS)} AS device_tier
       FROM b
     )
     SELECT c.u_key, c.app_name, c.os, c.os_version, c.device_brand, c.device_tier, c.city, ci.province, ci.city_tier,
            ci.region, c.channel, c.age_group, c.gender, c.user_tier,
            CASE WHEN c.r_login >= ${mapSql('c.app_name', LOGGED_OUT_SHARE)} THEN c.u_key END::BIGINT AS uid,
            md5(concat(${seed}, ':', c.u_key))[1:16] AS cuid,
            c.reg_key,
            (c.reg_key + least(${REGISTRATION_LEAD_DAYS - 1},
               floor(${exponentialSql('c.r_life', mapSql('c.user_tier', USER_TIER_LIFETIME_DAYS))})))::BIGINT AS end_key,
            ${mapSql('c.user_tier', USER_TIER_ACTIVITY)} AS base_activity,
            ${mapSql('c.user_tier', USER_TIER_INTENSITY)} AS intensity,
            c.r_push < ${mapSql('c.os', PUSH_ENABLED_SHARE)} AS is_push_enabled,
            0.3 + 0.55 * c.r_wifi AS wifi_share,
            floor(${exponentialSql('c.r_lag', 12)})::INTEGER AS version_lag
     FROM c JOIN w_cities ci USING (city)`,

    authorsSql(plan),
  ];
}

/**
 * Creators: author n makes videos in category n % 16, and lower n means more popular (video picks
 * are skewed towards low author numbers), so tiers follow rank within the category.
 */
function authorsSql(plan: DemoWorldPlan): string {
  const { seed } = plan;
  const perCategory = Math.floor(plan.authors / VIDEO_CATEGORIES.length);
  const a = (tag: string) => uniformSql(seed, tag, 'author_n');
  const topRanks = Math.max(1, Math.round(perCategory * 0.02));
  const midRanks = Math.max(topRanks + 1, Math.round(perCategory * 0.2));
  const categories = `[${VIDEO_CATEGORIES.map(sqlString).join(', ')}]`;
  return `CREATE TEMP TABLE w_authors AS
     WITH r AS (
       SELECT range AS author_n, range // ${VIDEO_CATEGORIES.length} AS author_rank,
              ${a('a_city')} AS r_city, ${a('a_gender')} AS r_gender, ${a('a_age')} AS r_age, ${a('a_verified')} AS r_verified,
              ${a('a_join')} AS r_join, ${a('a_join_day')} AS r_join_day, ${a('a_fans')} AS r_fans
       FROM range(${perCategory * VIDEO_CATEGORIES.length})
     ), t AS (
       SELECT *, CASE WHEN author_rank < ${topRanks} THEN 'top' WHEN author_rank < ${midRanks} THEN 'mid' ELSE 'tail' END AS author_tier
       FROM r
     ), c AS (
       SELECT *, ${pickSql('r_city', cityWeightsByApp().main)} AS city FROM t
     )
     SELECT author_n, 500000 + author_n AS author_id, author_tier,
            list_element(${categories}, (author_n % ${VIDEO_CATEGORIES.length})::INTEGER + 1) AS author_category,
            c.city, ci.province, ci.city_tier, ci.region,
            ${pickSql('r_gender', GENDER_BY_APP.main)} AS gender,
            ${pickSql('r_age', { under_18: 2, '18_24': 25, '25_30': 30, '31_40': 28, '41_50': 12, over_50: 5 })} AS age_group,
            CASE author_tier WHEN 'top' THEN true WHEN 'mid' THEN r_verified < 0.4 ELSE r_verified < 0.05 END AS is_verified,
            -- Most creators have always been there; some start posting in 2023-2026.
            CASE WHEN r_join < 0.85 THEN 0 ELSE ${epochDay('2023-01-01')} + floor(r_join_day * 1200)::INTEGER END AS start_key,
            ${mapSql('author_tier', AUTHOR_TIER_ACTIVITY)} AS base_activity,
            -- Follower counts spread over an order of magnitude within each tier.
            ${mapSql('author_tier', { top: 500_000, mid: 20_000, tail: 300 })} * exp(r_fans * ${mapSql('author_tier', { top: 2.5, mid: 2.3, tail: 3.5 })}) AS fans_base
     FROM c JOIN w_cities ci USING (city)`;
}
