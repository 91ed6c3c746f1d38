import { partitionOf } from './partition-of';

describe('partitionOf', () => {
  it('is stable and spreads ids evenly', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8_000; i++) counts[partitionOf(`row-${i}`, 8)]++;
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1_150);
    expect(partitionOf('row-42', 8)).toBe(partitionOf('row-42', 8));
    expect(partitionOf('anything', 1)).toBe(0);
  });

  it('refuses a partition count that is not a positive integer', () => {
    expect(() => partitionOf('x', 0)).toThrow(RangeError);
    expect(() => partitionOf('x', 2.5)).toThrow(RangeError);
  });
});
