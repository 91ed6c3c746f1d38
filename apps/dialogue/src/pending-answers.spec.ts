import type { AnsweredMessage, FailedMessage } from '@chatbi/contracts';
import { PendingAnswers } from './pending-answers';

const answer = (requestId: string) => ({ requestId }) as AnsweredMessage;

describe('PendingAnswers', () => {
  it('settles a request once: a repeated answer and other instances\' answers are dropped', async () => {
    const pending = new PendingAnswers();
    const waiting = pending.wait('r1', 5_000);
    expect(pending.settle('someone-else', { ok: true, answer: answer('someone-else') })).toBe(false);
    expect(pending.settle('r1', { ok: true, answer: answer('r1') })).toBe(true);
    expect(pending.settle('r1', { ok: true, answer: answer('r1') })).toBe(false);
    await expect(waiting).resolves.toEqual({ requestId: 'r1' });
    expect(pending.size).toBe(0);
  });

  it('turns a failure into its ChatbiError and a silence into PIPELINE_TIMEOUT', async () => {
    const pending = new PendingAnswers();
    const failed = pending.wait('r1', 5_000);
    pending.settle('r1', { ok: false, failure: { error: { code: 'NO_VIEW_COVERS', message: 'needs a join' } } as FailedMessage });
    await expect(failed).rejects.toMatchObject({ code: 'NO_VIEW_COVERS', message: 'needs a join' });
    await expect(pending.wait('r2', 10)).rejects.toMatchObject({ code: 'PIPELINE_TIMEOUT' });
  });

  it('reports idle once every waiting request has settled, or gives up after the timeout', async () => {
    const pending = new PendingAnswers();
    expect(await pending.whenIdle(10)).toBe(true);
    const waiting = pending.wait('r1', 5_000);
    expect(await pending.whenIdle(10)).toBe(false);
    const idle = pending.whenIdle(5_000);
    pending.settle('r1', { ok: true, answer: answer('r1') });
    await waiting;
    expect(await idle).toBe(true);
    void pending.wait('r2', 5_000);
    pending.cancel('r2');
    expect(pending.size).toBe(0);
  });
});
