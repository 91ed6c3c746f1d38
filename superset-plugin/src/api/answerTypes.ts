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
}

export interface AskRequest {
  question: string;
  sessionId?: string;
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
