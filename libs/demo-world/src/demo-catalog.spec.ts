import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CatalogLoader, expandVirtual, type Catalog, type CatalogView } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR, locateDemoCatalogDir } from './demo-catalog.locator';
import { AGE_GROUPS, APP_NAMES, CITIES, VIDEO_CATEGORIES } from './demo-world.vocabulary';

const quote = (c: string) => `"${c}"`;

function scope(view: CatalogView) {
  return {
    virtual: new Map(view.columns.filter((c) => c.kind === 'virtual').map((c) => [c.name, c.expr!])),
    physical: new Set(view.columns.filter((c) => c.kind === 'physical').map((c) => c.name)),
    quote,
  };
}

describe('demo catalog', () => {
  let catalog: Catalog;

  beforeAll(() => {
    catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
  });

  it('is found from source and from the compiled dist folder', () => {
    expect(isAbsolute(DEMO_CATALOG_DIR)).toBe(true);
    expect(existsSync(join(DEMO_CATALOG_DIR, 'user-activity-daily.yaml'))).toBe(true);
    const fromDist = locateDemoCatalogDir(join(__dirname, '..', '..', '..', 'dist', 'libs', 'demo-world', 'src'));
    expect(fromDist).toBe(DEMO_CATALOG_DIR);
  });

  it('loads with at least 4 views and 200 columns', () => {
    expect(catalog.views.length).toBeGreaterThanOrEqual(4);
    const columns = catalog.views.reduce((n, v) => n + v.columns.length, 0);
    expect(columns).toBeGreaterThanOrEqual(200);
    for (const view of catalog.views) expect(view.dataLatencyDays).toBe(1);
  });

  it('gives every view exactly one time column, event_day of type date', () => {
    for (const view of catalog.views) {
      const times = view.columns.filter((c) => c.role === 'time');
      expect(times.map((c) => [c.name, c.type])).toEqual([['event_day', 'date']]);
    }
  });

  it('describes and aliases views, metrics and dimensions in English and Chinese', () => {
    for (const view of catalog.views) {
      expect(view.aliases.en.length).toBeGreaterThan(0);
      expect(view.aliases.zh.length).toBeGreaterThan(0);
      for (const column of view.columns) {
        const where = `${view.name}.${column.name}`;
        expect([where, column.description.length > 10]).toEqual([where, true]);
        if (column.role === 'metric' || column.role === 'dimension') {
          expect([where, column.aliases.en.length > 0, column.aliases.zh.length > 0]).toEqual([where, true, true]);
        }
        for (const value of column.values) {
          expect([where, value.value, value.aliases.en.length > 0, value.aliases.zh.length > 0]).toEqual([where, value.value, true, true]);
        }
      }
    }
  });

  it('names the apps, cities, age groups and categories the generator draws', () => {
    const activity = catalog.view('user_activity_daily')!;
    const values = (view: CatalogView, column: string) => view.columns.find((c) => c.name === column)!.values.map((v) => v.value);
    expect(values(activity, 'app_name')).toEqual([...APP_NAMES]);
    expect(values(activity, 'city').sort()).toEqual(CITIES.map((c) => c.city).sort());
    expect(values(activity, 'age_group')).toEqual([...AGE_GROUPS]);
    expect(values(catalog.view('video_play_daily')!, 'video_category')).toEqual([...VIDEO_CATEGORIES]);
    const main = activity.columns.find((c) => c.name === 'app_name')!.values.find((v) => v.value === 'main')!;
    expect(main.aliases.zh).toEqual(expect.arrayContaining(['主版', '主app', '主端']));
    expect(main.aliases.en).toEqual(expect.arrayContaining(['main app', 'main version', 'flagship app']));
    const lite = activity.columns.find((c) => c.name === 'app_name')!.values.find((v) => v.value === 'lite')!;
    expect(lite.aliases.zh).toContain('极速版');
  });

  it('defines dau as a distinct count of users and stay_time_per over other virtual keys', () => {
    const activity = catalog.view('user_activity_daily')!;
    expect(expandVirtual('dau', scope(activity))).toBe('count(distinct "uid")');
    expect(expandVirtual('stay_time_min', scope(activity))).toBe('sum("staytime") / 60');
    expect(expandVirtual('stay_time_per', scope(activity))).toBe('(sum("staytime") / 60) / nullif((count(distinct "uid")), 0)');
  });

  it('means different things by "active" in different views', () => {
    const activeMetric = (view: string, key: string) => catalog.column(view, key)?.expr;
    expect(activeMetric('user_activity_daily', 'dau')).toBe('count(distinct uid)');
    expect(activeMetric('video_play_daily', 'play_uv')).toBe('count(distinct cuid)');
    expect(activeMetric('search_daily', 'search_uv')).toBe('count(distinct cuid)');
    expect(activeMetric('creator_daily', 'active_author_cnt')).toBe('count(distinct author_id)');
    expect(catalog.viewsWithColumn('vv').sort()).toEqual(['user_activity_daily', 'video_play_daily']);
  });

  it('has a free-text column in the feedback view', () => {
    expect(catalog.column('user_feedback', 'feedback_text')).toMatchObject({ role: 'text', type: 'string' });
  });
});
