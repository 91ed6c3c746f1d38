import { ChatbiError, type AnsweredMessage, type FailedMessage } from '@chatbi/contracts';

type Outcome = { ok: true; answer: AnsweredMessage } | { ok: false; failure: FailedMessage };

/**
 * Requests waiting for their answer or failure to come back over the bus, each with a deadline.
 * A request settles once: an answer that arrives again (a redelivery) or after the deadline is
 * dropped. In distributed mode every dialogue instance sees every answer and settles only its own.
 */
export class PendingAnswers {
  private readonly waiting = new Map<string, (outcome: Outcome) => void>();
  private readonly cancels = new Map<string, () => void>();
  private idleWaiters: (() => void)[] = [];

  wait(requestId: string, timeoutMs: number): Promise<AnsweredMessage> {
    if (this.waiting.has(requestId)) return Promise.reject(new ChatbiError('INVALID_REQUEST', `request ${requestId} is already waiting for its answer`));
    return new Promise<AnsweredMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.forget(requestId);
        reject(new ChatbiError('PIPELINE_TIMEOUT', `No answer within ${Math.round(timeoutMs / 1000)} s; the question may still be running. Please try again.`));
      }, timeoutMs);
      this.cancels.set(requestId, () => clearTimeout(timer));
      this.waiting.set(requestId, (outcome) => {
        clearTimeout(timer);
        this.forget(requestId);
        if (outcome.ok) resolve(outcome.answer);
        else reject(new ChatbiError(outcome.failure.error.code, outcome.failure.error.message, outcome.failure.error.details));
      });
    });
  }

  has(requestId: string): boolean {
    return this.waiting.has(requestId);
  }

  /** Stops waiting without settling (the question never left); the promise of wait() stays pending. */
  cancel(requestId: string): void {
    this.cancels.get(requestId)?.();
    this.forget(requestId);
  }

  /** Returns whether this request was waiting here; false for other instances' requests and repeats. */
  settle(requestId: string, outcome: Outcome): boolean {
    const settle = this.waiting.get(requestId);
    settle?.(outcome);
    return settle !== undefined;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves once nothing is waiting (for a graceful shutdown), or after timeoutMs; true when idle. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.waiting.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(done);
    });
  }

  private forget(requestId: string): void {
    this.waiting.delete(requestId);
    this.cancels.delete(requestId);
    if (this.waiting.size === 0 && this.idleWaiters.length > 0) this.idleWaiters.splice(0).forEach((w) => w());
  }
}
