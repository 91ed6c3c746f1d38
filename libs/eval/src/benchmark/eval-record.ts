import type { AskResponse, Plan, TokenUsage } from '@chatbi/contracts';
import type { Catalog } from '@chatbi/catalog';
import type { Hardness } from '../spider/spider-hardness';
import type { ResultSet } from '../execution/result-set';
import type { ColumnRole, RoledResultSet, UsefulnessReason } from '../execution/useful-execution';

/** The pipeline as the harness sees it: questions in, answers out, and a way to run gold SQL. */
export interface PipelineUnderTest {
  ask(question: string, sessionId?: string): Promise<AskResponse>;
  runGold(sql: string): Promise<ResultSet>;
  catalog: Catalog;
  close(): Promise<void>;
}

/** One scored question (or one dialogue turn). */
export interface EvalRecord {
  id: string;
  question: string;
  type?: string;
  language?: string;
  hardness: Hardness | 'n/a';
  goldSql: string;
  predSql?: string;
  predParams?: unknown[];
  view?: string;
  plan?: Plan;
  error?: string;
  ex: boolean;
  uex: boolean;
  uexReason: UsefulnessReason;
  exactMatch?: boolean;
  tokens: TokenUsage | null;
  ms: number;
}

/** The answer's rows as a result set with UEX roles (time and dimensions are keys). */
export function answerResultSet(answer: AskResponse): RoledResultSet {
  const columns = answer.columns.map((c) => c.name);
  return {
    columns,
    rows: answer.rows.map((r) => columns.map((c) => r[c])),
    roles: answer.columns.map((c): ColumnRole => (c.role === 'time' || c.role === 'dimension' ? 'key' : 'metric')),
  };
}

/**
 * Roles of the gold's columns: a column named after a catalog time, dimension or id column is a
 * key, one named after a catalog metric is a metric; otherwise text, dates and booleans are keys
 * and numbers metrics.
 */
export function goldRoles(gold: ResultSet, catalog: Catalog): ColumnRole[] {
  return gold.columns.map((name, j) => {
    const roles = new Set(catalog.views.map((v) => catalog.column(v.name, name)?.role).filter(Boolean));
    if (roles.has('metric')) return 'metric';
    if (roles.size > 0) return 'key';
    const values = gold.rows.map((r) => r[j]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)))
      ? 'metric'
      : 'key';
  });
}
