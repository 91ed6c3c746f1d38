import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CatalogLoader } from '@chatbi/catalog';
import { connectCommand, parseDefaultRange } from './connect.command';

describe('chatbi connect', () => {
  let dir: string;
  let url: string;
  let stdout: string;
  let stderr: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-connect-'));
    const file = join(dir, 'Flight Data.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE "Airports" ("AirportCode" TEXT PRIMARY KEY, "City" TEXT)`);
    db.exec(`CREATE TABLE "Flights" ("FlightNo" INTEGER PRIMARY KEY, "DestAirport" TEXT REFERENCES "Airports"("AirportCode"), "Seats" INTEGER)`);
    db.exec(`INSERT INTO "Airports" VALUES ('APG', 'Aberdeen'), ('ABR', 'Aberdeen'), ('DYS', 'Abilene')`);
    db.exec(`INSERT INTO "Flights" VALUES (1, 'APG', 120), (2, 'DYS', 90)`);
    db.close();
    url = `sqlite://${encodeURI(file)}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes <dir>/<database>.yaml, says what it drafted on stderr, and how to ask', async () => {
    await connectCommand(url, { out: join(dir, 'catalog') });
    const yaml = readFileSync(join(dir, 'catalog', 'flight_data.yaml'), 'utf8');
    expect(new CatalogLoader().loadSources([{ file: 'flight_data.yaml', text: yaml }]).views.map((v) => v.name)).toEqual(['airports', 'flights']);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Drafted 2 views and 1 relationship from sqlite file .*Flight Data\.sqlite/);
    expect(stderr).toMatch(/flights +│ Flights +│ 2 +│ 2 id, 1 metric/);
    expect(stderr).toContain('airports: Flights.DestAirport -> Airports.AirportCode');
    expect(stderr).toMatch(/CHATBI_WAREHOUSE_URL='sqlite:\/\/.*' CHATBI_CATALOG_DIR=.*catalog npx chatbi ask "how many airports are there\?"/);
  });

  it('never replaces a catalog that may hold edits, unless forced', async () => {
    const file = join(dir, 'catalog', 'flight_data.yaml');
    writeFileSync(file, '# edited by the DBA\n');
    await expect(connectCommand(url, { out: join(dir, 'catalog') })).rejects.toThrow(/flight_data\.yaml exists and may hold your edits; pass --force/);
    expect(readFileSync(file, 'utf8')).toBe('# edited by the DBA\n');
    await connectCommand(url, { out: join(dir, 'catalog'), force: true });
    expect(readFileSync(file, 'utf8')).toMatch(/^# Drafted by `chatbi connect`/);
  });

  it('prints the YAML with --dry-run and writes nothing', async () => {
    await connectCommand(url, { out: join(dir, 'dry'), dryRun: true, defaultRange: 'last 30 days' });
    expect(stdout).toMatch(/default_range:\n\s+kind: last\n\s+n: 30\n\s+unit: day/);
    expect(() => readFileSync(join(dir, 'dry', 'flight_data.yaml'))).toThrow();
  });

  it('says what is wrong with a URL or a range', async () => {
    await expect(connectCommand('oracle://db/x', {})).rejects.toThrow(/not one ChatBI opens/);
    await expect(connectCommand(`sqlite://${dir}/none.sqlite`, {})).rejects.toThrow(/none\.sqlite does not exist.*Check the path/);
    expect(parseDefaultRange('last 2 weeks')).toEqual({ kind: 'last', n: 2, unit: 'week' });
    expect(() => parseDefaultRange('yesterday')).toThrow(/--default-range takes "last <n> <day\|week\|month\|quarter\|year>s"/);
  });
});
