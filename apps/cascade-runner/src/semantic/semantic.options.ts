import type { CascadeAlgorithmConfig, CascadeBudget } from '@chatbi/contracts';


/** How semantic operators run: the row cap, the partitions, the algorithm and the oracle budget per question. */
export interface SemanticOptions {
  /** Rows a semantic operator may judge for one question; more is refused (TOO_MANY_ROWS). */
  maxRows: number;
  /** In-process partitions (embedded) or Kafka partitions of chatbi.semantic-rows (distributed). */
  partitions: number;
  algorithm: CascadeAlgorithmConfig;
  budget: CascadeBudget;
  seed: number;
  /** Wall time for one operator's cascade; rows not decided by then count as undecided. */
  timeoutMs: number;
  /** Rows per oracle request and the longest text sent to the oracle (longer text is cut, and said so). */
  oracleBatchRows?: number;
  maxTextChars?: number;
}

export const DEFAULT_SEMANTIC_OPTIONS: SemanticOptions = {
  maxRows: 5_000,
  partitions: 8,
  algorithm: { kind: 'gamcal', alpha: 0.2 },
  budget: { maxOracleCalls: 2_000, maxOracleTokens: 2_000_000 },
  seed: 42,
  timeoutMs: 120_000,
};
