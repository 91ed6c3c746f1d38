import type { Logger } from '@nestjs/common';

/** One thing a service needs in order to answer: the warehouse, the metadata database, its Kafka groups, a stage downstream. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency works; rejects with what is wrong. */
  check(): Promise<void>;
  /** Must pass before the service joins its consumer groups: until then it takes no partitions, so no work. */
  gatesConsumers?: boolean;
}

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  /** A check that takes longer fails. */
  timeoutMs: number;
  /** A report is reused this long, so that probes and scrapes in a burst hit the databases once. */
  reuseMs: number;
}

const DEFAULT_OPTIONS: ReadinessOptions = { timeoutMs: 2_000, reuseMs: 1_000 };

/** Runs a service's readiness checks (at most one round at a time) and says which fail and why. */
export class Readiness {
  private last?: { at: number; report: Promise<ReadinessReport> };

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly options: ReadinessOptions = DEFAULT_OPTIONS,
  ) {}

  add(...checks: ReadinessCheck[]): void {
    this.checks.push(...checks);
    this.last = undefined;
  }

  report(): Promise<ReadinessReport> {
    if (this.last && Date.now() - this.last.at < this.options.reuseMs) return this.last.report;
    const report = this.run(this.checks);
    this.last = { at: Date.now(), report };
    return report;
  }

  /**
   * Waits until every check that gates the consumers passes, trying again with backoff (1 s,
   * doubling, at most 15 s) and logging each failed round once, at warn.
   */
  async untilConsumersMayStart(logger: Logger, maxDelayMs = 15_000): Promise<void> {
    const gates = this.checks.filter((c) => c.gatesConsumers);
    for (let round = 1; ; round++) {
      const { ready, checks } = await this.run(gates);
      if (ready) return;
      const delay = Math.min(maxDelayMs, 1_000 * 2 ** (round - 1));
      const failing = Object.entries(checks).filter(([, r]) => !r.ok).map(([name, r]) => `${name}: ${r.detail}`);
      logger.warn(`not joining the consumer groups yet (attempt ${round}): ${failing.join('; ')}; checking again in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async run(checks: ReadinessCheck[]): Promise<ReadinessReport> {
    const results = await Promise.all(checks.map(async (c) => [c.name, await this.runOne(c)] as const));
    return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
  }

  private async runOne(check: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      await Promise.race([check.check(), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
