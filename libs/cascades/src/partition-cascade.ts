import type {
  CascadeAlgorithmConfig,
  CascadeBudget,
  CascadeProgress,
  CascadeRow,
  Oracle,
  OracleAnswer,
  ProxyModel,
  RowDecision,
  SemanticTask,
  Verdict,
} from '@chatbi/contracts';
import type { CascadePolicy, LabeledScore, ScoreMode } from './algorithms/cascade-policy';
import { createPolicy } from './algorithms/create-policy';
import { DEFAULT_MAX_TEXT_CHARS, isBlankText, truncateRow } from './rows/row-text';
import { SeededRandom } from '@chatbi/models';
import { assertValidSemanticTask } from './rows/semantic-task.validator';

export const DEFAULT_WINDOW_ROWS = 200;
export const DEFAULT_ORACLE_BATCH_ROWS = 20;

export interface PartitionCascadeOptions {
  partition: number;
  task: SemanticTask;
  proxy: ProxyModel;
  oracle: Oracle;
  algorithm: CascadeAlgorithmConfig;
  /** This partition's own budget (runCascade splits a query's budget evenly over its partitions). */
  budget: CascadeBudget;
  seed: number;
  signal?: AbortSignal;
  /** Rows held back and decided together (SUPG-IT's iteration); default 200. */
  windowRows?: number;
  /** Rows per oracle request; default 20. */
  oracleBatchRows?: number;
  /** Texts are cut to this many characters before proxy and oracle see them; default 4,000. */
  maxTextChars?: number;
}

interface HeldRow {
  row: CascadeRow;
  truncated: boolean;
}

interface RowScore {
  /** binary: P(yes); top-label: the top label's score. */
  score: number;
  topLabel?: string;
}

/**
 * One partition's streaming cascade. Rows are held back until a window of `windowRows` is full;
 * then the algorithm may draw an importance sample of the window for the oracle (SUPG-IT), and
 * routes the other rows: the proxy's verdict, or the oracle. Delegated rows go to the oracle in
 * batches, most uncertain first; each batch's labels teach an online proxy and the algorithm, and
 * the window's undecided rows are scored and routed again, until none is delegated. The rest is
 * decided by the proxy as the final routing says.
 * Rows with no text are undecided and never reach the oracle; the budget counts rows judged by
 * the oracle and its tokens, and once spent the rows the algorithm would delegate are undecided
 * ("oracle budget spent") rather than guessed. Nothing here is shared with other partitions.
 */
export class PartitionCascade {
  private readonly rng: SeededRandom;
  private readonly policy: CascadePolicy;
  private readonly mode: ScoreMode;
  private readonly windowRows: number;
  private readonly batchRows: number;
  private readonly maxTextChars: number;
  private held: HeldRow[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private finished = false;
  private readonly counts = { rowsSeen: 0, rowsDecided: 0, oracleCalls: 0, oracleTokens: 0, undecided: 0, truncated: 0 };

  constructor(private readonly options: PartitionCascadeOptions) {
    assertValidSemanticTask(options.task);
    this.mode = options.task.kind === 'filter' ? 'binary' : 'top-label';
    this.policy = createPolicy(options.algorithm, this.mode);
    this.rng = new SeededRandom(Math.imul(options.seed + 1, 0x9e3779b1) ^ Math.imul(options.partition + 1, 0x85ebca6b));
    this.windowRows = positiveInteger(options.windowRows ?? DEFAULT_WINDOW_ROWS, 'windowRows');
    this.batchRows = positiveInteger(options.oracleBatchRows ?? DEFAULT_ORACLE_BATCH_ROWS, 'oracleBatchRows');
    this.maxTextChars = positiveInteger(options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS, 'maxTextChars');
  }

  /** Feeds the next rows of this partition; returns decisions for rows it could decide now (it may hold some back). */
  push(rows: readonly CascadeRow[]): Promise<RowDecision[]> {
    return this.serialized(async () => {
      if (this.finished) throw new Error(`partition ${this.options.partition}: push after finish`);
      const out: RowDecision[] = [];
      for (const row of rows) {
        this.counts.rowsSeen++;
        if (isBlankText(row.text)) {
          out.push(this.record({ id: row.id, verdict: null, by: 'undecided', reason: 'text is empty' }));
          continue;
        }
        const held = truncateRow(row, this.maxTextChars);
        if (held.truncated) this.counts.truncated++;
        this.held.push(held);
      }
      while (this.held.length >= this.windowRows) out.push(...(await this.decideWindow(this.held.splice(0, this.windowRows))));
      return out;
    });
  }

  /** No more rows: decide everything still held back. */
  finish(): Promise<RowDecision[]> {
    return this.serialized(async () => {
      this.finished = true;
      const rest = this.held;
      this.held = [];
      return rest.length > 0 ? this.decideWindow(rest) : [];
    });
  }

  progress(): CascadeProgress {
    const { rowsSeen, rowsDecided, oracleCalls, oracleTokens, undecided, truncated } = this.counts;
    return { rowsSeen, rowsDecided, oracleCalls, oracleTokens, undecided, truncated, thresholds: [{ partition: this.options.partition, ...this.policy.thresholds() }] };
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      this.options.signal?.throwIfAborted();
      return work();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async decideWindow(window: HeldRow[]): Promise<RowDecision[]> {
    const rows = window.map((h) => h.row);
    const decisions: (RowDecision | undefined)[] = new Array(rows.length);
    let scores = await this.score(rows);

    const samples = this.policy.sampleWindow(scores.map((s) => s.score), this.rng, rows.length / this.windowRows);
    if (samples.length > 0) {
      const weightOf = new Map<number, number>();
      for (const s of samples) weightOf.set(s.index, (weightOf.get(s.index) ?? 0) + s.weight);
      const labeled = await this.askOracle([...weightOf.keys()], rows, scores, decisions);
      this.policy.observeSamples(labeled.map((l) => ({ ...l.label, weight: weightOf.get(l.index) })));
      scores = await this.rescore(rows, scores, decisions);
    }

    // Drawn once per row, so that routing the row again after the proxy learned does not draw again.
    const rate = this.policy.explorationRate();
    const explore = rows.map(() => rate > 0 && this.rng.next() < rate);
    for (;;) {
      const delegated: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        if (decisions[i]) continue;
        const route = this.policy.route(scores[i].score);
        if (route === 'oracle' || (route === 'reject' && this.mode === 'top-label') || explore[i]) delegated.push(i);
      }
      if (delegated.length === 0) break;
      // The most uncertain rows first: their labels teach the proxy most, and after it learned the
      // rest of the window is routed again, so some rows it was unsure of no longer need the oracle.
      delegated.sort((a, b) => this.uncertainty(scores[b].score) - this.uncertainty(scores[a].score) || a - b);
      const batch = delegated.slice(0, this.batchRows);
      const labeled = await this.askOracle(batch, rows, scores, decisions);
      this.policy.observeDelegated(labeled.map((l) => l.label));
      scores = await this.rescore(rows, scores, decisions);
    }

    for (let i = 0; i < rows.length; i++) {
      if (decisions[i]) continue;
      const accept = this.policy.route(scores[i].score) === 'accept';
      const verdict: Verdict = this.mode === 'binary' ? accept : scores[i].topLabel!;
      decisions[i] = this.record({ id: rows[i].id, verdict, by: 'proxy' });
    }
    return window.map((h, i) => (h.truncated ? { ...decisions[i]!, truncated: true } : decisions[i]!));
  }

  /** 1 for a coin flip, 0 for a sure score. */
  private uncertainty(score: number): number {
    return this.mode === 'binary' ? 1 - 2 * Math.abs(score - 0.5) : 1 - score;
  }

  /** Sends rows to the oracle within the budget; records their decisions; returns the labels it got. */
  private async askOracle(
    indices: readonly number[],
    rows: readonly CascadeRow[],
    scores: readonly RowScore[],
    decisions: (RowDecision | undefined)[],
  ): Promise<{ index: number; label: LabeledScore }[]> {
    const { budget, oracle, task, signal } = this.options;
    const callsLeft = Math.max(0, budget.maxOracleCalls - this.counts.oracleCalls);
    const allowed = this.counts.oracleTokens >= budget.maxOracleTokens ? 0 : Math.min(indices.length, callsLeft);
    for (const i of indices.slice(allowed)) decisions[i] = this.record({ id: rows[i].id, verdict: null, by: 'undecided', reason: 'oracle budget spent' });
    const asked = indices.slice(0, allowed);
    if (asked.length === 0) return [];

    this.counts.oracleCalls += asked.length;
    const tokensBefore = oracle.tokensUsed();
    let answers: OracleAnswer[];
    try {
      answers = await oracle.judge(task, asked.map((i) => rows[i]), signal);
    } catch (error) {
      signal?.throwIfAborted();
      const reason = `oracle failed: ${error instanceof Error ? error.message : String(error)}`;
      for (const i of asked) decisions[i] = this.record({ id: rows[i].id, verdict: null, by: 'undecided', reason });
      return [];
    }
    const ownTokens = answers.some((a) => a.tokens !== undefined)
      ? answers.reduce((sum, a) => sum + (a.tokens ?? 0), 0)
      : Math.max(0, oracle.tokensUsed() - tokensBefore);
    this.counts.oracleTokens += ownTokens;

    const byId = new Map(answers.map((a) => [a.id, a]));
    const labeled: { index: number; label: LabeledScore }[] = [];
    const learnRows: CascadeRow[] = [];
    const learnVerdicts: Verdict[] = [];
    for (const i of asked) {
      const answer = byId.get(rows[i].id);
      const problem = !answer ? 'oracle gave no answer for the row' : answer.verdict === null ? (answer.reason ?? 'oracle gave no verdict') : this.invalidVerdict(answer.verdict);
      if (problem) {
        decisions[i] = this.record({ id: rows[i].id, verdict: null, by: 'undecided', reason: problem });
        continue;
      }
      const verdict = answer!.verdict as Verdict;
      decisions[i] = this.record({ id: rows[i].id, verdict, by: 'oracle' });
      const positive = this.mode === 'binary' ? verdict === true : verdict === scores[i].topLabel;
      labeled.push({ index: i, label: { score: scores[i].score, positive } });
      learnRows.push(rows[i]);
      learnVerdicts.push(verdict);
    }
    if (learnRows.length > 0 && this.options.proxy.learn && this.options.algorithm.kind !== 'oracle-only') {
      await this.options.proxy.learn(task, learnRows, learnVerdicts);
    }
    return labeled;
  }

  private invalidVerdict(verdict: Verdict): string | undefined {
    const task = this.options.task;
    if (task.kind === 'filter') return typeof verdict === 'boolean' ? undefined : 'oracle answered a filter with a non-boolean';
    return typeof verdict === 'string' && task.labels.includes(verdict) ? undefined : 'oracle answered outside the labels';
  }

  /** Scores again the undecided rows of the window after the proxy learned; the others keep theirs. */
  private async rescore(rows: readonly CascadeRow[], scores: RowScore[], decisions: readonly (RowDecision | undefined)[]): Promise<RowScore[]> {
    if (!this.options.proxy.learn || this.options.algorithm.kind === 'oracle-only') return scores;
    const open = rows.flatMap((_, i) => (decisions[i] ? [] : [i]));
    if (open.length === 0) return scores;
    const fresh = await this.score(open.map((i) => rows[i]));
    const next = [...scores];
    open.forEach((i, k) => (next[i] = fresh[k]));
    return next;
  }

  private async score(rows: readonly CascadeRow[]): Promise<RowScore[]> {
    const { proxy, task, algorithm } = this.options;
    // Oracle-only never looks at a score: the proxy is not run at all.
    if (algorithm.kind === 'oracle-only') return rows.map(() => ({ score: 0.5, topLabel: task.kind === 'classify' ? task.labels[0] : undefined }));
    const raw = await proxy.score(task, rows);
    if (raw.length !== rows.length) throw new Error(`proxy ${proxy.name} scored ${raw.length} of ${rows.length} rows`);
    return raw.map((values) => {
      if (task.kind === 'filter') return { score: unitInterval(values[0], 0.5) };
      let best = 0;
      for (let k = 1; k < task.labels.length; k++) if ((values[k] ?? -Infinity) > (values[best] ?? -Infinity)) best = k;
      return { score: unitInterval(values[best], 0), topLabel: task.labels[best] };
    });
  }

  private record(decision: RowDecision): RowDecision {
    this.counts.rowsDecided++;
    if (decision.by === 'undecided') this.counts.undecided++;
    return decision;
  }
}

function unitInterval(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(1, Math.max(0, value));
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
