export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch milliseconds after which no new attempt starts. */
  deadline: number;
}

export interface RetryDecision {
  retry: boolean;
  /** A delay the server asked for (Retry-After), which the backoff never undercuts. */
  afterMs?: number;
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/**
 * Runs `attempt` until it succeeds, `classify` says an error is final, the retries are spent or the
 * next delay would pass the deadline. Delays grow exponentially with full jitter on top of half.
 */
export async function retryWithBackoff<T>(
  attempt: (n: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<RetryOutcome<T>> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (error) {
      const decision = classify(error);
      if (!decision.retry || n > policy.maxRetries) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      const delay = Math.max(decision.afterMs ?? 0, backoff / 2 + (Math.random() * backoff) / 2);
      if (Date.now() + delay >= policy.deadline) throw error;
      await sleep(delay);
    }
  }
}
