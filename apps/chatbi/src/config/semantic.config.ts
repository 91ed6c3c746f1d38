import type { CascadeAlgorithmConfig } from '@chatbi/contracts';
import { z } from 'zod';

import type { SemanticOptions } from '@chatbi/cascade-runner';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const fraction = (fallback: number) => z.coerce.number().gt(0).lt(1).default(fallback);

/** Settings of semantic operators (ai_filter, ai_classify), part of the ChatBI configuration. */
export const semanticConfigShape = {
  /** Rows one question may send through a semantic operator; more is refused with TOO_MANY_ROWS. */
  CHATBI_SEMANTIC_MAX_ROWS: positiveInt(5_000),
  /** Partitions of a cascade: in-process in embedded mode, of chatbi.semantic-rows in distributed mode. */
  CHATBI_SEMANTIC_PARTITIONS: z.coerce.number().int().min(1).max(64).default(8),
  /** GAMCAL by default: on `npm run bench -- cascades` it reached F1 >= 0.95 with fewer oracle calls than SUPG-IT. */
  CHATBI_SEMANTIC_ALGORITHM: z.enum(['supg-it', 'gamcal', 'oracle-only']).default('gamcal'),
  /** SUPG-IT: the precision and recall targets and the confidence they hold with. */
  CHATBI_SEMANTIC_TARGET_PRECISION: fraction(0.9),
  /** SUPG-IT: the recall target (see CHATBI_SEMANTIC_TARGET_PRECISION). */
  CHATBI_SEMANTIC_TARGET_RECALL: fraction(0.9),
  /** SUPG-IT: the confidence the precision and recall targets hold with. */
  CHATBI_SEMANTIC_CONFIDENCE: fraction(0.95),
  /** GAMCAL: the cost of an oracle call against an error (small = quality first, large = cheap). */
  CHATBI_SEMANTIC_GAMCAL_ALPHA: fraction(0.2),
  /** Per question: rows the LLM may judge, and tokens it may spend. */
  CHATBI_SEMANTIC_MAX_ORACLE_CALLS: positiveInt(2_000),
  /** Per question: the tokens the LLM may spend judging rows. */
  CHATBI_SEMANTIC_MAX_ORACLE_TOKENS: positiveInt(2_000_000),
  /** A question's time for its semantic operators; rows not decided by then stay undecided. */
  CHATBI_SEMANTIC_TIMEOUT_MS: positiveInt(120_000),
  /** Seed of the cascades' sampling, so that a run can be repeated. */
  CHATBI_SEMANTIC_SEED: z.coerce.number().int().default(42),
  /** The oracle's model: a fast one, it judges many small batches. */
  CHATBI_SEMANTIC_ORACLE_MODEL: z.string().min(1).default('claude-haiku-4-5'),
  /** Time for one oracle request; a timed-out request is retried once, then its rows are undecided. */
  CHATBI_SEMANTIC_ORACLE_TIMEOUT_MS: positiveInt(30_000),
  /** Rows per oracle request. */
  CHATBI_SEMANTIC_ORACLE_BATCH_ROWS: z.coerce.number().int().min(1).max(100).default(20),
  /** Row texts are cut to this many characters before the oracle sees them. */
  CHATBI_SEMANTIC_ORACLE_MAX_TEXT_CHARS: z.coerce.number().int().min(100).max(100_000).default(4_000),
  /** A YAML manifest of proxies trained beforehand (`chatbi train-proxy`); operators it lists use them. */
  CHATBI_SEMANTIC_PROXIES: z.string().min(1).optional(),
  /** A folder where the oracle's labels are written, with the texts they judge, for `chatbi train-proxy`. */
  CHATBI_SEMANTIC_LABELS_DIR: z.string().min(1).optional(),
};

const semanticConfigSchema = z.object(semanticConfigShape);
export type SemanticConfig = z.infer<typeof semanticConfigSchema>;

export function semanticOptionsOf(config: SemanticConfig): SemanticOptions {
  return {
    maxRows: config.CHATBI_SEMANTIC_MAX_ROWS,
    partitions: config.CHATBI_SEMANTIC_PARTITIONS,
    algorithm: algorithmOf(config),
    budget: { maxOracleCalls: config.CHATBI_SEMANTIC_MAX_ORACLE_CALLS, maxOracleTokens: config.CHATBI_SEMANTIC_MAX_ORACLE_TOKENS },
    seed: config.CHATBI_SEMANTIC_SEED,
    timeoutMs: config.CHATBI_SEMANTIC_TIMEOUT_MS,
    oracleBatchRows: config.CHATBI_SEMANTIC_ORACLE_BATCH_ROWS,
    maxTextChars: config.CHATBI_SEMANTIC_ORACLE_MAX_TEXT_CHARS,
  };
}

function algorithmOf(config: SemanticConfig): CascadeAlgorithmConfig {
  switch (config.CHATBI_SEMANTIC_ALGORITHM) {
    case 'supg-it':
      return {
        kind: 'supg-it',
        targetPrecision: config.CHATBI_SEMANTIC_TARGET_PRECISION,
        targetRecall: config.CHATBI_SEMANTIC_TARGET_RECALL,
        confidence: config.CHATBI_SEMANTIC_CONFIDENCE,
      };
    case 'gamcal':
      return { kind: 'gamcal', alpha: config.CHATBI_SEMANTIC_GAMCAL_ALPHA };
    case 'oracle-only':
      return { kind: 'oracle-only' };
  }
}
