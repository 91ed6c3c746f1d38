import { shift, startOf, type Grain, type PeriodUnit } from '@chatbi/contracts';
import { bucketCount, bucketStep } from './comparison.planner';

const UNITS: PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];
const GRAINS: Grain[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];

describe('bucketStep', () => {
  it.each([
    ['hour', 'day', null],
    ['hour', 'week', null],
    ['day', 'day', { part: 'day', n: 1 }],
    ['day', 'week', { part: 'day', n: 7 }],
    ['week', 'week', { part: 'day', n: 7 }],
    ['month', 'month', { part: 'month', n: 1 }],
    ['month', 'quarter', { part: 'month', n: 3 }],
    ['quarter', 'year', { part: 'month', n: 12 }],
    ['year', 'year', { part: 'month', n: 12 }],
    ['hour', 'month', null],
    ['day', 'month', null],
    ['day', 'year', null],
    ['week', 'month', null],
  ] as const)('%s buckets, one %s back: %j', (grain, unit, step) => {
    expect(bucketStep(grain, unit)).toEqual(step);
  });

  // The step must name the same bucket as the calendar does for every bucket start, wherever it has one.
  it('agrees with moving each bucket start back one unit by the calendar', () => {
    const starts = (grain: Grain) => {
      const out: string[] = [];
      for (let d = '2023-01-01'; d < '2025-12-31'; d = shift(d, 'day', 1)) if (grain === 'hour' || grain === 'day' || startOf(d, grain) === d) out.push(d);
      return out;
    };
    for (const grain of GRAINS.filter((g) => g !== 'hour')) {
      for (const unit of UNITS.filter((u) => UNITS.indexOf(u) >= Math.max(0, UNITS.indexOf(grain as PeriodUnit)))) {
        const step = bucketStep(grain, unit);
        if (!step) continue;
        for (const start of starts(grain)) {
          const previous = grain === 'day' ? shift(start, unit, -1) : startOf(shift(start, unit, -1), grain as PeriodUnit);
          const back = step.part === 'month' ? shift(start, 'month', -step.n) : shift(start, 'day', -step.n);
          expect(`${grain} ${unit} ${start}: ${back}`).toBe(`${grain} ${unit} ${start}: ${previous}`);
        }
      }
    }
  });
});

describe('bucketCount', () => {
  it.each([
    ['hour', '2026-03-01', '2026-03-04', 72],
    ['day', '2026-02-24', '2026-03-10', 14],
    ['week', '2026-02-02', '2026-03-02', 4],
    ['month', '2025-11-01', '2026-03-01', 4],
    ['quarter', '2025-01-01', '2026-04-01', 5],
    ['year', '2023-01-01', '2026-01-01', 3],
  ] as const)('%s buckets from %s until %s: %i', (grain, from, until, n) => {
    expect(bucketCount({ from, until }, grain)).toBe(n);
  });
});
