import type { SeededRandom } from '@chatbi/models';

/** Where one row goes: the proxy says yes, the proxy says no, or the oracle decides. */
export type Route = 'accept' | 'reject' | 'oracle';

/**
 * What the score means. `binary` (a filter): the proxy's probability of "yes"; accept = yes,
 * reject = no. `top-label` (a classifier): the proxy's score of its top label, and the event is
 * "the top label is right"; accept = take the top label, there is no reject, the rest goes to the oracle.
 */
export type ScoreMode = 'binary' | 'top-label';

export interface LabeledScore {
  /** The proxy's score when the row was routed (before the proxy learned from its label). */
  score: number;
  /** binary: the oracle said yes; top-label: the oracle agreed with the proxy's top label. */
  positive: boolean;
  /** Importance weight of a sampled row (how many rows of the stream it stands for). */
  weight?: number;
}

export interface ImportanceSample {
  index: number;
  weight: number;
}

/** One cascade algorithm's decisions for one partition; the partition does the I/O. */
export interface CascadePolicy {
  /**
   * Rows of a new window to label before any of it is routed (SUPG-IT's importance sample).
   * `share` is the window's size relative to a full one (the last window of a stream may be short).
   */
  sampleWindow(scores: readonly number[], rng: SeededRandom, share: number): ImportanceSample[];
  observeSamples(samples: readonly LabeledScore[]): void;
  /** Labels of rows the policy itself routed to the oracle. */
  observeDelegated(labels: readonly LabeledScore[]): void;
  /** Deterministic: the same score in the same state routes the same way. */
  route(score: number): Route;
  /** The share of rows sent to the oracle even when the proxy could decide them (drawn once per row). */
  explorationRate(): number;
  /** Current proxy-score thresholds: below low = no, above high = yes, between = oracle. */
  thresholds(): { low: number; high: number };
}
