import { isAbsolute } from 'node:path';
import { DEFAULT_DEMO_SEED, DEMO_WORLD_PRESETS, resolveDemoWorldOptions } from './demo-world.options';

describe('resolveDemoWorldOptions', () => {
  it('defaults to the small preset and the default seed', () => {
    const plan = resolveDemoWorldOptions({ file: 'demo.duckdb', endDate: '2025-06-30' });
    expect(plan).toMatchObject({ seed: DEFAULT_DEMO_SEED, size: 'small', sizeKey: 'small', ...DEMO_WORLD_PRESETS.small });
    expect(isAbsolute(plan.file)).toBe(true);
  });

  it('counts the history back from endDate, inclusive', () => {
    const plan = resolveDemoWorldOptions({ file: 'x', endDate: '2024-03-01', size: { users: 100, days: 3 } });
    expect([plan.startDate, plan.endDate, plan.sizeKey]).toEqual(['2024-02-28', '2024-03-01', 'users=100,days=3']);
    expect(resolveDemoWorldOptions({ file: 'x', endDate: '2025-06-30' }).startDate).toBe('2024-04-27');
  });

  it('keeps at least 400 days of history in the presets', () => {
    expect(DEMO_WORLD_PRESETS.small.days).toBeGreaterThanOrEqual(400);
    expect(DEMO_WORLD_PRESETS.bench.days).toBeGreaterThanOrEqual(400);
  });

  it.each([
    [{ endDate: '2025-02-30' }, /endDate/],
    [{ endDate: '30/06/2025' }, /endDate/],
    [{ endDate: '2025-06-30', seed: -1 }, /seed/],
    [{ endDate: '2025-06-30', seed: 1.5 }, /seed/],
    [{ endDate: '2025-06-30', size: { users: 5, days: 10 } }, /users/],
    [{ endDate: '2025-06-30', size: { users: 100, days: 0 } }, /days/],
    [{ endDate: '2025-06-30', size: 'huge' as never }, /unknown demo world size/],
  ])('rejects %j', (opts, message) => {
    expect(() => resolveDemoWorldOptions({ file: 'x', ...opts })).toThrow(message);
  });
});
