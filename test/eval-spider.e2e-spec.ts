import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogLoader } from '@chatbi/catalog';
import { bootstrapSpiderCatalog, locateSpiderDataset, readSpiderTables, runSpider, summarize } from '@chatbi/eval';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { embeddedPipeline } from '../apps/chatbi/src/embedded-pipeline';
import { checkAgreementWithOfficial, repositoryRoot } from '../apps/chatbi/src/eval.command';

jest.setTimeout(180_000);

const SPIDER = join(__dirname, '..', '..', 'shared', 'data', 'spider_sample');

(existsSync(SPIDER) ? describe : describe.skip)('the pipeline on the Spider sample (SQLite)', () => {
  const dataset = existsSync(SPIDER) ? locateSpiderDataset(SPIDER) : undefined!;
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'chatbi-eval-spider-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('bootstraps a catalog that loads: a view per table and one per foreign key', () => {
    const tables = readSpiderTables(dataset.tablesFile);
    const flights = bootstrapSpiderCatalog(tables.get('flight_2')!, join(SPIDER, 'database', 'flight_2', 'flight_2.sqlite'));
    expect(flights.views.map((v) => v.name)).toEqual(['airlines', 'airports', 'flights', 'flights_airports', 'flights_airports_by_destairport'.replace('destairport', 'sourceairport')]);
    expect(flights.ddl).toHaveLength(2);
    const catalog = new CatalogLoader().loadSources([{ file: 'flight_2.yaml', text: JSON.stringify(flights.catalog) }]);
    expect(catalog.column('airlines', 'country')?.values.map((v) => v.value)).toContain('USA');
    expect(catalog.column('flights', 'flights_count')?.expr).toBe('count(*)');
  });

  it('answers singer questions on SQLite and scores them by execution and exact match', async () => {
    const records = await runSpider(
      { ...dataset, questionsFile: dataset.questionsFile },
      ({ warehouseFile, catalogDir, dbId }) =>
        embeddedPipeline(loadConfig({ CHATBI_DATA_DIR: join(work, dbId, 'data'), CHATBI_WAREHOUSE_FILE: warehouseFile, CHATBI_CATALOG_DIR: catalogDir })),
      work,
    ).then((all) => all.filter((r) => r.type === 'singer'));
    expect(records).toHaveLength(30);
    const count = records.find((r) => r.question === 'How many singers are there?')!;
    expect(count.error).toBeUndefined();
    expect(count.predSql).toMatch(/count\(\*\)/i);
    expect(count.ex).toBe(true);
    expect(count.exactMatch).toBe(true);
    expect(count.hardness).toBe('easy');
    const summary = summarize('spider-singer', records);
    expect(summary.exact_match).not.toBeNull();
    expect(summary.ex).toBeGreaterThan(0);
    expect(summary.ex).toBeLessThan(1);
    process.stdout.write(`spider singer: EX ${summary.ex}, UEX ${summary.uex}, exact ${summary.exact_match}\n`);
  });

  it('agrees with the official scorer on hardness and exact match (gold and deliberately wrong predictions)', () => {
    const agreement = checkAgreementWithOfficial(dataset, repositoryRoot(), () => undefined) as Record<string, any>;
    expect(agreement.gold_queries.n).toBe(110);
    expect(agreement.wrong_predictions.n).toBeGreaterThanOrEqual(80);
    expect(agreement.wrong_predictions.exact_by_official).toBeLessThan(agreement.wrong_predictions.n);
    expect(agreement.hardness).toBe(1);
    expect(agreement.exact_match).toBe(1);
  });
});
