import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the ceiling per attempt and jitters within its upper half', () => {
    expect([1, 2, 3].map((a) => backoffDelay(policy, a, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((a) => backoffDelay(policy, a, () => 1))).toEqual([100, 200, 400]);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(backoffDelay(policy, 30, () => 1)).toBe(1_000);
  });
});
