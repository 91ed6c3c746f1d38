import { handleInKeyOrder } from './key-ordered-batch';

interface M {
  key: string;
  n: number;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handleInKeyOrder', () => {
  it('keeps each key in order while keys run side by side', async () => {
    const messages: M[] = [];
    for (let n = 0; n < 12; n++) messages.push({ key: `k${n % 3}`, n });
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const outcome = await handleInKeyOrder(messages, (m) => m.key, async (m) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick(m.key === 'k0' ? 5 : 1);
      log.push(`${m.key}:${m.n}`);
      running--;
    }, { concurrency: 8 });
    expect(outcome).toEqual({ handledPrefix: 12 });
    expect(maxRunning).toBe(3);
    for (const key of ['k0', 'k1', 'k2']) {
      const order = log.filter((l) => l.startsWith(`${key}:`)).map((l) => Number(l.split(':')[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('runs at most `concurrency` messages at once', async () => {
    const messages: M[] = Array.from({ length: 20 }, (_, n) => ({ key: `k${n}`, n }));
    let running = 0;
    let maxRunning = 0;
    await handleInKeyOrder(messages, (m) => m.key, async () => {
      maxRunning = Math.max(maxRunning, ++running);
      await tick(1);
      running--;
    }, { concurrency: 4 });
    expect(maxRunning).toBe(4);
  });

  it('after an error starts nothing new and reports how far the batch was handled without a gap', async () => {
    const messages: M[] = [
      { key: 'a', n: 0 },
      { key: 'b', n: 1 },
      { key: 'a', n: 2 },
      { key: 'b', n: 3 },
    ];
    const handled: number[] = [];
    const outcome = await handleInKeyOrder(messages, (m) => m.key, async (m) => {
      if (m.n === 1) throw new Error('broken');
      await tick(2);
      handled.push(m.n);
    }, { concurrency: 1 });
    // One lane at a time: a's messages (0, 2) first, then b fails on 1, and 3 never starts.
    expect(handled).toEqual([0, 2]);
    expect(outcome.handledPrefix).toBe(1);
    expect((outcome.error as Error).message).toBe('broken');
  });

  it('stops starting messages once mayStart says no (a rebalance took the partition away)', async () => {
    const messages: M[] = Array.from({ length: 6 }, (_, n) => ({ key: 'same', n }));
    let allowed = true;
    const handled: number[] = [];
    const outcome = await handleInKeyOrder(messages, (m) => m.key, async (m) => {
      handled.push(m.n);
      if (m.n === 2) allowed = false;
    }, { concurrency: 4, mayStart: () => allowed });
    expect(handled).toEqual([0, 1, 2]);
    expect(outcome).toEqual({ handledPrefix: 3 });
  });
});
