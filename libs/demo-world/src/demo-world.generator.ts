import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { creatorDailySql } from './creator-daily.table';
import {
  DEMO_WORLD_GENERATOR_VERSION, DEMO_WORLD_TABLES, countDemoRows, demoMetaSql, readDemoMeta, stagedName, type DemoWorldMeta,
} from './demo-world-meta.table';
import { resolveDemoWorldOptions, type DemoWorldOptions, type DemoWorldPlan, type DemoWorldSummary } from './demo-world.options';
import { searchDailySql } from './search-daily.table';
import { activityBaseSql, userActivityDailySql } from './user-activity-daily.table';
import { userFeedbackSql } from './user-feedback.table';
import { videoPlayDailySql } from './video-play-daily.table';
import { worldBaseSql } from './world-base.table';

/**
 * Every statement that builds the world, in order. Pure: the same plan gives the same SQL.
 * Tables are staged in TEMP (built in parallel) and then copied to the file, which in DuckDB is
 * much faster than writing the generating query straight into a persistent table.
 */
export function demoWorldSql(plan: DemoWorldPlan, generatedAt: Date): string[] {
  return [
    ...worldBaseSql(plan),
    activityBaseSql(plan),
    videoPlayDailySql(plan),
    searchDailySql(plan),
    userActivityDailySql(),
    userFeedbackSql(plan),
    creatorDailySql(plan),
    ...DEMO_WORLD_TABLES.flatMap((t) => [`CREATE TABLE ${t} AS SELECT * FROM ${stagedName(t)}`, `DROP TABLE ${stagedName(t)}`]),
    ...demoMetaSql(plan, generatedAt),
  ];
}

/** Generates the demo warehouse into a temporary file and renames it into place when complete. */
export async function generateDemoWorld(opts: DemoWorldOptions): Promise<DemoWorldSummary> {
  const started = performance.now();
  const plan = resolveDemoWorldOptions(opts);
  mkdirSync(dirname(plan.file), { recursive: true });
  const tmp = `${plan.file}.${process.pid}-${Date.now()}.tmp`;
  let rows: Record<string, number>;
  try {
    const instance = await DuckDBInstance.create(tmp);
    try {
      const connection = await instance.connect();
      try {
        for (const sql of demoWorldSql(plan, new Date())) await connection.run(sql);
        rows = await countDemoRows(connection);
        await connection.run('CHECKPOINT');
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
    // A WAL left beside the old file would be replayed onto the new one.
    rmSync(`${plan.file}.wal`, { force: true });
    renameSync(tmp, plan.file);
  } finally {
    removeTemporaries(tmp);
  }
  return summarize(plan, rows, started);
}

/** Reuses the file when its meta table matches seed, size and endDate (and generator version); else regenerates. */
export async function ensureDemoWorld(opts: DemoWorldOptions): Promise<{ summary: DemoWorldSummary; generated: boolean }> {
  const started = performance.now();
  const plan = resolveDemoWorldOptions(opts);
  const existing = await inspectDemoWorld(plan.file);
  if (
    existing &&
    existing.meta.seed === plan.seed &&
    existing.meta.size === plan.sizeKey &&
    existing.meta.endDate === plan.endDate &&
    existing.meta.startDate === plan.startDate &&
    existing.meta.generatorVersion === DEMO_WORLD_GENERATOR_VERSION
  ) {
    return { summary: summarize(plan, existing.rows, started), generated: false };
  }
  return { summary: await generateDemoWorld(opts), generated: true };
}

/** Reads the meta table and row counts of a demo world file; undefined when it is missing or unreadable. */
export async function inspectDemoWorld(file: string): Promise<{ meta: DemoWorldMeta; rows: Record<string, number> } | undefined> {
  if (!existsSync(file)) return undefined;
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const meta = await readDemoMeta(connection);
      return meta ? { meta, rows: await countDemoRows(connection) } : undefined;
    } finally {
      connection.closeSync();
    }
  } catch {
    return undefined;
  } finally {
    instance?.closeSync();
  }
}

function summarize(plan: DemoWorldPlan, rows: Record<string, number>, started: number): DemoWorldSummary {
  return {
    file: plan.file,
    seed: plan.seed,
    size: plan.size,
    startDate: plan.startDate,
    endDate: plan.endDate,
    rows,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

function removeTemporaries(tmp: string): void {
  for (const path of [tmp, `${tmp}.wal`, `${tmp}.tmp`]) rmSync(path, { force: true, recursive: true });
}
