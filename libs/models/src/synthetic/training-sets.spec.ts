import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { CatalogLoader } from '@chatbi/catalog';
import { linkQuestion, parseTimeExpressions } from '@chatbi/language';
import { loadModelsFixtureCatalog } from '../testing/models-fixture.catalog';
import { CatalogLexicon } from './catalog-lexicon';
import { COMPARISON_PHRASES, GRAIN_PHRASES, TIME_PHRASES } from './phrase-banks';
import { COMPLETE_TEMPLATES, FOLLOW_UP_TEMPLATES, isCompleteShape, slotsOf } from './question-templates';
import { completenessSet, viewSelectionSet } from './training-sets';

const fixture = loadModelsFixtureCatalog();

describe('generated training questions', () => {
  it('are the same for the same seed and differ for another', () => {
    const a = viewSelectionSet(fixture, { seed: 1, size: 100 });
    const b = viewSelectionSet(fixture, { seed: 1, size: 100 });
    const c = viewSelectionSet(fixture, { seed: 2, size: 100 });
    expect(b).toEqual(a);
    expect(c.examples.map((e) => e.text)).not.toEqual(a.examples.map((e) => e.text));
    expect(completenessSet(fixture, { seed: 1, size: 300 })).toEqual(completenessSet(fixture, { seed: 1, size: 300 }));
  });

  it('cover every view in both languages, with held-out templates in validation only', () => {
    const set = viewSelectionSet(fixture, { seed: 1, size: 300 });
    expect(set.labels).toEqual(['app_daily', 'video_daily', 'search_daily']);
    for (const label of set.labels.keys()) expect(set.examples.filter((e) => e.label === label).length).toBeGreaterThan(50);
    expect(new Set(set.examples.map((e) => e.lang))).toEqual(new Set(['en', 'zh']));
    expect(set.examples.some((e) => e.split === 'validation')).toBe(true);
    expect(new Set(set.examples.map((e) => e.text.toLowerCase())).size).toBe(set.examples.length);
  });

  it('label a question with the narrowest view holding what it names (plays are in two views)', () => {
    const set = viewSelectionSet(fixture, { seed: 1, size: 400 });
    const playsOnly = set.examples.filter((e) => /\bplays\b|播放量/.test(e.text) && !/app opens|launches|使用时长|time spent|日活|dau|active users|活跃用户|tier|机型|city|城市|tianjin|chengdu|天津|成都|usage time|启动次数|app daily/i.test(e.text));
    expect(playsOnly.length).toBeGreaterThan(5);
    for (const e of playsOnly) expect(set.labels[e.label]).toBe('video_daily');
  });

  it('label completeness by the slots a question has: a metric and a dimension, value or time', () => {
    const set = completenessSet(fixture, { seed: 3, size: 1500 });
    const share = set.examples.filter((e) => e.label === 1).length / set.examples.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    const today = '2025-06-15';
    // A sample checked against the catalog: label-1 questions name a metric and something else.
    for (const e of set.examples.filter((x) => x.label === 1).slice(0, 200)) {
      const links = linkQuestion(fixture, e.text, today);
      const roles = new Set(links.phrases.flatMap((p) => p.mentions.map((m) => m.role)));
      expect({ text: e.text, metric: roles.has('metric') }).toEqual({ text: e.text, metric: true });
    }
  });

  it('templates agree with their kind, and follow-ups drop the metric or the dimension', () => {
    for (const t of COMPLETE_TEMPLATES) expect({ t: t.text, complete: isCompleteShape(slotsOf(t)) }).toEqual({ t: t.text, complete: true });
    for (const t of FOLLOW_UP_TEMPLATES) expect({ t: t.text, complete: isCompleteShape(slotsOf(t)) }).toEqual({ t: t.text, complete: false });
  });

  it('use time, grain and comparison phrases the language library reads', () => {
    const today = '2025-06-15';
    for (const lang of ['en', 'zh'] as const) {
      for (const p of TIME_PHRASES[lang]) expect({ p, range: parseTimeExpressions(p, today).range !== undefined }).toEqual({ p, range: true });
      for (const p of GRAIN_PHRASES[lang]) expect({ p, grain: parseTimeExpressions(p, today).grain !== undefined }).toEqual({ p, grain: true });
      for (const p of COMPARISON_PHRASES[lang]) expect({ p, compare: parseTimeExpressions(p, today).compare.length > 0 }).toEqual({ p, compare: true });
    }
  });
});

describe('CatalogLexicon on the demo catalog', () => {
  const lexicon = new CatalogLexicon(new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR));

  it('finds the narrowest view holding every named column, by role', () => {
    expect(lexicon.coveringViews([{ role: 'metric', form: 'plays' }])[0]).toBe('video_play_daily');
    expect(lexicon.coveringViews([{ role: 'metric', form: 'DAU' }, { role: 'value', form: 'main app' }])).toEqual(['user_activity_daily']);
    // "comments" names a metric in two views; user_feedback's free-text "comment" column is not a metric.
    expect(lexicon.coveringViews([{ role: 'metric', form: 'comments' }])).toEqual(['video_play_daily', 'user_activity_daily']);
    expect(lexicon.coveringViews([{ role: 'metric', form: 'DAU' }, { role: 'metric', form: 'search CTR' }])).toEqual([]);
  });
});
