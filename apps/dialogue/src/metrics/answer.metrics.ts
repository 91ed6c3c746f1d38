import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ChatbiError } from '@chatbi/contracts';
import { METRICS_REGISTRY } from '@chatbi/transport';

/** The API a question came in through. */
export type AnswerEntry = 'http' | 'grpc' | 'kafka';

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Answer-level metrics, what SLOs are written on: every reply by API and code (OK or the error
 * code), the time until the caller had it, and each pipeline stage's time.
 */
@Injectable()
export class AnswerMetrics {
  private readonly answers?: Counter<'entry' | 'code'>;
  private readonly answerSeconds?: Histogram<'entry'>;
  private readonly stageSeconds?: Histogram<'stage'>;

  constructor(@Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    if (!registry) return;
    // Several apps of one process (tests) share the process's registry: a metric is registered once.
    this.answers = existing(registry, 'chatbi_answers_total') ?? new Counter({ name: 'chatbi_answers_total', help: 'Replies to questions, by API and code (OK or the error code)', labelNames: ['entry', 'code'], registers: [registry] });
    this.answerSeconds =
      existing(registry, 'chatbi_answer_duration_seconds') ??
      new Histogram({ name: 'chatbi_answer_duration_seconds', help: 'Time from a question arriving to its reply, by API', labelNames: ['entry'], buckets: SECONDS_BUCKETS, registers: [registry] });
    this.stageSeconds =
      existing(registry, 'chatbi_stage_duration_seconds') ??
      new Histogram({ name: 'chatbi_stage_duration_seconds', help: 'Time one pipeline stage took on a question', labelNames: ['stage'], buckets: SECONDS_BUCKETS, registers: [registry] });
  }

  record(entry: AnswerEntry, code: string, seconds: number): void {
    this.answers?.inc({ entry, code });
    this.answerSeconds?.observe({ entry }, seconds);
  }

  /** Times a reply and counts it by the code it ended with. */
  async observe<T>(entry: AnswerEntry, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.record(entry, 'OK', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.record(entry, ChatbiError.from(error).code, (performance.now() - started) / 1000);
      throw error;
    }
  }

  /** A question's stage timings (milliseconds by stage), as the pipeline stamped them. */
  stages(timings: Record<string, number>): void {
    for (const [stage, ms] of Object.entries(timings)) this.stageSeconds?.observe({ stage }, ms / 1000);
  }
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}
