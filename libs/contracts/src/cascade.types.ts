/**
 * The contract between the cascade algorithms (@chatbi/cascades) and the code that runs semantic
 * operators (cascade-runner, embedded or one worker per Kafka partition of chatbi.semantic-rows).
 */

/** One row that reached a semantic operator: its key and the text the operator judges. */
export interface CascadeRow {
  id: string;
  text: string | null;
}

export type SemanticTask =
  | { kind: 'filter'; instruction: string }
  | { kind: 'classify'; instruction: string; labels: readonly string[] };

/** A filter's verdict is a boolean, a classifier's verdict one of its labels. */
export type Verdict = boolean | string;

/** What became of one row: who decided, and `null` when nobody could (counted as undecided). */
export interface RowDecision {
  id: string;
  verdict: Verdict | null;
  by: 'proxy' | 'oracle' | 'undecided';
  /** Why a row is undecided: "oracle timed out", "oracle budget spent", "text is empty", ... */
  reason?: string;
  /** The text was longer than the cascade's limit and only its beginning was judged. */
  truncated?: boolean;
}

export interface OracleAnswer {
  id: string;
  verdict: Verdict | null;
  reason?: string;
  /** This row's share of the tokens its request used (so that partitions sharing an oracle can count their own). */
  tokens?: number;
}

/** The expensive judge (an LLM, or the gold label in benchmarks). Batched; must not throw per row. */
export interface Oracle {
  readonly name: string;
  judge(task: SemanticTask, rows: readonly CascadeRow[], signal?: AbortSignal): Promise<OracleAnswer[]>;
  /** Tokens spent so far by this oracle instance (0 for oracles that use none). */
  tokensUsed(): number;
}

/**
 * The cheap per-row scorer. For a filter, one probability-like score in [0, 1] per row; for a
 * classifier, one score per label (the cascade uses the top label and its score).
 * `learn` receives oracle labels as they arrive; proxies that cannot learn ignore it.
 */
export interface ProxyModel {
  readonly name: string;
  score(task: SemanticTask, rows: readonly CascadeRow[]): Promise<number[][]>;
  learn?(task: SemanticTask, rows: readonly CascadeRow[], verdicts: readonly Verdict[]): Promise<void> | void;
}

export type CascadeAlgorithmConfig =
  | { kind: 'supg-it'; targetPrecision: number; targetRecall: number; confidence: number; samplesPerIteration?: number }
  /** exploration: the fraction of confidently decided rows still sent to the oracle to keep the calibration honest (default 0.03). */
  | { kind: 'gamcal'; alpha: number; batchSize?: number; exploration?: number }
  /** warmupRows: the first rows of each partition go to the oracle to teach an online proxy (default 0). */
  | { kind: 'proxy-only'; warmupRows?: number }
  | { kind: 'oracle-only' };

/** oracle calls count rows judged by the oracle (one request judges a batch of rows). */
export interface CascadeBudget {
  maxOracleCalls: number;
  maxOracleTokens: number;
}

/** A snapshot while a cascade runs, summed over partitions. */
export interface CascadeProgress {
  rowsSeen: number;
  rowsDecided: number;
  oracleCalls: number;
  oracleTokens: number;
  undecided: number;
  /** Current proxy-score thresholds per partition: below low = no, above high = yes, between = oracle. */
  thresholds: { partition: number; low: number; high: number }[];
  /** Rows whose text was cut to the length limit before they were judged. */
  truncated?: number;
}

export interface CascadeOutcome extends CascadeProgress {
  decisions: RowDecision[];
  algorithm: CascadeAlgorithmConfig['kind'];
  proxy: string;
  oracle: string;
  partitions: number;
}
