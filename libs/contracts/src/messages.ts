import type { ErrorBody } from './error-codes';
import type { Plan } from './plan.schema';

/** Fields every pipeline message carries. Keys on the bus are the session id. */
export interface MessageEnvelope {
  requestId: string;
  sessionId: string;
  user: string;
  askedAt: string;
  /** Milliseconds spent in each stage so far, by stage name. */
  timings: Record<string, number>;
  warnings: string[];
}

export interface AskMessage extends MessageEnvelope {
  question: string;
}

export interface ResolvedMessage extends AskMessage {
  /** The complete question after multi-round matching (the question itself for a complete one). */
  resolvedQuestion: string;
  /** The plan of the latest complete question, when this one is a follow-up. */
  previousPlan?: Plan;
}

export interface ViewCandidate {
  view: string;
  score: number;
  covers: boolean;
}

export interface ViewSelectedMessage extends ResolvedMessage {
  view: string;
  candidates: ViewCandidate[];
}

export interface TokenUsage {
  prompt: number;
  response: number;
}

export interface PlannerReport {
  planner: string;
  /** Words of the question the planner did not use. */
  unusedWords: string[];
  /** Where the planner chose between candidates, what it chose and what else it could have been. */
  guesses: { phrase: string; chose: string; alternatives: string[] }[];
  tokens: TokenUsage | null;
}

export interface PlannedMessage extends ViewSelectedMessage {
  plan: Plan;
  planner: PlannerReport;
}

export type SqlDialect = 'duckdb' | 'postgres' | 'mysql' | 'sqlite';

export interface RenderedSql {
  dialect: SqlDialect;
  text: string;
  params: unknown[];
}

export interface RenderedMessage extends PlannedMessage {
  sql: RenderedSql;
}

export interface ResultColumn {
  name: string;
  type: string;
  role: 'time' | 'dimension' | 'metric' | 'comparison';
}

export type ChartKind = 'line' | 'bar' | 'number' | 'table';

export interface ChartSpec {
  kind: ChartKind;
  x?: string;
  series: string[];
  groupBy?: string[];
}

export interface AnsweredMessage extends RenderedMessage {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  chart: ChartSpec;
}

export interface FailedMessage extends MessageEnvelope {
  stage: string;
  question: string;
  error: ErrorBody;
  view?: string;
}

export interface ViewMissedMessage extends MessageEnvelope {
  question: string;
  /** Catalog columns the question needed, by name, with the views that hold each. */
  needed: { column: string; views: string[] }[];
}

export interface CatalogChangedMessage {
  catalogHash: string;
  views: string[];
  changedAt: string;
}

/** The HTTP answer to POST /api/ask. */
export interface AskResponse {
  requestId: string;
  sessionId: string;
  question: string;
  resolvedQuestion: string;
  view: string;
  plan: Plan;
  sql: string;
  sqlParams: unknown[];
  dialect: SqlDialect;
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  chart: ChartSpec;
  timings: Record<string, number>;
  tokens: TokenUsage | null;
  warnings: string[];
  planner: PlannerReport;
}
