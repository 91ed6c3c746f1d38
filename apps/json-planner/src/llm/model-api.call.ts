import type { LlmPlannerOptions } from '../json-planner.options';
import { PlannerModelError } from './planner-model.client';
import { retryWithBackoff, type RetryDecision, type RetryOutcome } from './retry-with-backoff';

/** What went wrong with one HTTP call of a model API, whichever SDK made it. */
export type ApiFailure =
  | { kind: 'timeout' }
  | { kind: 'connection' }
  | { kind: 'status'; status: number; headers?: Headers; message?: string }
  | { kind: 'other'; message: string };

/** How a planner's model API is named in messages, and how its SDK's errors read. */
export interface ModelApi {
  api: string;
  keyVariable: string;
  failureOf: (error: unknown) => ApiFailure;
}

const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;

class DeadlinePassed extends Error {}

/** What the SDKs are given: no retries or logging of their own, the planner's time as the timeout. */
export function sdkClientOptions(options: LlmPlannerOptions) {
  return { apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}), maxRetries: 0, timeout: options.timeoutMs, logLevel: 'off' as const };
}

/**
 * Calls a model API with our own retries, so that they share the planner's one deadline (each
 * attempt gets the time left as its timeout): 429 and 5xx answers and dropped connections are
 * retried with exponential backoff (longer when the server sends Retry-After); a timeout is not,
 * since the time it had is gone. A call that fails for good becomes a PlannerModelError whose
 * reason says what happened in words.
 */
export async function callModelApi<T>(
  create: (timeoutMs: number) => Promise<T>,
  deadline: number,
  options: LlmPlannerOptions,
  api: ModelApi,
): Promise<RetryOutcome<T>> {
  const attempt = () => {
    const remaining = deadline - Date.now();
    return remaining > 0 ? create(remaining) : Promise.reject(new DeadlinePassed());
  };
  const policy = {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxDelayMs: MAX_RETRY_DELAY_MS,
    deadline,
  };
  // A connection dropped when the time was up is the timeout aborting it (an SDK cannot always tell).
  const failureOf = (error: unknown): ApiFailure => {
    if (error instanceof DeadlinePassed) return { kind: 'timeout' };
    const failure = api.failureOf(error);
    return failure.kind === 'connection' && Date.now() >= deadline ? { kind: 'timeout' } : failure;
  };
  try {
    return await retryWithBackoff(attempt, (error) => classify(failureOf(error)), policy);
  } catch (error) {
    throw new PlannerModelError(describe(failureOf(error), options.timeoutMs, api));
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

function describe(failure: ApiFailure, timeoutMs: number, { api, keyVariable }: ModelApi): string {
  switch (failure.kind) {
    case 'timeout':
      return `did not answer within ${timeoutMs} ms`;
    case 'connection':
      return `could not reach the ${api}`;
    case 'other':
      return `failed: ${failure.message}`;
  }
  const status = failure.status;
  if (status === 429) return `was rate limited by the ${api} (429) on every try`;
  if (status >= 500) return `got server errors from the ${api} (${status}) on every try`;
  if (status === 401 || status === 403) return `was refused by the ${api} (${status}): check ${keyVariable}`;
  return `got an error from the ${api} (${status}: ${failure.message ?? 'no message'})`;
}
