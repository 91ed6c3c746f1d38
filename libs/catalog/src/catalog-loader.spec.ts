import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogLoader, CatalogValidationError } from './catalog-loader';

const VALID = `version: 1
settings: { data_latency_days: 2 }
views:
  - name: activity
    description: one row per user and day
    aliases: { en: [activity], zh: [活跃] }
    columns:
      - { name: event_day, type: date, role: time, description: day }
      - name: app_name
        type: string
        role: dimension
        description: app
        values:
          - { value: main, aliases: { en: [main app], zh: [主版] } }
      - { name: uid, type: string, role: id, description: user }
      - { name: staytime, type: integer, role: metric, description: seconds }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: daily active users }
`;

function problems(text: string): string[] {
  try {
    new CatalogLoader().loadSources([{ file: 'views/bad.yaml', text }]);
  } catch (e) {
    if (e instanceof CatalogValidationError) return e.problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('the catalog loaded');
}

describe('CatalogLoader', () => {
  it('loads views with defaults filled in and settings inherited from the file', () => {
    const catalog = new CatalogLoader().loadSources([{ file: 'a.yaml', text: VALID }]);
    const view = catalog.view('activity')!;
    expect(view.dataLatencyDays).toBe(2);
    expect(view.source).toBe('activity');
    expect(catalog.column('activity', 'staytime')).toMatchObject({ kind: 'physical', role: 'metric', agg: 'sum' });
    expect(catalog.column('activity', 'dau')).toMatchObject({ kind: 'virtual', expr: 'count(distinct uid)' });
    expect(catalog.timeColumn('activity')?.name).toBe('event_day');
    expect(catalog.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names the file and line of a schema error', () => {
    const text = VALID.replace('{ name: uid, type: string, role: id', '{ name: uid, type: text, role: id');
    expect(problems(text)).toEqual([expect.stringMatching(/^views\/bad\.yaml:15 views\.0\.columns\.2\.type: /)]);
  });

  it('names the line of a YAML syntax error', () => {
    expect(problems('version: 1\nviews:\n  - name: [unclosed\n')[0]).toMatch(/^views\/bad\.yaml:\d+ /);
  });

  it('reports duplicate columns, roles that do not fit and virtual columns that do not resolve', () => {
    const text = VALID.replace(
      '      - { key: dau, expr: count(distinct uid), role: metric, description: daily active users }',
      [
        '      - { key: dau, expr: count(distinct user_id), role: metric, description: daily active users }',
        '      - { key: staytime, expr: sum(staytime), role: metric, description: clash }',
        '      - { key: a, expr: b + 1, role: metric, description: cycle }',
        '      - { key: b, expr: a + 1, role: metric, description: cycle }',
      ].join('\n'),
    ).replace('{ name: uid, type: string, role: id, description: user }', '{ name: uid, type: string, role: id, description: user, agg: sum }');
    const found = problems(text);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:15 views\.0\.columns\.2\.agg: only metrics have an aggregation/),
        expect.stringMatching(/:18 views\.0\.virtual_columns\.0\.expr: virtual column dau uses user_id/),
        expect.stringMatching(/:19 views\.0\.virtual_columns\.1\.key: .*name of a physical column/),
        expect.stringMatching(/:20 views\.0\.virtual_columns\.2\.expr: virtual column cycle: a -> b -> a/),
      ]),
    );
  });

  it('refuses a view defined in two files', () => {
    expect(() =>
      new CatalogLoader().loadSources([
        { file: 'one.yaml', text: VALID },
        { file: 'two.yaml', text: VALID },
      ]),
    ).toThrow(/two\.yaml:4:\d+ views\.0\.name: view activity is already defined in one\.yaml/);
  });

  it('loads a directory and explains an empty or missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      expect(() => new CatalogLoader().loadDirectory(dir)).toThrow(/holds no \.yaml files/);
      writeFileSync(join(dir, 'a.yaml'), VALID);
      expect(new CatalogLoader().loadDirectory(dir).views).toHaveLength(1);
      expect(() => new CatalogLoader().loadDirectory(join(dir, 'missing'))).toThrow(/cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('relationships and warehouse names', () => {
    const TWO_TABLES = `version: 1
settings: { default_range: { kind: last, n: 7, unit: day } }
views:
  - name: airports
    source: AIRPORTS
    description: airports
    columns:
      - { name: airport_code, source: AirportCode, type: string, role: id, description: code }
      - { name: city, source: City, type: string, role: dimension, description: city }
  - name: flights
    source: main.Flights
    description: flights
    settings: { default_range: { kind: last, n: 30, unit: day } }
    columns:
      - { name: flight_no, source: FlightNo, type: integer, role: id, description: number }
      - { name: source_airport, source: "Source Airport", type: string, role: id, description: from }
      - { name: dest_airport, source: DestAirport, type: string, role: id, description: to }
`;
    const relationships = (text: string) => `${TWO_TABLES}relationships:\n${text}`;

    it('keeps warehouse names apart from catalog keys and resolves named paths', () => {
      const catalog = new CatalogLoader().loadSources([
        {
          file: 'r.yaml',
          text: relationships(`  - { name: departure, from: flights, to: airports, keys: [{ from: source_airport, to: airport_code }] }
  - { name: arrival, from: flights, to: airports, keys: [{ from: dest_airport, to: airport_code }], aliases: { en: [arriving], zh: [到达] } }
`),
        },
      ]);
      expect(catalog.column('flights', 'source_airport')?.source).toBe('Source Airport');
      expect(catalog.view('flights')?.source).toBe('main.Flights');
      expect(catalog.view('airports')?.defaultRange).toEqual({ kind: 'last', n: 7, unit: 'day' });
      expect(catalog.view('flights')?.defaultRange).toEqual({ kind: 'last', n: 30, unit: 'day' });
      expect(catalog.relationshipsOf('airports').map((r) => [r.name, r.kind])).toEqual([
        ['departure', 'many_to_one'],
        ['arrival', 'many_to_one'],
      ]);
      expect(catalog.relationships[1].aliases.zh).toEqual(['到达']);
    });

    it('names the relationship that points at a missing view or column, or repeats a path name', () => {
      expect(
        problems(
          relationships(`  - { from: flights, to: airport, keys: [{ from: source_airport, to: airport_code }] }
  - { name: departure, from: flights, to: airports, keys: [{ from: source, to: code }] }
  - { from: flights, to: airports, keys: [{ from: source_airport, to: airport_code }] }
  - { from: flights, to: airports, keys: [{ from: dest_airport, to: airport_code }] }
`),
        ),
      ).toEqual([
        'views/bad.yaml:19 relationships.0.to: no view named airport',
        'views/bad.yaml:20 relationships.1.keys.0.from: source is not a column of flights',
        'views/bad.yaml:20 relationships.1.keys.0.to: code is not a column of airports',
        'views/bad.yaml:22 relationships.3.name: flights already has a relationship named airports; give each path its own name',
        'views/bad.yaml:22 relationships.3.name: airports already has a relationship named airports; give each path its own name',
      ]);
    });

    it('refuses warehouse names that could break out of quoting', () => {
      expect(problems(TWO_TABLES.replace('source: AIRPORTS', 'source: \'AIR"PORTS\''))).toEqual([
        'views/bad.yaml:5 views.0.source: must be relation or schema.relation, each part without quotes or control characters',
      ]);
      expect(problems(TWO_TABLES.replace('source: City', 'source: "Ci`ty"'))).toEqual([
        'views/bad.yaml:9 views.0.columns.1.source: must be a warehouse name without dots, quotes or control characters',
      ]);
    });
  });
});
