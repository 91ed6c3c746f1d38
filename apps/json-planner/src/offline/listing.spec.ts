import { CatalogLoader } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { OfflinePlanner } from './offline-planner';

// An entity table (a row key, no dates) as `chatbi connect` drafts one, and a daily fact table.
const catalog = new CatalogLoader().loadSources([
  {
    file: 'listing.yaml',
    text: `
version: 1
views:
  - name: airport
    description: One row per airport
    aliases: { en: [airport, airports] }
    row_key: airport_code
    columns:
      - { name: airport_code, type: string, role: id, description: IATA code of the airport, aliases: { en: [airport code, code] } }
      - { name: airport_name, type: string, role: dimension, description: Name of the airport, aliases: { en: [airport name, name, names] } }
      - name: city
        type: string
        role: dimension
        description: City the airport serves
        aliases: { en: [city, cities] }
        values: [{ value: Aberdeen }, { value: Anthony }]
      - { name: elevation_m, type: decimal, role: metric, agg: avg, description: Elevation of the airport in metres, aliases: { en: [elevation, elevations] } }
    virtual_columns:
      - { key: airport_count, expr: count(*), role: metric, type: integer, description: Number of airports, aliases: { en: [number of airports, airport count] } }
  - name: plays_daily
    description: Plays per city and day
    aliases: { en: [plays] }
    columns:
      - { name: event_day, type: date, role: time, description: Day of the plays, aliases: { en: [day, date] } }
      - name: province
        type: string
        role: dimension
        description: Province of the viewer
        aliases: { en: [province, provinces], zh: [省份] }
        values: [{ value: sichuan }, { value: hebei }]
      - { name: vv, type: integer, role: metric, agg: sum, description: Video views, aliases: { en: [video views, plays, vv] } }
`,
  },
]);
const planner = new OfflinePlanner();
const plan = (question: string, view: string): Plan => planner.planSync({ question, view: catalog.view(view)!, catalog, today: '2026-11-18' }).plan;

describe('OfflinePlanner: listing questions', () => {
  it.each([
    ['What are the names of airports in Aberdeen?', ['airport_name'], [{ column: 'city', op: '=', value: 'Aberdeen' }]],
    ['List the airport names and elevations', ['airport_name', 'elevation_m'], []],
    ['Return the names and cities of all airports', ['airport_name', 'city'], []],
  ])('lists the rows of an entity: %s', (question, columns, filters) => {
    const p = plan(question, 'airport');
    expect(p.rows).toEqual({ columns, distinct: false });
    expect(p.metrics).toEqual([]);
    expect(p.filters).toEqual(filters);
  });

  it('lists the values of a fact table once each', () => {
    expect(plan('list the provinces last week', 'plays_daily').rows).toEqual({ columns: ['province'], distinct: true });
    // "plays" names a metric here: one figure per province.
    expect(plan('which provinces had plays last week?', 'plays_daily')).toMatchObject({ metrics: [{ column: 'vv' }], dimensions: ['province'] });
  });

  it('lists every value of a column when no period is named, and in Chinese', () => {
    expect(plan('list the provinces', 'plays_daily')).toMatchObject({ rows: { columns: ['province'], distinct: true }, time: { column: 'event_day' } });
    expect(plan('list the provinces', 'plays_daily').time?.range).toBeUndefined();
    expect(plan('上周有哪些省份', 'plays_daily').rows).toEqual({ columns: ['province'], distinct: true });
    expect(plan('省份有哪几种', 'plays_daily').rows).toEqual({ columns: ['province'], distinct: true });
  });

  it('answers a figure, not rows, when the question asks for one', () => {
    expect(plan('上周有几个省份', 'plays_daily').rows).toBeUndefined();
    expect(plan('How many airports are there?', 'airport')).toMatchObject({ metrics: [{ column: 'airport_count' }] });
    expect(plan('What is the average elevation of airports in Aberdeen?', 'airport').rows).toBeUndefined();
    expect(plan('which provinces had more than 100 video views last week', 'plays_daily')).toMatchObject({ dimensions: ['province'] });
    expect(plan('which provinces had more than 100 video views last week', 'plays_daily').rows).toBeUndefined();
  });

  it('orders rows by the column the question sorts them by, and takes the top row of a superlative', () => {
    expect(plan('List the airport names in descending order of elevation', 'airport')).toMatchObject({
      rows: { columns: ['airport_name'] },
      order: [{ by: 'elevation_m', dir: 'desc' }],
    });
    expect(plan('What are the names of airports sorted by elevation?', 'airport').order).toEqual([{ by: 'elevation_m', dir: 'asc' }]);
    const highest = plan('What is the name of the airport with the highest elevation?', 'airport');
    expect(highest).toMatchObject({ rows: { columns: ['airport_name'] }, order: [{ by: 'elevation_m', dir: 'desc' }], limit: 1 });
    // Asked for the figure itself, it stays an aggregate.
    expect(plan('What is the highest elevation of any airport?', 'airport').rows).toBeUndefined();
  });
});

