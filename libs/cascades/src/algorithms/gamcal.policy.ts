import type { CascadeAlgorithmConfig } from '@chatbi/contracts';
import type { CalibrationPoint } from '../calibration/calibrator';
import { GamCalibrator } from '../calibration/gam-calibrator';
import type { CascadePolicy, LabeledScore, Route, ScoreMode } from './cascade-policy';

type GamcalConfig = Extract<CascadeAlgorithmConfig, { kind: 'gamcal' }>;

export const DEFAULT_GAMCAL_BATCH_SIZE = 200;
export const DEFAULT_GAMCAL_EXPLORATION = 0.03;
const THRESHOLD_GRID = 200;

/**
 * GAMCAL for one partition. Every oracle label (with the score the row had before the proxy learned
 * from it) feeds a logistic GAM g(s) = P(event | s) with a 95% posterior band [g_lo, g_hi]
 * (GamCalibrator). Until the first fit (batchSize labels: the cold start) every row goes to the
 * oracle; the GAM is refitted when the labels reach 2x, 4x, 8x ... batchSize (the doubling
 * schedule), so thresholds move in steps.
 *
 * The decision rule has one parameter, alpha = the cost of an oracle call relative to the cost of
 * a wrong answer. Deciding a row by the proxy costs its error probability, taken at the pessimistic
 * end of the band: 1 - g_lo for "yes" (or "the top label"), g_hi for "no". The row goes to the
 * oracle when even the cheaper of the two exceeds alpha; otherwise the proxy decides it. Small
 * alpha = quality first, large alpha = cost first; a wide band (few labels near s) delegates.
 * The band is made monotone in s before it is used (see fitEnvelope), and read off a grid of 200.
 * A fraction `exploration` of the rows the proxy would decide still goes to the oracle so that
 * the calibration keeps seeing the confident regions, not only the uncertain one (labels are
 * selected on s alone, so P(event | s) stays estimable).
 */
export class GamcalPolicy implements CascadePolicy {
  private readonly labels: CalibrationPoint[] = [];
  private readonly batchSize: number;
  private readonly exploration: number;
  private nextFit: number;
  private envelope?: { low: Float64Array; high: Float64Array };
  private cut = { low: 0, high: 1 };

  constructor(
    private readonly mode: ScoreMode,
    private readonly config: GamcalConfig,
  ) {
    if (!(config.alpha > 0 && config.alpha < 1)) throw new RangeError(`gamcal alpha must be in (0, 1), got ${config.alpha}`);
    this.batchSize = config.batchSize ?? DEFAULT_GAMCAL_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`gamcal batchSize must be a positive integer, got ${this.batchSize}`);
    this.exploration = config.exploration ?? DEFAULT_GAMCAL_EXPLORATION;
    if (!(this.exploration >= 0 && this.exploration < 1)) throw new RangeError(`gamcal exploration must be in [0, 1), got ${this.exploration}`);
    this.nextFit = this.batchSize;
  }

  sampleWindow() {
    return [];
  }

  observeSamples(samples: readonly LabeledScore[]): void {
    this.observeDelegated(samples);
  }

  observeDelegated(labels: readonly LabeledScore[]): void {
    for (const l of labels) this.labels.push({ score: l.score, positive: l.positive });
    if (this.labels.length < this.nextFit) return;
    this.envelope = this.fitEnvelope(GamCalibrator.fit(this.labels));
    while (this.nextFit <= this.labels.length) this.nextFit *= 2;
    this.cut = this.computeThresholds();
  }

  /** Labels seen, and whether the GAM has been fitted (for tests and progress). */
  state(): { labels: number; fitted: boolean; nextFit: number } {
    return { labels: this.labels.length, fitted: this.envelope !== undefined, nextFit: this.nextFit };
  }

  route(score: number): Route {
    if (!this.envelope) return 'oracle';
    const at = Math.min(1, Math.max(0, score)) * THRESHOLD_GRID;
    // Rounded toward the less favourable grid point: down for "yes", up for "no".
    const acceptError = 1 - this.envelope.low[Math.floor(at)];
    const rejectError = this.mode === 'binary' ? this.envelope.high[Math.ceil(at)] : Infinity;
    if (Math.min(acceptError, rejectError) > this.config.alpha) return 'oracle';
    return acceptError <= rejectError ? 'accept' : 'reject';
  }

  /** Before the first fit everything is delegated anyway. */
  explorationRate(): number {
    return this.envelope ? this.exploration : 0;
  }

  thresholds() {
    return this.cut;
  }

  /**
   * The band on a grid, made monotone: P(event | s) is taken to be non-decreasing in s (the proxy
   * ranks rows), so a row is at least as likely "yes" as any row scored lower. This keeps the lower
   * bound from collapsing where an online proxy, grown more confident than when the labels were
   * scored, puts scores beyond the labelled range.
   */
  private fitEnvelope(gam: GamCalibrator): { low: Float64Array; high: Float64Array } {
    const low = new Float64Array(THRESHOLD_GRID + 1);
    const high = new Float64Array(THRESHOLD_GRID + 1);
    for (let i = 0; i <= THRESHOLD_GRID; i++) {
      const band = gam.predict(i / THRESHOLD_GRID);
      low[i] = Math.max(band.low, i > 0 ? low[i - 1] : 0);
      high[i] = band.high;
    }
    for (let i = THRESHOLD_GRID - 1; i >= 0; i--) high[i] = Math.min(high[i], high[i + 1]);
    return { low, high };
  }

  /** The score interval the rule delegates (what progress shows). */
  private computeThresholds(): { low: number; high: number } {
    const routes = Array.from({ length: THRESHOLD_GRID + 1 }, (_, i) => this.route(i / THRESHOLD_GRID));
    let low = 0;
    for (let i = 0; i <= THRESHOLD_GRID && routes[i] === 'reject'; i++) low = i / THRESHOLD_GRID;
    let high = 1;
    for (let i = THRESHOLD_GRID; i >= 0 && routes[i] === 'accept'; i--) high = i / THRESHOLD_GRID;
    return { low, high };
  }
}
