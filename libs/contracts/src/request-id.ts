import { createHash } from 'node:crypto';

/**
 * The id a question travels under, from the caller's own requestId: one per caller, so that two
 * callers who pick the same id never meet (one cannot receive, or poll, the other's answer).
 */
export function scopedRequestId(caller: string, requestId: string): string {
  return `r${createHash('sha256').update(caller).update('\u0000').update(requestId).digest('hex').slice(0, 40)}`;
}
