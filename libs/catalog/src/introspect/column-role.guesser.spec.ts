import { countColumn, nameAliases, viewAliases } from './alias.drafter';
import { catalogKey, UniqueKeys } from './catalog-key.namer';
import { humanize } from './column-description.drafter';
import { catalogTypeOf, eventTimeScore, guessAggregation, looksLikeId } from './column-role.guesser';
import { nameWords, plural, singular } from './name-words';

describe('column guesses', () => {
  it.each([
    ['DATE', 'date'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
    ['timestamp without time zone', 'timestamp'],
    ['DATETIME', 'timestamp'],
    ['BIGINT', 'integer'],
    ['int4', 'integer'],
    ['int(11) unsigned', 'integer'],
    ['YEAR', 'integer'],
    ['HUGEINT', 'integer'],
    ['DECIMAL(18,2)', 'decimal'],
    ['double precision', 'decimal'],
    ['NUMBER', 'decimal'],
    ['VARCHAR', 'string'],
    ['character varying(50)', 'string'],
    ["enum('a','b')", 'string'],
    ['BOOLEAN', 'boolean'],
    ['tinyint(1)', 'boolean'],
    ['VARCHAR[]', undefined],
    ['STRUCT(a INTEGER)', undefined],
    ['BLOB', undefined],
    ['INTERVAL', undefined],
    ['TIME', undefined],
    ['POINT', undefined],
    ['JSON', undefined],
  ])('maps %s to %s', (type, expected) => {
    expect(catalogTypeOf(type)).toBe(expected);
  });

  it("reads SQLite's declared types by affinity", () => {
    expect(catalogTypeOf('UNSIGNED BIG INTEGER', { affinity: true })).toBe('integer');
    expect(catalogTypeOf('VARYING CHARACTER(70)', { affinity: true })).toBe('string');
    expect(catalogTypeOf('FLOATING', { affinity: true })).toBe('decimal');
    expect(catalogTypeOf('FLOATING')).toBeUndefined();
  });

  it('recognises ids by name, not counts', () => {
    for (const id of ['id', 'uid', 'user_id', 'DeviceKey', 'FlightNo', 'order_number', 'Singer_ID']) expect(looksLikeId(nameWords(id))).toBe(true);
    for (const other of ['paid', 'video', 'valid', 'idle_time', 'width', 'num_orders', 'number_of_seats', 'number']) expect(looksLikeId(nameWords(other))).toBe(false);
  });

  it('averages rates, prices, ages, ratings and years, adds up amounts and counts, and decides the rest by the table', () => {
    const agg = (name: string, facts = true) => guessAggregation(nameWords(name), { facts }).agg;
    expect(['conversion_rate', 'unit_price', 'Age', 'rating', 'Birth_Year', 'Highest_Position', 'avg_score'].map((n) => agg(n))).toEqual(Array(7).fill('avg'));
    expect(['amount', 'OrderQty', 'Sales', 'play_cnt', 'num_ratings', 'total_price'].map((n) => agg(n, false))).toEqual(Array(6).fill('sum'));
    expect(agg('Net_Worth_Millions', false)).toBe('avg');
    expect(agg('Net_Worth_Millions', true)).toBe('sum');
  });

  it('finds event times and leaves dates that describe a thing', () => {
    const score = (name: string, type: 'date' | 'timestamp' = 'date') => eventTimeScore(nameWords(name), type);
    for (const name of ['birth_date', 'DOB', 'founded_date', 'updated_at', 'expiry_date', 'hire_date', 'release_date']) expect(score(name)).toBeUndefined();
    expect(score('event_day')!).toBeGreaterThan(score('created_at', 'timestamp')!);
    expect(score('OrderDate')!).toBeGreaterThan(score('ship_date')!);
    expect(score('created_at', 'date')!).toBeGreaterThan(score('created_at', 'timestamp')!);
  });
});

describe('names', () => {
  it('splits any warehouse spelling into words and keys', () => {
    expect(nameWords('NetWorth_Millions')).toEqual(['net', 'worth', 'millions']);
    expect(nameWords('HTTPStatus code')).toEqual(['http', 'status', 'code']);
    expect(catalogKey('AirportCode', 'x')).toBe('airport_code');
    expect(catalogKey('Größe (cm)', 'x')).toBe('grosse_cm');
    expect(catalogKey('2nd place', 'x')).toBe('n_2nd_place');
    expect(catalogKey('名称', 'column_2')).toBe('column_2');
    expect(catalogKey('select', 'x')).toBe('select');
    const keys = new UniqueKeys();
    expect([keys.claim('a'), keys.claim('a'), keys.claim('a')]).toEqual(['a', 'a_2', 'a_3']);
  });

  it('inflects the last word', () => {
    expect(['airlines', 'countries', 'addresses', 'people', 'status', 'sales'].map(singular)).toEqual(['airline', 'country', 'address', 'person', 'status', 'sale']);
    expect(['airline', 'country', 'address', 'person', 'sales', 'millions'].map(plural)).toEqual(['airlines', 'countries', 'addresses', 'people', 'sales', 'millions']);
  });

  it('drafts aliases and descriptions from names', () => {
    expect(nameAliases('FlightNo').en).toEqual(['flight no', 'flight number', 'flight numbers']);
    expect(nameAliases('qty_ordered').en).toContain('quantity ordered');
    // A unit in the name is left out the way questions leave it out ("the net worth"), never the whole name.
    expect(nameAliases('Net_Worth_Millions').en).toEqual(expect.arrayContaining(['net worth millions', 'net worth']));
    expect(nameAliases('height_in_cm').en).toContain('height');
    expect(nameAliases('cost_per_kg').en).not.toContain('cost');
    expect(nameAliases('Millions').en).toEqual(['millions', 'million']);
    expect(nameAliases('城市')).toEqual({ en: [], zh: ['城市'] });
    expect(viewAliases('Airports').en).toEqual(['airport', 'airports']);
    expect(humanize('video_play')).toBe('Video play');
    expect(humanize('os')).toBe('OS');
    expect(humanize('pageViews')).toBe('Page views');
    expect(humanize('emp_dept_no')).toBe('Employee department number');
  });

  it('names the row count the ways questions ask for it', () => {
    const count = countColumn('airports', () => false);
    expect([count.key, count.expr, count.role]).toEqual(['airport_count', 'count(*)', 'metric']);
    expect(count.aliases.en).toEqual(expect.arrayContaining(['how many airports', 'number of airports', 'airport count']));
    expect(countColumn('airports', (k) => k === 'airport_count').key).toBe('airports_row_count');
  });
});
