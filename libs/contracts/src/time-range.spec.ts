import { previousSpan, resolveTimeRange, type ComparedRange } from './time-range';
import type { PeriodUnit, TimeRange } from './plan.schema';

describe('previousSpan', () => {
  const span = (from: string, to: string) => ({ from, to });
  const last = (n: number, unit: PeriodUnit): TimeRange => ({ kind: 'last', n, unit });

  it.each<[string, { from: string; to: string }, PeriodUnit, ComparedRange, { from: string; to: string }]>([
    ['November against all of October', span('2026-11-01', '2026-11-30'), 'month', {}, span('2026-10-01', '2026-10-31')],
    ['Q1 against all of Q4', span('2026-01-01', '2026-03-31'), 'quarter', {}, span('2025-10-01', '2025-12-31')],
    ['February of a leap year against February 2023', span('2024-02-01', '2024-02-29'), 'year', {}, span('2023-02-01', '2023-02-28')],
    ['February 2025 against February 2024 with its 29th', span('2025-02-01', '2025-02-28'), 'year', {}, span('2024-02-01', '2024-02-29')],
    ['March against all of February', span('2024-03-01', '2024-03-31'), 'month', {}, span('2024-02-01', '2024-02-29')],
    ['a year against the one before, by quarter: the four quarters before', span('2025-01-01', '2025-12-31'), 'quarter', {}, span('2024-10-01', '2025-09-30')],
    ['the month so far (Mar 1-30) against Feb 1-28, clamped', span('2025-03-01', '2025-03-30'), 'month', {}, span('2025-02-01', '2025-02-28')],
    ['the quarter so far of whole months against whole months', span('2026-10-01', '2026-11-30'), 'quarter', {}, span('2026-07-01', '2026-08-31')],
    ['one day, month on month', span('2026-03-31', '2026-03-31'), 'month', {}, span('2026-02-28', '2026-02-28')],
    ['one day, day on day', span('2026-03-01', '2026-03-01'), 'day', {}, span('2026-02-28', '2026-02-28')],
    ['a Mon-Sun week against the one before', span('2026-11-09', '2026-11-15'), 'week', {}, span('2026-11-02', '2026-11-08')],
    ['the last 7 days, day on day: the 7 days before', span('2026-11-11', '2026-11-17'), 'day', { range: last(7, 'day') }, span('2026-11-04', '2026-11-10')],
    ['the last 30 days (all of November), month on month: the same dates', span('2026-11-01', '2026-11-30'), 'month', { range: last(30, 'day') }, span('2026-10-01', '2026-10-30')],
    ['the last 3 months, month on month: the 3 months before', span('2026-08-19', '2026-11-18'), 'month', { range: last(3, 'month') }, span('2026-05-19', '2026-08-18')],
    ['a series by day, day on day: each day one day back', span('2026-11-11', '2026-11-17'), 'day', { range: last(7, 'day'), perBucket: true }, span('2026-11-10', '2026-11-16')],
    ['nothing so far: nothing', span('2026-12-07', '2026-12-06'), 'week', {}, span('2026-12-07', '2026-12-06')],
  ])('%s', (_label, current, unit, compared, previous) => {
    expect(previousSpan(current, unit, compared)).toEqual(previous);
  });

  it('answers the team\'s MoM question of 2026-12-07 about last month with all of October', () => {
    const november = resolveTimeRange({ kind: 'point', unit: 'month', offset: -1 }, '2026-12-07', 1);
    expect(previousSpan(november, 'month', { range: { kind: 'point', unit: 'month', offset: -1 } })).toEqual(span('2026-10-01', '2026-10-31'));
  });
});
