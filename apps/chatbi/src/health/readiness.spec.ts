import { Logger } from '@nestjs/common';
import { Readiness, type ReadinessCheck } from './readiness';

const passing = (name: string): ReadinessCheck => ({ name, check: async () => undefined });
const failing = (name: string, why: string): ReadinessCheck => ({
  name,
  check: async () => {
    throw new Error(why);
  },
});

describe('Readiness', () => {
  it('is ready only when every check passes, and says which failed and why', async () => {
    expect(await new Readiness([passing('metadata'), passing('warehouse')]).report()).toEqual({ ready: true, checks: { metadata: { ok: true }, warehouse: { ok: true } } });
    const report = await new Readiness([passing('metadata'), failing('warehouse', 'file /d/x.duckdb does not exist')]).report();
    expect(report).toEqual({ ready: false, checks: { metadata: { ok: true }, warehouse: { ok: false, detail: 'file /d/x.duckdb does not exist' } } });
  });

  it('fails a check that does not answer in time', async () => {
    const hanging: ReadinessCheck = { name: 'metadata', check: () => new Promise(() => undefined) };
    const report = await new Readiness([hanging], { timeoutMs: 50, reuseMs: 0 }).report();
    expect(report.checks.metadata).toEqual({ ok: false, detail: 'no answer within 50 ms' });
  });

  it('reuses a report for a moment, then checks again', async () => {
    let calls = 0;
    const counted: ReadinessCheck = { name: 'warehouse', check: async () => void calls++ };
    const readiness = new Readiness([counted], { timeoutMs: 1_000, reuseMs: 40 });
    await Promise.all([readiness.report(), readiness.report(), readiness.report()]);
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await readiness.report();
    expect(calls).toBe(2);
  });

  it('lets the consumers start once the gating checks pass, ignoring the others', async () => {
    let opened = false;
    const warehouse: ReadinessCheck = {
      name: 'warehouse',
      gatesConsumers: true,
      check: async () => {
        if (!opened) throw new Error('cannot open');
      },
    };
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const started = new Readiness([warehouse, failing('stages', 'view-selector silent')]).untilConsumersMayStart(logger, 20);
    setTimeout(() => (opened = true), 30);
    await started;
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^not joining the consumer groups yet \(attempt 1\): warehouse: cannot open; checking again in/));
    expect(warn.mock.calls.every(([line]) => !String(line).includes('stages'))).toBe(true);
  });
});
