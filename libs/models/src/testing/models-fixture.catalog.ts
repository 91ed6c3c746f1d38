import { CatalogLoader, type Catalog } from '@chatbi/catalog';

/**
 * Three small bilingual views for this library's specs: plays live in two of them (the narrower
 * video view should win), searches and feedback in one each.
 */
export const MODELS_FIXTURE_YAML = `
version: 1
views:
  - name: app_daily
    description: Daily app usage
    columns:
      - { name: event_day, type: date, role: time, description: Day, aliases: { en: [date], zh: [日期] } }
      - name: app_name
        type: string
        role: dimension
        description: App
        aliases: { en: [app, product], zh: [产品, 应用] }
        values:
          - { value: main, label: Main app, aliases: { en: [main app], zh: [主版] } }
          - { value: lite, label: Lite app, aliases: { en: [lite app], zh: [极速版] } }
      - name: city
        type: string
        role: dimension
        description: City
        aliases: { en: [city], zh: [城市] }
        values:
          - { value: tianjin, label: Tianjin, aliases: { zh: [天津] } }
          - { value: chengdu, label: Chengdu, aliases: { zh: [成都] } }
      - { name: device_tier, type: string, role: dimension, description: Phone tier, aliases: { en: [device tier], zh: [机型档次] } }
      - { name: uid, type: string, role: id, description: User }
      - { name: staytime, type: integer, role: metric, description: Seconds in app, aliases: { en: [time spent, usage time], zh: [使用时长] } }
      - { name: launches, type: integer, role: metric, description: Launches, aliases: { en: [launches, app opens], zh: [启动次数] } }
      - { name: vv, type: integer, role: metric, description: Plays, aliases: { en: [plays, video views], zh: [播放量] } }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: Daily active users, aliases: { en: [DAU, daily active users, active users], zh: [日活, 活跃用户] } }
  - name: video_daily
    description: Video plays
    columns:
      - { name: event_day, type: date, role: time, description: Day, aliases: { en: [date], zh: [日期] } }
      - name: app_name
        type: string
        role: dimension
        description: App
        aliases: { en: [app, product], zh: [产品, 应用] }
        values:
          - { value: main, label: Main app, aliases: { en: [main app], zh: [主版] } }
          - { value: lite, label: Lite app, aliases: { en: [lite app], zh: [极速版] } }
      - name: category
        type: string
        role: dimension
        description: Video category
        aliases: { en: [video category, category], zh: [视频分类] }
        values:
          - { value: comedy, label: Comedy, aliases: { en: [funny videos], zh: [搞笑] } }
          - { value: gaming, label: Gaming, aliases: { en: [games], zh: [游戏] } }
      - { name: vv, type: integer, role: metric, description: Plays, aliases: { en: [plays, video views], zh: [播放量] } }
      - { name: complete_vv, type: integer, role: metric, description: Completed plays, aliases: { en: [completed plays], zh: [完播次数] } }
    virtual_columns:
      - { key: completion_rate, expr: sum(complete_vv) / sum(vv), role: metric, description: Completion rate, aliases: { en: [completion rate], zh: [完播率] } }
  - name: search_daily
    description: Searches
    columns:
      - { name: event_day, type: date, role: time, description: Day, aliases: { en: [date], zh: [日期] } }
      - name: app_name
        type: string
        role: dimension
        description: App
        aliases: { en: [app, product], zh: [产品, 应用] }
        values:
          - { value: main, label: Main app, aliases: { en: [main app], zh: [主版] } }
          - { value: lite, label: Lite app, aliases: { en: [lite app], zh: [极速版] } }
      - name: city
        type: string
        role: dimension
        description: City
        aliases: { en: [city], zh: [城市] }
        values:
          - { value: tianjin, label: Tianjin, aliases: { zh: [天津] } }
          - { value: chengdu, label: Chengdu, aliases: { zh: [成都] } }
      - { name: search_pv, type: integer, role: metric, description: Searches, aliases: { en: [searches, search volume], zh: [搜索量, 搜索次数] } }
      - { name: clicks, type: integer, role: metric, description: Result clicks, aliases: { en: [result clicks], zh: [结果点击] } }
    virtual_columns:
      - { key: search_ctr, expr: sum(clicks) / sum(search_pv), role: metric, description: Search CTR, aliases: { en: [search CTR], zh: [搜索点击率] } }
`;

export function loadModelsFixtureCatalog(yaml = MODELS_FIXTURE_YAML): Catalog {
  return new CatalogLoader().loadSources([{ file: 'models-fixture.yaml', text: yaml }]);
}

/** Small generated sets: the fixture's models train in about a second. */
export const FIXTURE_QUESTIONS = { perView: 150, completeness: 600 };
