import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { MODEL_KINDS } from './model-card';
import { trainModel } from './model.trainer';

const SMALL = { perView: 120, completeness: 400 };

function catalogOf(views: string): Catalog {
  return new CatalogLoader().loadSources([{ file: 'spec.yaml', text: `version: 1\nviews:\n${views}` }]);
}

/** A view as `chatbi connect` drafts it: values without labels or aliases, a row-count metric, no time column. */
function draftedView(name: string, extra = ''): string {
  return `
  - name: ${name}
    description: ${name} (drafted)
    aliases: { en: [${name}] }
    columns:
      - { name: ${name}_id, type: integer, role: id, description: Id }
      - name: country
        type: string
        role: dimension
        description: Country
        aliases: { en: [country] }
        values: [{ value: France }, { value: Chile }]
${extra}
    virtual_columns:
      - { key: ${name}_count, expr: count(*), role: metric, type: integer, description: Rows, aliases: { en: [number of ${name}s, how many ${name}s] } }
`;
}

describe('trainModel on catalogs of any size and shape', () => {
  it.each([
    ['one drafted view', catalogOf(draftedView('singer'))],
    ['two drafted views', catalogOf(draftedView('singer') + draftedView('song'))],
    [
      'a view with ids and a count only (no dimension, no values)',
      catalogOf(`
  - name: flights
    description: Flights
    columns:
      - { name: flight_no, type: integer, role: id, description: Flight }
    virtual_columns:
      - { key: flight_count, expr: count(*), role: metric, type: integer, description: Rows, aliases: { en: [number of flights] } }
`),
    ],
    [
      'a view without any metric',
      catalogOf(`
  - name: places
    description: Places
    columns:
      - { name: city, type: string, role: dimension, description: City, values: [{ value: Paris }] }
`),
    ],
    [
      'aliases nowhere at all',
      catalogOf(`
  - name: t
    description: T
    columns:
      - { name: a, type: integer, role: metric, description: A }
      - { name: b, type: string, role: dimension, description: B }
`),
    ],
  ])('trains both models on %s and says how long it took', async (_, catalog) => {
    // Without a metric no question is complete, and no view can be told apart by one.
    const hasMetric = catalog.views.some((v) => v.columns.some((c) => c.role === 'metric'));
    for (const kind of MODEL_KINDS) {
      const { card, onnx } = await trainModel(kind, catalog, { questions: SMALL });
      expect(onnx.length).toBeGreaterThan(0);
      expect(card.trainSeconds).toBeGreaterThanOrEqual(0);
      expect(card.labels.length).toBe(kind === 'view-ranking' ? catalog.views.length : 2);
      if (hasMetric) expect(card.data.train).toBeGreaterThan(kind === 'view-ranking' ? 10 : 0);
    }
  });

  it('trains on fifty views', async () => {
    const catalog = catalogOf(Array.from({ length: 50 }, (_, i) => draftedView(`table_${i}`)).join(''));
    const { card } = await trainModel('view-ranking', catalog, { questions: { perView: 40 } });
    expect(card.labels).toHaveLength(50);
    expect(card.data.train).toBeGreaterThan(50 * 20);
  });
});
