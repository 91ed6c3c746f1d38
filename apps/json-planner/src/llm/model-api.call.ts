import { PlannerModelError } from './planner-model.client';
import { retryWithBackoff, type RetryDecision, type RetryOutcome } from './retry-with-backoff';

/** What went wrong with one HTTP call of a model API, whichever SDK made it. */
export type ApiFailure =
  | { kind: 'timeout' }
  | { kind: 'connection' }
  | { kind: 'status'; status: number; headers?: Headers; message?: string }
  | { kind: 'other'; message: string };

export interface ModelApiCallOptions {
  maxRetries: number;
  baseDelayMs: number;
  /** Epoch milliseconds after which no new attempt starts. */
  deadline: number;
  /** For messages: the whole planning's time, and how the API and its key are called. */
  timeoutMs: number;
  api: string;
  keyVariable: string;
  failureOf: (error: unknown) => ApiFailure;
}

const MAX_RETRY_DELAY_MS = 8_000;

/**
 * Calls a model API with our own retries, so that they share the planner's one deadline: 429 and
 * 5xx answers and dropped connections are retried with exponential backoff (longer when the
 * server sends Retry-After); a timeout is not, since the time it had is gone. A call that fails
 * for good becomes a PlannerModelError whose reason says what happened in words.
 */
export async function callModelApi<T>(attempt: () => Promise<T>, options: ModelApiCallOptions): Promise<RetryOutcome<T>> {
  const policy = { maxRetries: options.maxRetries, baseDelayMs: options.baseDelayMs, maxDelayMs: MAX_RETRY_DELAY_MS, deadline: options.deadline };
  // A connection dropped when the time was up is the timeout aborting it (an SDK cannot always tell).
  const failureOf = (error: unknown): ApiFailure => {
    const failure = options.failureOf(error);
    return failure.kind === 'connection' && Date.now() >= options.deadline ? { kind: 'timeout' } : failure;
  };
  try {
    return await retryWithBackoff(attempt, (error) => classify(failureOf(error)), policy);
  } catch (error) {
    throw new PlannerModelError(describe(failureOf(error), options));
  }
}

function classify(failure: ApiFailure): RetryDecision {
  if (failure.kind === 'connection') return { retry: true };
  if (failure.kind !== 'status') return { retry: false };
  const retry = failure.status === 429 || failure.status >= 500;
  return { retry, afterMs: retry ? retryAfterMs(failure.headers) : undefined };
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers?.get('retry-after'));
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  return undefined;
}

function describe(failure: ApiFailure, options: ModelApiCallOptions): string {
  const api = options.api;
  switch (failure.kind) {
    case 'timeout':
      return `did not answer within ${options.timeoutMs} ms`;
    case 'connection':
      return `could not reach the ${api}`;
    case 'other':
      return `failed: ${failure.message}`;
  }
  const status = failure.status;
  if (status === 429) return `was rate limited by the ${api} (429) on every try`;
  if (status >= 500) return `got server errors from the ${api} (${status}) on every try`;
  if (status === 401 || status === 403) return `was refused by the ${api} (${status}): check ${options.keyVariable}`;
  return `got an error from the ${api} (${status}: ${failure.message ?? 'no message'})`;
}
