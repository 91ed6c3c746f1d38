/**
 * Where "now" comes from. Questions are read against the day they were asked (`askedAt`), which
 * the edge stamps from this clock: a benchmark can ask on any day of the year.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads the given instant. */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}
