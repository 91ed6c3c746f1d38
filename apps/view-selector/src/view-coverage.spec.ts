import { CatalogLoader } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { linkQuestion } from '@chatbi/language';
import { MIN_VIEW_PROBABILITY, chooseCoveringView, type LinkedPhrase } from './view-coverage';
import type { RankedView } from './view.ranker';

const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);

function phrasesOf(question: string): LinkedPhrase[] {
  return linkQuestion(catalog, question, '2025-06-15').phrases.map((p) => ({
    text: p.text,
    candidates: p.mentions.map((m) => ({ view: m.view, column: m.column, score: m.score, role: m.role, kind: m.kind })),
  }));
}

const ranking = (probabilities: Record<string, number>): RankedView[] =>
  catalog.views.map((v) => ({ view: v.name, probability: probabilities[v.name] ?? 0 })).sort((a, b) => b.probability - a.probability);

const plan = (view: string, metric: string): Plan => ({ view, metrics: [{ column: metric }], dimensions: [], filters: [], compare: [], order: [] });

describe('chooseCoveringView', () => {
  it('takes the likely covering view with the fewest columns (plays are in two views)', () => {
    const decision = chooseCoveringView(phrasesOf('plays by city yesterday'), catalog, undefined, ranking({ video_play_daily: 0.55, user_activity_daily: 0.4 }));
    expect(decision).toMatchObject({ view: 'video_play_daily', decidedBy: 'model' });
    expect(decision.candidates[0]).toEqual({ view: 'video_play_daily', score: 0.55, covers: true });
  });

  it('does not take a covering view the model finds unlikely', () => {
    // user_feedback has a free-text "comment" column, so it covers "comments" too; but comments are a metric of the
    // video and activity views, and a question is answered by a metric: the rules take one of those.
    const phrases = phrasesOf('comments by city last week');
    expect(chooseCoveringView(phrases, catalog).view).not.toBe('user_feedback');
    const decision = chooseCoveringView(phrases, catalog, undefined, ranking({ video_play_daily: 0.9, user_feedback: 0.05, user_activity_daily: 0.05 }));
    expect(decision.view).toBe('video_play_daily');
  });

  it('answers nothing when the model finds no covering view likely and the question names a metric', () => {
    // "likes" is a metric of two views; a model sure the question is about creators (likes they received) finds neither likely.
    const decision = chooseCoveringView(phrasesOf('likes by city last week'), catalog, undefined, ranking({ creator_daily: 0.85, user_activity_daily: 0.1 }));
    expect(decision.view).toBeUndefined();
    expect(decision.unsure?.[0]).toEqual({ view: 'creator_daily', probability: 0.85 });
    expect(decision.missing.map((m) => m.phrase)).toEqual(['likes', 'city']);
    expect(MIN_VIEW_PROBABILITY).toBeGreaterThan(0.1);
  });

  it('leaves a question without a metric to the rules, so that the planner explains what is missing', () => {
    const decision = chooseCoveringView(phrasesOf('users in Tianjin'), catalog, undefined, ranking({ creator_daily: 0.1, user_feedback: 0.1 }));
    expect(decision.view).toBeDefined();
    expect(decision.decidedBy).toBe('catalog-rules');
  });

  it('does not need the view to hold ids or free text a phrase may name', () => {
    // "user" names the uid column of four views, not a metric or a dimension.
    const decision = chooseCoveringView(phrasesOf('completion rate per user of gaming videos'), catalog, undefined, ranking({ video_play_daily: 0.7 }));
    expect(decision).toMatchObject({ view: 'video_play_daily', decidedBy: 'model' });
  });

  it('leaves out an enum value the view lacks only when the model is confident and every metric is held', () => {
    // "content" is a feedback category (and user_feedback's free text); the question is about plays.
    const phrases = phrasesOf('plays per viewer for gaming content last month');
    expect(chooseCoveringView(phrases, catalog).view).toBeUndefined();
    expect(chooseCoveringView(phrases, catalog, undefined, ranking({ video_play_daily: 0.95 }))).toMatchObject({ view: 'video_play_daily', leftOut: ['content'] });
    expect(chooseCoveringView(phrases, catalog, undefined, ranking({ video_play_daily: 0.6, search_daily: 0.4 })).view).toBeUndefined();
    // A metric another view holds is never left out: that is a join.
    expect(chooseCoveringView(phrasesOf('DAU and search CTR by city'), catalog, undefined, ranking({ user_activity_daily: 0.99 })).view).toBeUndefined();
  });

  it('keeps a follow-up in its previous view when that view covers it, and switches when it does not', () => {
    const previous = plan('user_activity_daily', 'dau');
    const stays = chooseCoveringView(phrasesOf('what about plays?'), catalog, previous, ranking({ video_play_daily: 0.9 }));
    expect(stays).toMatchObject({ view: 'user_activity_daily', decidedBy: 'previous-view' });
    const switches = chooseCoveringView(phrasesOf('and the search CTR?'), catalog, previous, ranking({ search_daily: 0.97 }));
    expect(switches).toMatchObject({ view: 'search_daily', decidedBy: 'model' });
    // An unsure model on a follow-up falls back to the rules rather than refusing.
    const unsure = chooseCoveringView(phrasesOf('and the search CTR?'), catalog, previous, ranking({ creator_daily: 0.99 }));
    expect(unsure).toMatchObject({ view: 'search_daily', decidedBy: 'catalog-rules' });
  });

  it('reports every phrase with its views when no single view covers the question', () => {
    const decision = chooseCoveringView(phrasesOf('DAU and search CTR by city'), catalog, undefined, ranking({ user_activity_daily: 0.5, search_daily: 0.5 }));
    expect(decision.view).toBeUndefined();
    expect(decision.unsure).toBeUndefined();
    expect(decision.missing).toEqual(
      expect.arrayContaining([
        { phrase: 'dau', views: ['user_activity_daily'] },
        { phrase: 'search ctr', views: ['search_daily'] },
      ]),
    );
  });

  it('orders by coverage rules alone when no model is in service', () => {
    expect(chooseCoveringView(phrasesOf('DAU of the main app'), catalog)).toMatchObject({ view: 'user_activity_daily', decidedBy: 'catalog-rules' });
  });
});
