import { CatalogLoader, type Catalog } from '@chatbi/catalog';

/** Three small bilingual views for the offline planner specs; the last has no time column. */
export const FIXTURE_YAML = `
version: 1
settings: { data_latency_days: 1, default_range: { kind: last, n: 7, unit: day } }
views:
  - name: v_app_daily
    description: Daily activity per user and app
    aliases: { en: [app activity], zh: [应用活跃] }
    columns:
      - { name: event_day, type: date, role: time, description: Day, aliases: { en: [date, day], zh: [日期] } }
      - name: app_name
        type: string
        role: dimension
        description: App
        aliases: { en: [app, application, product], zh: [应用, 产品] }
        values:
          - { value: main, label: Main app, aliases: { en: [main version, flagship], zh: [主版, 主app] } }
          - { value: lite, label: Lite app, aliases: { en: [lite version], zh: [极速版] } }
      - name: os
        type: string
        role: dimension
        description: Operating system
        aliases: { en: [operating system, platform], zh: [操作系统, 系统] }
        values:
          - { value: ios, label: iOS, aliases: { en: [iphone], zh: [苹果] } }
          - { value: android, label: Android, aliases: { zh: [安卓] } }
      - name: city
        type: string
        role: dimension
        description: City
        aliases: { zh: [城市] }
        values:
          - { value: beijing, label: Beijing, aliases: { zh: [北京] } }
          - { value: tianjin, label: Tianjin, aliases: { zh: [天津] } }
      - name: gender
        type: string
        role: dimension
        description: Gender
        aliases: { en: [gender, sex], zh: [性别] }
        values:
          - { value: male, label: Male, aliases: { en: [men, male users], zh: [男, 男性] } }
          - { value: female, label: Female, aliases: { en: [women, female users], zh: [女, 女性] } }
      - { name: uid, type: string, role: id, description: User id, aliases: { en: [user id, user] } }
      - { name: vv, type: integer, role: metric, agg: sum, description: Video views, aliases: { en: [video views, views, plays], zh: [播放量, 播放次数] } }
      - { name: pv, type: integer, role: metric, agg: sum, description: Page views, aliases: { en: [page views], zh: [页面浏览量] } }
      - { name: playtime, type: integer, role: metric, agg: sum, description: Seconds played, aliases: { en: [playback time, play time, watch time, playback duration], zh: [播放时长] } }
      - { name: staytime, type: integer, role: metric, agg: sum, description: Seconds in app, aliases: { en: [stay seconds] } }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: Daily active users, aliases: { en: [daily active users, active users], zh: [日活, 日活跃用户, 活跃人数] } }
      - { key: active_uv, expr: "count(distinct case when vv > 0 then uid end)", role: metric, description: Users who played, aliases: { en: [active users, viewers], zh: [活跃用户] } }
      - { key: stay_time_min, expr: sum(staytime) / 60, role: metric, description: Minutes in app, aliases: { en: [stay time, time spent], zh: [停留时长, 使用时长] } }
  - name: v_search_daily
    description: Daily searches
    columns:
      - { name: event_day, type: date, role: time, description: Day }
      - name: app_name
        type: string
        role: dimension
        description: App
        aliases: { en: [app], zh: [应用] }
        values:
          - { value: main, label: Main app, aliases: { zh: [主版] } }
          - { value: lite, label: Lite app, aliases: { zh: [极速版] } }
      - name: city
        type: string
        role: dimension
        description: City
        aliases: { zh: [城市] }
        values:
          - { value: beijing, label: Beijing, aliases: { zh: [北京] } }
          - { value: shanghai, label: Shanghai, aliases: { zh: [上海] } }
      - { name: uid, type: string, role: id, description: User id }
      - { name: search_pv, type: integer, role: metric, agg: sum, description: Searches, aliases: { en: [searches, pv, search page views], zh: [搜索次数, 搜索量] } }
      - { name: clicks, type: integer, role: metric, agg: sum, description: Result clicks, aliases: { en: [result clicks], zh: [点击量] } }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: Daily searching users, aliases: { en: [daily active users], zh: [日活] } }
  - name: v_city_profile
    description: One row per city, no time
    columns:
      - name: city
        type: string
        role: dimension
        description: City
        aliases: { zh: [城市] }
        values:
          - { value: beijing, label: Beijing, aliases: { zh: [北京] } }
          - { value: tianjin, label: Tianjin, aliases: { zh: [天津] } }
      - { name: population, type: integer, role: metric, agg: sum, description: Inhabitants, aliases: { en: [inhabitants], zh: [人口] } }
`;

export function loadFixtureCatalog(): Catalog {
  return new CatalogLoader().loadSources([{ file: 'fixture.yaml', text: FIXTURE_YAML }]);
}
