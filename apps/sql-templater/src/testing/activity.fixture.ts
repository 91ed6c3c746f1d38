import { addDays } from '@chatbi/contracts';
import type { TableSpec } from './table-loader';

/**
 * A small warehouse built for the templater's tests: an activity table over two years and a bit,
 * with a day without any data (GAP_DAY), a month without the lite app (LITE_GAP_MONTH), NULL
 * operating systems, cities with quotes and unicode, and an hourly click table with a missing hour.
 */
export const FIXTURE_TODAY = '2026-03-10';
export const FIXTURE_FIRST_DAY = '2024-01-01';
export const FIXTURE_LAST_DAY = '2026-03-09';
export const GAP_DAY = '2026-02-28';
export const LITE_GAP_MONTH = '2025-11';
export const GAP_HOUR = '2026-03-08 13:00:00';

export const FIXTURE_CATALOG_YAML = `
version: 1
settings: { data_latency_days: 1 }
views:
  - name: activity
    description: one row per active user per day
    columns:
      - { name: event_day, type: date, role: time, description: day }
      - { name: app_name, type: string, role: dimension, description: app, values: [{ value: main }, { value: lite }] }
      - { name: os, type: string, role: dimension, description: operating system, values: [{ value: ios }, { value: android }] }
      - { name: city, type: string, role: dimension, description: city }
      - { name: level, type: integer, role: dimension, description: user level from 1 to 5 }
      - { name: is_new, type: boolean, role: dimension, description: registered that day }
      - { name: uid, type: string, role: id, description: user }
      - { name: staytime, type: integer, role: metric, agg: sum, description: seconds in app }
      - { name: revenue, type: decimal, role: metric, agg: sum, description: revenue }
      - { name: rating, type: integer, role: metric, agg: avg, description: rating given that day }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: daily active users }
      - { key: stay_time_min, expr: sum(staytime) / 60, role: metric, description: minutes }
      - { key: stay_time_per, expr: "stay_time_min / nullif(dau, 0)", role: metric, description: minutes per user }
      - { key: arpu, expr: "1.0 * sum(revenue) / nullif(dau, 0)", role: metric, description: revenue per user }
      - { key: new_users, expr: count(distinct case when is_new then uid end), role: metric, description: new users }
      - { key: city_group, expr: "case when city = '北京市' or city = 'Zürich' then 'big' else 'small' end", role: dimension, type: string, description: city size }
      - { key: daily_users, expr: count(distinct uid), role: metric, time_rollup: avg, description: users per day; over longer periods the average day }
  - name: cities
    source: City Info
    description: one row per city, one city has no activity
    row_key: city_name
    columns:
      - { name: city_name, source: City Name, type: string, role: id, description: city }
      - { name: region, source: Region, type: string, role: dimension, description: region, values: [{ value: east }, { value: west }] }
      - { name: population, source: Population, type: integer, role: metric, agg: sum, description: inhabitants }
  - name: clicks_hourly
    description: clicks per user per hour
    settings: { data_latency_days: 0 }
    columns:
      - { name: ts, type: timestamp, role: time, description: hour of the clicks }
      - { name: app_name, type: string, role: dimension, description: app, values: [{ value: main }, { value: lite }] }
      - { name: uid, type: string, role: id, description: user }
      - { name: clicks, type: integer, role: metric, agg: sum, description: clicks }
    virtual_columns:
      - { key: click_uv, expr: count(distinct uid), role: metric, description: users who clicked }
`;

/** Cities, joined to activity along a catalog relationship; names with spaces and capitals, as a warehouse may have them. */
export const CITIES_TABLE: TableSpec = {
  name: 'City Info',
  columns: [
    { name: 'City Name', type: 'string' },
    { name: 'Region', type: 'string' },
    { name: 'Population', type: 'integer' },
  ],
};

export interface CityRow {
  'City Name': string;
  Region: string;
  Population: number;
}

export const FIXTURE_RELATIONSHIPS_YAML = `
relationships:
  - { name: city_info, from: activity, to: cities, keys: [{ from: city, to: city_name }], kind: many_to_one }
`;

export function cityRows(): CityRow[] {
  return [...CITIES, 'Nowhere'].map((name, i) => ({ 'City Name': name, Region: i % 2 === 0 ? 'east' : 'west', Population: 1000 * (i + 1) }));
}

export interface ActivityRow {
  event_day: string;
  app_name: string;
  os: string | null;
  city: string;
  level: number;
  is_new: boolean;
  uid: string;
  staytime: number;
  revenue: number;
  rating: number;
}

export interface ClickRow {
  ts: string;
  app_name: string;
  uid: string;
  clicks: number;
}

export const ACTIVITY_TABLE: TableSpec = {
  name: 'activity',
  columns: [
    { name: 'event_day', type: 'date' },
    { name: 'app_name', type: 'string' },
    { name: 'os', type: 'string' },
    { name: 'city', type: 'string' },
    { name: 'level', type: 'integer' },
    { name: 'is_new', type: 'boolean' },
    { name: 'uid', type: 'string' },
    { name: 'staytime', type: 'integer' },
    { name: 'revenue', type: 'decimal' },
    { name: 'rating', type: 'integer' },
  ],
};

export const CLICKS_TABLE: TableSpec = {
  name: 'clicks_hourly',
  columns: [
    { name: 'ts', type: 'timestamp' },
    { name: 'app_name', type: 'string' },
    { name: 'uid', type: 'string' },
    { name: 'clicks', type: 'integer' },
  ],
};

const CITIES = ['北京市', "O'Brien's Town", 'Zürich', 'São Paulo', 'x_y; DROP TABLE activity; --'];

/** A deterministic integer hash (no Math.random): the same rows on every run. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function activityRows(): ActivityRow[] {
  const rows: ActivityRow[] = [];
  for (let d = 0; ; d++) {
    const day = addDays(FIXTURE_FIRST_DAY, d);
    if (day > FIXTURE_LAST_DAY) break;
    if (day === GAP_DAY) continue;
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    for (let u = 0; u < 36; u++) {
      const h = mix(d, u);
      if (h % 5 === 0 && !weekend) continue;
      const app = u % 3 === 0 ? 'lite' : 'main';
      if (app === 'lite' && day.startsWith(LITE_GAP_MONTH)) continue;
      rows.push({
        event_day: day,
        app_name: app,
        os: u % 7 === 0 ? null : u % 2 === 0 ? 'ios' : 'android',
        city: CITIES[mix(u) % CITIES.length],
        level: 1 + (mix(u, 7) % 5),
        is_new: mix(d, u, 3) % 11 === 0,
        uid: `u${u % (18 + (d % 7))}`,
        staytime: 30 + (h % 900) + (weekend ? 120 : 0),
        revenue: (mix(d, u, 5) % 10_000) / 100,
        rating: 1 + (mix(d, u, 9) % 5),
      });
    }
  }
  return rows;
}

export function clickRows(): ClickRow[] {
  const rows: ClickRow[] = [];
  const first = '2026-02-25';
  for (let d = 0; d < 14; d++) {
    const day = addDays(first, d);
    for (let hour = 0; hour < 24; hour++) {
      const ts = `${day} ${String(hour).padStart(2, '0')}:00:00`;
      if (ts === GAP_HOUR) continue;
      for (let u = 0; u < 6; u++) {
        if (mix(d, hour, u) % 3 === 0) continue;
        const minute = mix(d, hour, u, 1) % 60;
        rows.push({
          ts: `${day} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`,
          app_name: u % 2 === 0 ? 'main' : 'lite',
          uid: `c${u}`,
          clicks: 1 + (mix(d, hour, u, 2) % 20),
        });
      }
    }
  }
  return rows;
}
