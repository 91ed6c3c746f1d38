import { Logger } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { MODELS_FIXTURE_YAML, loadModelsFixtureCatalog } from '../../../libs/models/src/testing/models-fixture.catalog';
import { trainedFixtureModels } from '../../../libs/models/src/testing/trained-fixture-models';
import { TrainedViewRanker } from './trained-view.ranker';

jest.setTimeout(60_000);

describe('TrainedViewRanker', () => {
  const { catalogs, models, prepare, dispose } = trainedFixtureModels();

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await prepare();
  });
  afterAll(dispose);

  it('ranks every view of the catalog with the trained model, in English and Chinese', async () => {
    const ranker = new TrainedViewRanker(catalogs, models);
    const english = (await ranker.rank('search CTR of the lite app last week'))!;
    expect(english.map((r) => r.view).sort()).toEqual(['app_daily', 'search_daily', 'video_daily']);
    expect(english[0].view).toBe('search_daily');
    expect(english[0].probability).toBeGreaterThan(0.5);
    expect((await ranker.rank('上周搞笑视频的完播率'))![0].view).toBe('video_daily');
  });

  it('ranks nothing for a catalog its model was not trained on, and without a model registry', async () => {
    const other = new CatalogRegistry();
    other.replace(loadModelsFixtureCatalog(MODELS_FIXTURE_YAML.replace('description: Searches', 'description: Searches, reworded')));
    expect(await new TrainedViewRanker(other, models).rank('search CTR')).toBeUndefined();
    expect(await new TrainedViewRanker(catalogs).rank('search CTR')).toBeUndefined();
  });
});
