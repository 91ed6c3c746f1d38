import { ChatbiError } from '@chatbi/contracts';

/**
 * Requests per minute per caller, as a token bucket that refills continuously: a caller may burst
 * up to its limit, then gets one request every 60/limit seconds. Buckets of callers idle for a
 * minute are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from the caller's bucket, or refuses with RATE_LIMITED and when to come back. */
  take(key: string, perMinute: number): void {
    if (perMinute <= 0) return;
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.ceil(((1 - bucket.tokens) * 60) / perMinute);
      throw new ChatbiError('RATE_LIMITED', `More than ${perMinute} requests a minute; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds, limitPerMinute: perMinute });
    }
    bucket.tokens -= 1;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(key);
  }
}
