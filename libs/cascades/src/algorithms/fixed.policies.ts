import type { CascadePolicy, ImportanceSample, Route, ScoreMode } from './cascade-policy';

/** The proxy decides every row (after an optional warm-up in which the oracle teaches an online proxy). */
export class ProxyOnlyPolicy implements CascadePolicy {
  private warmedUp = 0;

  constructor(
    private readonly mode: ScoreMode,
    private readonly warmupRows = 0,
  ) {}

  /** The warm-up: the first rows of the partition, labelled before anything is decided. */
  sampleWindow(scores: readonly number[]): ImportanceSample[] {
    const take = Math.min(scores.length, this.warmupRows - this.warmedUp);
    this.warmedUp += Math.max(0, take);
    return Array.from({ length: Math.max(0, take) }, (_, index) => ({ index, weight: 1 }));
  }
  observeSamples(): void {}
  observeDelegated(): void {}
  explorationRate(): number {
    return 0;
  }

  route(score: number): Route {
    if (this.mode === 'top-label') return 'accept';
    return score >= 0.5 ? 'accept' : 'reject';
  }

  thresholds() {
    return { low: 0.5, high: 0.5 };
  }
}

/** The oracle decides every row: the quality ceiling and the cost ceiling. */
export class OracleOnlyPolicy implements CascadePolicy {
  sampleWindow() {
    return [];
  }
  observeSamples(): void {}
  observeDelegated(): void {}
  route(): Route {
    return 'oracle';
  }
  explorationRate(): number {
    return 0;
  }
  thresholds() {
    return { low: 0, high: 1 };
  }
}
