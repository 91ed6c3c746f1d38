import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
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
 * Each table is staged in TEMP (built in parallel, much faster than generating straight into a
 * persistent table), copied to the file, and dropped, so memory holds one large table at a time.
 */
export function demoWorldSql(plan: DemoWorldPlan, generatedAt: Date): string[] {
  return [
    ...worldBaseSql(plan),
    activityBaseSql(plan),
    videoPlayDailySql(plan),
    ...publish('video_play_daily'),
    searchDailySql(plan),
    ...publish('search_daily'),
    userActivityDailySql(),
    userFeedbackSql(plan),
    'DROP TABLE w_activity',
    ...publish('user_activity_daily'),
    ...publish('user_feedback'),
    creatorDailySql(plan),
    ...publish('creator_daily'),
    ...demoMetaSql(plan, generatedAt),
  ];
}

function publish(table: (typeof DEMO_WORLD_TABLES)[number]): string[] {
  return [`CREATE TABLE ${table} AS SELECT * FROM ${stagedName(table)}`, `DROP TABLE ${stagedName(table)}`];
}

/** Generates the demo warehouse into a temporary file and renames it into place when complete. */
export async function generateDemoWorld(opts: DemoWorldOptions): Promise<DemoWorldSummary> {
  const started = performance.now();
  const plan = resolveDemoWorldOptions(opts);
  mkdirSync(dirname(plan.file), { recursive: true });
  const tmp = `${plan.file}.${process.pid}-${Date.now()}.tmp`;
  let rows: Record<string, number>;
  try {
    const instance = await DuckDBInstance.create(tmp, { memory_limit: generationMemoryLimit() });
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

/** Bench worlds do not fit in memory at once; DuckDB spills beyond this rather than taking 80% of RAM. */
function generationMemoryLimit(): string {
  const mb = Math.floor(Math.max(512, Math.min(4096, totalmem() / 2 / 2 ** 20)));
  return `${mb}MB`;
}

function removeTemporaries(tmp: string): void {
  for (const path of [tmp, `${tmp}.wal`, `${tmp}.tmp`]) rmSync(path, { force: true, recursive: true });
}
