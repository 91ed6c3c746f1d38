import { CatalogLoader, CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, TOPICS, type ResolvedMessage, type ViewMissedMessage } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { InProcessBus } from '@chatbi/transport';
import { ViewSelectorService } from './view-selector.service';
import type { RankedView, ViewRanker } from './view.ranker';

/** A ranker that answers what a test tells it to: the decision logic around the model is under test here. */
class FixedRanker implements ViewRanker {
  constructor(public ranking: RankedView[] | undefined) {}
  async rank(): Promise<RankedView[] | undefined> {
    return this.ranking;
  }
}

describe('ViewSelectorService', () => {
  const catalogs = new CatalogRegistry();
  catalogs.replace(new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR));
  const message = (question: string): ResolvedMessage => ({
    requestId: 'r1',
    sessionId: 's1',
    user: 'u',
    askedAt: '2025-06-15T08:00:00.000Z',
    timings: {},
    warnings: [],
    question,
    resolvedQuestion: question,
  });

  async function select(question: string, ranking?: RankedView[]) {
    const bus = new InProcessBus();
    const missed: ViewMissedMessage[] = [];
    bus.subscribe<ViewMissedMessage>(TOPICS.viewMissed, async (m) => void missed.push(m));
    const service = new ViewSelectorService(catalogs, bus, new FixedRanker(ranking));
    const outcome = await service.select(message(question)).then(
      (selected) => ({ selected, error: undefined }),
      (error: unknown) => ({ selected: undefined, error: error as ChatbiError }),
    );
    await bus.drain();
    return { ...outcome, missed };
  }

  it('takes the model\'s view when the catalog confirms it covers the question', async () => {
    const { selected, missed } = await select('completion rate of funny videos last week', [{ view: 'video_play_daily', probability: 0.98 }]);
    expect(selected?.view).toBe('video_play_daily');
    expect(selected?.viewRankedBy).toBe('model');
    expect(missed).toEqual([]);
  });

  it('says which view holds what and reports the miss when no single view covers the question', async () => {
    const { error, missed } = await select('DAU and search CTR by city', [{ view: 'user_activity_daily', probability: 0.6 }, { view: 'search_daily', probability: 0.4 }]);
    expect(error?.code).toBe('NO_VIEW_COVERS');
    expect(error?.message).toMatch(/"dau" is in user_activity_daily; "search ctr" is in search_daily.*join/);
    expect(missed).toHaveLength(1);
    expect(missed[0].needed).toEqual(expect.arrayContaining([{ column: 'dau', views: ['user_activity_daily'] }]));
  });

  it('refuses to guess when the model finds none of the covering views likely', async () => {
    const { error, missed } = await select('likes by city last week', [
      { view: 'creator_daily', probability: 0.85 },
      { view: 'user_activity_daily', probability: 0.1 },
      { view: 'video_play_daily', probability: 0.05 },
    ]);
    expect(error?.code).toBe('NO_VIEW_COVERS');
    expect(error?.message).toMatch(/cannot tell which single view.*creator_daily \(85%\).*join/);
    expect(missed).toHaveLength(1);
  });

  it('falls back to coverage rules while no model is in service', async () => {
    const { selected } = await select('DAU of the main app over the last 7 days', undefined);
    expect(selected?.view).toBe('user_activity_daily');
    expect(selected?.viewRankedBy).toBe('catalog-rules');
  });

  it('still explains a question that names no catalog metric', async () => {
    const { error } = await select('Quelle est la météo à Paris demain ?', [{ view: 'user_feedback', probability: 0.9 }]);
    expect(error?.code).toBe('NO_METRIC_FOUND');
  });
});
