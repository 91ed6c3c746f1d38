import type { CascadeAlgorithmConfig, CascadeBudget, CascadeProgress, CascadeRow, RowDecision, SemanticTask } from './cascade.types';
import type { AccessContext } from './access';
import type { ErrorBody } from './error-codes';
import type { Plan, TimeRange } from './plan.schema';

/** Fields every pipeline message carries. Keys on the bus are the session id. */
export interface MessageEnvelope {
  requestId: string;
  sessionId: string;
  user: string;
  /** The user's roles and attributes, which choose the catalog's access rules; absent: no roles. */
  access?: AccessContext;
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
  /**
   * A question that stands alone but names no period, asked in a conversation: the period the
   * conversation was about ("which region had the highest ARPU?" after last month's revenue).
   */
  contextRange?: TimeRange;
  /** Who judged the question complete or a follow-up: the trained model, or the catalog rule standing in for it. */
  completenessBy?: DecidedBy;
}

/** A trained small model, or the catalog rules that stand in while none is in service. */
export type DecidedBy = 'model' | 'catalog-rules';

export interface ViewCandidate {
  view: string;
  score: number;
  covers: boolean;
}

export interface ViewSelectedMessage extends ResolvedMessage {
  view: string;
  candidates: ViewCandidate[];
  /** Who ranked the views before the catalog confirmed coverage. */
  viewRankedBy?: DecidedBy;
}

/**
 * Tokens an LLM planner spent on one question, summed over its requests (the repair turn
 * included), as the API's usage reports them. Everything sent is input + cacheRead + cacheWrite.
 */
export interface TokenUsage {
  /** Input tokens billed at the full rate: neither read from nor written to a prompt cache. */
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache (the fixed prefix, at the cached rate). */
  cacheRead: number;
  /** Input tokens written to the prompt cache (Anthropic bills them above the full rate). */
  cacheWrite: number;
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

/**
 * A plan with semantic operators runs in two steps: `sql` of the rendered message reads the rows the
 * operators judge (row key and text columns, with the plan's filters and time range); the plan's
 * aggregate over the rows that pass is rendered and run after the cascade.
 */
export interface SemanticRowsQuery {
  /** Output column of the rows query holding the view's row key. */
  keyColumn: string;
  /** Output column holding each operator's text, by operator index. */
  textColumns: string[];
}

export interface RenderedMessage extends PlannedMessage {
  sql: RenderedSql;
  semantic?: SemanticRowsQuery;
  /** The answer's columns as the plan names them, with their roles. */
  outputs?: Pick<ResultColumn, 'name' | 'role' | 'additive'>[];
  /** A series answer: its metrics over the whole range, one row, run beside it. */
  totalSql?: RenderedSql;
}

export interface ResultColumn {
  name: string;
  type: string;
  role: 'time' | 'dimension' | 'metric' | 'comparison';
  /** Metrics: whether values add up across rows (sums and counts); false for averages, ratios, extremes. */
  additive?: boolean;
}

export type ChartKind = 'line' | 'bar' | 'number' | 'table';

export interface ChartSpec {
  kind: ChartKind;
  x?: string;
  series: string[];
  groupBy?: string[];
}

/** How one semantic operator was run: who judged how many rows, at what cost and with what thresholds. */
export interface SemanticOperatorReport {
  op: 'ai_filter' | 'ai_classify';
  column: string;
  instruction: string;
  /** supg-it, gamcal, proxy-only or oracle-only. */
  algorithm: string;
  /** The algorithm's quality settings, e.g. { targetPrecision: 0.9, targetRecall: 0.9, confidence: 0.95 }. */
  settings: Record<string, number>;
  proxy: string;
  oracle: string;
  partitions: number;
  rowsIn: number;
  /** ai_filter: rows that passed. ai_classify: rows that got a label. */
  rowsOut: number;
  /** ai_classify: rows per label. */
  labelCounts?: Record<string, number>;
  proxyDecided: number;
  oracleDecided: number;
  undecided: number;
  /** Why rows stayed undecided, with how many rows each ("oracle timed out": 3). */
  undecidedReasons: Record<string, number>;
  oracleCalls: number;
  oracleTokens: number;
  /** Final proxy-score thresholds per partition: below low = no, above high = yes, between = oracle. */
  thresholds: { partition: number; low: number; high: number }[];
  elapsedMs: number;
}

/** A semantic cascade while it runs (GET /api/ask/:requestId/progress). */
export interface SemanticProgress extends CascadeProgress {
  requestId: string;
  /** pending: no cascade has started for this id (yet): the question is still being planned, or has none. */
  state: 'pending' | 'reading' | 'judging' | 'aggregating' | 'done' | 'failed';
  /** Index of the operator being run, and how many the plan has. */
  operator: number;
  operators: number;
  instruction: string;
  rowsIn: number;
  updatedAt: string;
}

/** Distributed mode: a share of one job's rows for one partition of chatbi.semantic-rows. */
export interface SemanticRowsMessage {
  jobId: string;
  requestId: string;
  partition: number;
  partitions: number;
  task: SemanticTask;
  algorithm: CascadeAlgorithmConfig;
  budget: CascadeBudget;
  seed: number;
  rows: CascadeRow[];
  /** The partition's last batch of this job: the worker decides what it held back and reports done. */
  last: boolean;
  /** The batch's number within its (job, partition), from 0: a redelivered batch is recognised by it and judged once. */
  sequence: number;
  /** On the last batch: how many rows the partition got in all. */
  rowCount?: number;
  /** Epoch ms after which the owner no longer waits: the worker stops judging the job then. */
  deadline: number;
}

/** Distributed mode: decisions of one partition, back to the owner of the job. */
export interface SemanticDecisionsMessage {
  jobId: string;
  partition: number;
  decisions: RowDecision[];
  progress: CascadeProgress;
  done: boolean;
  /** A partition that failed as a whole (its rows count as undecided with this reason). */
  error?: string;
  /** The rows batch these decisions answer (its sequence): the owner counts each batch's decisions once. */
  sequence: number;
  /** The worker instance that judged the partition. */
  worker: string;
  proxy: string;
  oracle: string;
}

export interface AnsweredMessage extends RenderedMessage {
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  chart: ChartSpec;
  /** One report per semantic operator of the plan. */
  semanticReport?: SemanticOperatorReport[];
  /** A series answer's metrics over its whole range (a big number beside the line). */
  total?: Record<string, unknown>;
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
  /** For each phrase of `needed` (by its `column` text), every catalog column it may mean: what view proposals are built from. */
  linked?: MissedColumnLink[];
}

export interface MissedColumnLink {
  phrase: string;
  view: string;
  column: string;
  score: number;
  role?: string;
  /** 'value' when the phrase is an enum value of the column rather than the column itself. */
  kind?: 'column' | 'value';
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
  /** Who asked: the user a trusted proxy signed, else the request's `user`, else "anonymous" (the gRPC answer omits it). */
  user?: string;
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
  /** Which small models served this answer (absent where a stage did not run them). */
  decidedBy?: { completeness?: DecidedBy; viewRanking?: DecidedBy };
  /** Plans with semantic operators: how each was run ("N rows judged, M by the LLM, U undecided"). */
  semantic?: SemanticOperatorReport[];
  /** A series answer's metrics over its whole range, by metric name. */
  total?: Record<string, unknown>;
}

/** chatbi.heartbeats: one instance of a service says it is alive, and whether it is ready to take work. */
export interface HeartbeatMessage {
  service: string;
  instance: string;
  ready: boolean;
  /** The readiness checks that fail, when not ready. */
  failing: string[];
  sentAt: string;
}
