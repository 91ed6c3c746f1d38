import { Logger } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { MODELS_FIXTURE_YAML, loadModelsFixtureCatalog } from '../../../libs/models/src/testing/models-fixture.catalog';
import { trainedFixtureModels } from '../../../libs/models/src/testing/trained-fixture-models';
import { TrainedCompletenessClassifier } from './trained-completeness.classifier';

const TODAY = '2026-11-21';

jest.setTimeout(60_000);

describe('TrainedCompletenessClassifier', () => {
  const { catalogs, models, prepare, dispose } = trainedFixtureModels();

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await prepare();
  });
  afterAll(dispose);

  it.each([
    ['DAU of the lite app yesterday', true],
    ['近7天主版的日活', true],
    ['search CTR by city', true],
    ['what about Tianjin?', false],
    ['天津呢', false],
    ['and the completion rate?', false],
    // A metric alone is a follow-up however it is asked (the features carry Equation 3's shape).
    ['and how many active users?', false],
    ['活跃用户又是多少', false],
    ['thanks', false],
  ])('%s -> complete %s, decided by the model', async (question, complete) => {
    const verdict = await new TrainedCompletenessClassifier(catalogs, models).isComplete(question, TODAY);
    expect(verdict).toMatchObject({ complete, decidedBy: 'model' });
    expect(verdict.confidence).toBeGreaterThan(0.5);
  });

  it('keeps the catalog signals for error messages', async () => {
    const { signals } = await new TrainedCompletenessClassifier(catalogs, models).isComplete('what about Tianjin?', TODAY);
    expect(signals).toEqual({ metrics: [], dimensions: ['Tianjin'], time: false, namesRange: false, continues: true, unlinkedWords: [], ranks: false, newTopic: false });
  });

  it('lets the catalog rule decide while no model for the current catalog is in service', async () => {
    const changed = new CatalogRegistry();
    changed.replace(loadModelsFixtureCatalog(MODELS_FIXTURE_YAML.replace('description: Searches', 'description: Searches, reworded')));
    expect(await new TrainedCompletenessClassifier(changed, models).isComplete('DAU of the lite app yesterday', TODAY)).toMatchObject({ complete: true, decidedBy: 'catalog-rules' });
    expect(await new TrainedCompletenessClassifier(catalogs).isComplete('天津呢', TODAY)).toMatchObject({ complete: false, decidedBy: 'catalog-rules' });
  });
});
