import type { DuckDBConnection } from '@duckdb/node-api';
import type { DemoWorldPlan } from './demo-world.options';
import { sqlString } from './sql-random.helper';

/** Bump when the generated data changes shape, so files from an older generator are rebuilt. */
export const DEMO_WORLD_GENERATOR_VERSION = 1;

export const DEMO_META_TABLE = 'chatbi_demo_meta';

/** The warehouse tables, each named as the catalog view that reads it. */
export const DEMO_WORLD_TABLES = ['user_activity_daily', 'video_play_daily', 'search_daily', 'user_feedback', 'creator_daily'] as const;

/** The TEMP table a warehouse table is built in before it is copied to the file. */
export function stagedName(table: string): string {
  return `s_${table}`;
}

export interface DemoWorldMeta {
  seed: number;
  size: string;
  startDate: string;
  endDate: string;
  generatedAt: string;
  generatorVersion: number;
}

export function demoMetaSql(plan: DemoWorldPlan, generatedAt: Date): string[] {
  return [
    `CREATE TABLE ${DEMO_META_TABLE} (seed INTEGER, size VARCHAR, start_date DATE, end_date DATE,
       generated_at TIMESTAMP, generator_version INTEGER)`,
    `INSERT INTO ${DEMO_META_TABLE} VALUES (${plan.seed}, ${sqlString(plan.sizeKey)}, DATE ${sqlString(plan.startDate)},
       DATE ${sqlString(plan.endDate)}, TIMESTAMP ${sqlString(generatedAt.toISOString().replace('T', ' ').replace('Z', ''))},
       ${DEMO_WORLD_GENERATOR_VERSION})`,
  ];
}

export async function readDemoMeta(connection: DuckDBConnection): Promise<DemoWorldMeta | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT seed, size, strftime(start_date, '%Y-%m-%d') AS start_date, strftime(end_date, '%Y-%m-%d') AS end_date,
            strftime(generated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS generated_at, generator_version
     FROM ${DEMO_META_TABLE} LIMIT 1`,
  );
  const row = reader.getRowObjectsJson()[0];
  if (!row) return undefined;
  return {
    seed: Number(row.seed),
    size: String(row.size),
    startDate: String(row.start_date),
    endDate: String(row.end_date),
    generatedAt: String(row.generated_at),
    generatorVersion: Number(row.generator_version),
  };
}

export async function countDemoRows(connection: DuckDBConnection): Promise<Record<string, number>> {
  const reader = await connection.runAndReadAll(
    DEMO_WORLD_TABLES.map((t) => `SELECT ${sqlString(t)} AS t, count(*) AS n FROM ${t}`).join(' UNION ALL '),
  );
  const counts = new Map(reader.getRowsJson().map(([t, n]) => [String(t), Number(n)]));
  return Object.fromEntries(DEMO_WORLD_TABLES.map((t) => [t, counts.get(t) ?? 0]));
}
