import { RequestCoalescer } from './request-coalescer';

describe('RequestCoalescer', () => {
  it('sends requests made in the same tick together, and those made during a flush in the next one', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new RequestCoalescer<number, number>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await gate;
      return items.map((n) => n * 10);
    });
    const first = [coalescer.run(1), coalescer.run(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [coalescer.run(3), coalescer.run(4), coalescer.run(5)];
    expect(flushes).toEqual([[1, 2]]);
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(flushes).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('fails every request of a failed flush and carries on with the next', async () => {
    let calls = 0;
    const coalescer = new RequestCoalescer<string, string>(async (items) => {
      if (++calls === 1) throw new Error('broker down');
      return items;
    });
    const failed = Promise.allSettled([coalescer.run('a'), coalescer.run('b')]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await coalescer.run('c')).toBe('c');
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const coalescer = new RequestCoalescer<number, void>(async (items) => {
      sizes.push(items.length);
      return items.map(() => undefined);
    }, 3);
    await Promise.all(Array.from({ length: 7 }, (_, i) => coalescer.run(i)));
    expect(sizes).toEqual([3, 3, 1]);
  });
});
