import { ChatbiError, type AnsweredMessage, type FailedMessage } from '@chatbi/contracts';

type Outcome = { ok: true; answer: AnsweredMessage } | { ok: false; failure: FailedMessage };

/** Requests waiting for their answer or failure to come back over the bus, each with a deadline. */
export class PendingAnswers {
  private readonly waiting = new Map<string, (outcome: Outcome) => void>();

  wait(requestId: string, timeoutMs: number): Promise<AnsweredMessage> {
    return new Promise<AnsweredMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new ChatbiError('PIPELINE_TIMEOUT', `No answer within ${Math.round(timeoutMs / 1000)} s; the question may still be running. Please try again.`));
      }, timeoutMs);
      this.waiting.set(requestId, (outcome) => {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        if (outcome.ok) resolve(outcome.answer);
        else reject(new ChatbiError(outcome.failure.error.code, outcome.failure.error.message, outcome.failure.error.details));
      });
    });
  }

  settle(requestId: string, outcome: Outcome): void {
    this.waiting.get(requestId)?.(outcome);
  }

  get size(): number {
    return this.waiting.size;
  }
}
