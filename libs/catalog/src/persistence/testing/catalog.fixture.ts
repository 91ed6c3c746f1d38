import { Catalog } from '../../catalog';
import { CatalogLoader } from '../../catalog-loader';

const VIEWS: Record<string, string> = {
  v_app_daily: `
  - name: v_app_daily
    description: One row per app, OS and day
    aliases: { en: [app daily], zh: [应用日报] }
    columns:
      - { name: event_day, type: date, role: time, description: Day }
      - name: app_name
        type: string
        role: dimension
        description: App
        values: [{ value: main, aliases: { zh: [主版] } }, { value: lite }]
      - { name: uid, type: integer, role: id, description: User }
      - { name: playtime, type: decimal, role: metric, description: Play time in seconds }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, type: integer, description: Daily active users }`,
  v_search: `
  - name: v_search
    source: analytics.search_log
    description: One row per search
    columns:
      - { name: event_day, type: date, role: time, description: Day }
      - { name: query, type: string, role: text, description: What was searched }`,
  v_feedback: `
  - name: v_feedback
    description: One row per feedback
    settings: { data_latency_days: 2 }
    columns:
      - { name: dt, type: date, role: time, description: Day }
      - { name: feedback_text, type: string, role: text, description: Free text }`,
};

/** A catalog of the named sample views, in that order, optionally with one description changed. */
export function sampleCatalog(names: string[], changed: Record<string, string> = {}): Catalog {
  const text = `version: 1\nviews:${names
    .map((n) => (changed[n] ? VIEWS[n].replace(/description: One row [^\n]*/, `description: ${changed[n]}`) : VIEWS[n]))
    .join('')}\n`;
  return new CatalogLoader().loadSources([{ file: 'catalog/sample.yaml', text }]);
}
