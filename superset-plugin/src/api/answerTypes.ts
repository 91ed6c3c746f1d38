/**
 * The ChatBI HTTP API as the panel reads it. These mirror AskResponse and ErrorBody in the ChatBI
 * repository's libs/contracts (a plugin built into Superset cannot import them); a type check in
 * ChatBI's end-to-end test keeps the two in step.
 */

export type ChartKind = 'line' | 'bar' | 'number' | 'table';

export interface ChartSpec {
  kind: ChartKind;
  x?: string;
  series: string[];
  groupBy?: string[];
}

export interface ResultColumn {
  name: string;
  type: string;
  role: 'time' | 'dimension' | 'metric' | 'comparison';
  /** Metrics: whether values add up across rows (sums and counts); false for averages and ratios. */
  additive?: boolean;
}

export type ResultRow = Record<string, unknown>;

/** The answer to POST /api/ask (the fields the panel uses). */
export interface AskAnswer {
  requestId: string;
  sessionId: string;
  question: string;
  resolvedQuestion: string;
  view: string;
  sql: string;
  sqlParams: unknown[];
  dialect: string;
  columns: ResultColumn[];
  rows: ResultRow[];
  truncated: boolean;
  chart: ChartSpec;
  timings: Record<string, number>;
  warnings: string[];
  /** Questions with semantic operators ("complained about login"): how each was run. */
  semantic?: SemanticReport[];
  /** A series answer's metrics over its whole range, by metric name. */
  total?: Record<string, unknown>;
}

/** A reading to choose when ChatBI is unsure (error NEEDS_CLARIFICATION, details.candidates). */
export interface ClarificationCandidate {
  kind: 'value' | 'column';
  label: string;
  column: string;
  view: string;
  /** The question asked with this reading: send it in the same session to go on. */
  question: string;
}

/** A partition's proxy-score thresholds: below low = no, above high = yes, between = the LLM. null when not finite. */
export interface SemanticThreshold {
  partition: number;
  low: number | null;
  high: number | null;
}

/** How one semantic operator was run (the fields the panel uses). */
export interface SemanticReport {
  op: 'ai_filter' | 'ai_classify';
  instruction: string;
  algorithm: string;
  rowsIn: number;
  rowsOut: number;
  proxyDecided: number;
  oracleDecided: number;
  undecided: number;
  undecidedReasons: Record<string, number>;
  oracleCalls: number;
  thresholds: SemanticThreshold[];
}

/** GET /api/ask/:requestId/progress while a question with a semantic operator runs. */
export type AskProgress =
  | { requestId: string; state: 'pending' }
  | {
      requestId: string;
      state: 'reading' | 'judging' | 'aggregating' | 'done' | 'failed';
      operator: number;
      operators: number;
      instruction: string;
      rowsIn: number;
      rowsSeen: number;
      rowsDecided: number;
      oracleCalls: number;
      undecided: number;
      thresholds: SemanticThreshold[];
    };

export interface AskRequest {
  question: string;
  sessionId?: string;
  /** The panel's own id for the question, so that it can poll the question's progress. */
  requestId?: string;
}

/** One of the caller's past conversations (GET /api/conversations), newest first. */
export interface ConversationSummary {
  sessionId: string;
  title: string;
  questions: number;
  startedAt: string;
  lastAskedAt: string;
}

/** A reopened conversation (GET /api/conversations/:sessionId): each question with its answer or error. */
export interface ConversationDetail {
  sessionId: string;
  turns: (
    | { requestId: string; question: string; askedAt: string; answer: AskAnswer }
    | { requestId: string; question: string; askedAt: string; error: ApiErrorBody['error'] }
  )[];
}

/** Body of POST /api/feedback. */
export interface FeedbackRequest {
  requestId: string;
  useful: boolean;
}

export interface FeedbackReceipt {
  requestId: string;
  useful: boolean;
  view: string | null;
}

/** How ChatBI reports every error: {error: {code, message}} with a 4xx or 5xx status. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
