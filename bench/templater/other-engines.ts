import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import type { Catalog } from '@chatbi/catalog';
import type { PlanInput } from '@chatbi/contracts';
import { DuckDbWarehouse, MySqlWarehouse, PostgresWarehouse, type Warehouse } from '@chatbi/warehouse';
import { startPostgresTestServer, type PostgresTestServer } from '../../libs/catalog/src/persistence/testing/postgres-test-server';
import { startMariaDbTestServer, type MariaDbTestServer } from '../../libs/warehouse/src/testing/mariadb-test-server';
import { duckdbDialect, mysqlDialect, postgresDialect, SqlTemplaterService, defaultTemplatesDir, type SqlDialectRules } from '../../apps/sql-templater/src';
import { DEMO_TODAY, writeDemoSlice } from '../../apps/sql-templater/src/testing/demo-slice';
import { firstDifference, normalizeRows } from '../../apps/sql-templater/src/testing/result.normalizer';
import { createAndLoad, mysqlWriter, postgresWriter } from '../../apps/sql-templater/src/testing/table-loader';
import { paperWeekOnWeek } from './paper-wow.sql';
import { median } from './timing';

export interface OtherEngines {
  postgres: PostgresTestServer;
  mariadb: MariaDbTestServer;
  stop(): Promise<void>;
}

/** PostgreSQL and MariaDB test servers; start them before this process opens DuckDB. */
export async function startOtherEngines(): Promise<OtherEngines> {
  const [postgres, mariadb] = await Promise.all([startPostgresTestServer(), startMariaDbTestServer()]);
  return {
    postgres,
    mariadb,
    async stop() {
      await Promise.all([postgres.stop(), mariadb.stop()]);
    },
  };
}

export interface DialectRun {
  dialect: string;
  form: 'base' | 'wow' | 'paper_wow';
  ms: number;
  sameAsDuckDb: boolean;
}

/**
 * The benchmark's plans rendered for every dialect and run on its engine over the same small
 * slice of the demo world (the bench-size data stays in DuckDB): each form must answer what
 * DuckDB answers. Times here are informative only (a few thousand rows).
 */
export async function runOnEveryDialect(engines: OtherEngines, catalog: Catalog, plans: { base: PlanInput; wow: PlanInput }, runs: number): Promise<DialectRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-bench-templater-'));
  const opened: Warehouse[] = [];
  try {
    const file = join(dir, 'slice.duckdb');
    const { tables } = await writeDemoSlice(file, [plans.base.view], 15);
    const duckdb = await DuckDbWarehouse.open(file);
    opened.push(duckdb);
    const pg = new Client({ connectionString: engines.postgres.url });
    await pg.connect();
    const my = await createConnection({ host: engines.mariadb.host, port: engines.mariadb.port, user: engines.mariadb.user, database: engines.mariadb.database, charset: 'utf8mb4' });
    try {
      for (const table of tables) {
        const { rows } = await duckdb.query(`SELECT * FROM "${table.name}"`, [], { timeoutMs: 120_000, maxRows: 10_000_000 });
        await createAndLoad(postgresWriter(pg), table, rows);
        await createAndLoad(mysqlWriter(my), table, rows);
      }
    } finally {
      await pg.end();
      await my.end();
    }
    const targets: [SqlDialectRules, Warehouse][] = [
      [duckdbDialect, duckdb],
      [postgresDialect, await PostgresWarehouse.open(engines.postgres.url)],
      [mysqlDialect, await MySqlWarehouse.open(engines.mariadb.url)],
    ];
    opened.push(targets[1][1], targets[2][1]);
    const results: DialectRun[] = [];
    const reference = new Map<string, Record<string, unknown>[]>();
    for (const [dialect, warehouse] of targets) {
      const templater = new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() });
      const wow = templater.render(plans.wow as never, catalog, DEMO_TODAY);
      const forms: [DialectRun['form'], { text: string; params: unknown[] }][] = [
        ['base', templater.render(plans.base as never, catalog, DEMO_TODAY).sql],
        ['wow', wow.sql],
        ['paper_wow', paperWeekOnWeek(wow.model, dialect.name as 'duckdb' | 'postgres' | 'mysql')],
      ];
      for (const [form, sql] of forms) {
        const times: number[] = [];
        let rows: Record<string, unknown>[] = [];
        let columns: string[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          const result = await warehouse.query(sql.text, sql.params, { timeoutMs: 120_000, maxRows: 100_000 });
          times.push(performance.now() - started);
          rows = result.rows;
          columns = result.columns.map((c) => c.name);
        }
        const values = rows.map((r) => columns.map((c) => r[c]));
        if (dialect.name === 'duckdb') reference.set(form, values.map((v) => Object.fromEntries(v.map((x, i) => [String(i), x]))));
        const expected = reference.get(form)!;
        const keys = columns.map((_, i) => String(i));
        const same =
          firstDifference(normalizeRows(expected, keys), normalizeRows(values.map((v) => Object.fromEntries(v.map((x, i) => [String(i), x]))), keys), keys) === null &&
          rows.length > 0;
        results.push({ dialect: dialect.name, form, ms: median(times), sameAsDuckDb: same });
      }
    }
    return results;
  } finally {
    for (const w of opened) await w.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
