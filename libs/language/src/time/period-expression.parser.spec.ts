import type { PeriodUnit, TimeRange } from '@chatbi/contracts';
import { parseTimeExpressions } from './time-expression.parser';

const last = (n: number, unit: PeriodUnit): TimeRange => ({ kind: 'last', n, unit });
const point = (unit: PeriodUnit, offset: number): TimeRange => ({ kind: 'point', unit, offset });
const toDate = (unit: 'week' | 'month' | 'quarter' | 'year'): TimeRange => ({ kind: 'to_date', unit });
const days = (from: string, to: string): TimeRange => ({ kind: 'absolute', from, to });
const rangeOf = (text: string, today = '2026-11-18') => parseTimeExpressions(text, today).range;

describe('periods relative to today', () => {
  it.each<[string, TimeRange]>([
    ['DAU the week before last', point('week', -2)],
    ['上上周的DAU', point('week', -2)],
    ['上上个星期的DAU', point('week', -2)],
    ['上上上周的DAU', point('week', -3)],
    ['DAU the month before last', point('month', -2)],
    ['上上个月的DAU', point('month', -2)],
    ['上上季度的DAU', point('quarter', -2)],
    ['DAU this month so far', toDate('month')],
    ['DAU month to date', toDate('month')],
    ['本月至今的DAU', toDate('month')],
    ['这个月到目前为止的DAU', toDate('month')],
    ['这个月到目前的DAU', toDate('month')],
    ['今年截至目前的DAU', toDate('year')],
    ['DAU over the last 3 weeks', last(3, 'week')],
    ['DAU the past two months', last(2, 'month')],
    ['近三周的DAU', last(3, 'week')],
    ['过去两个月的DAU', last(2, 'month')],
    ['最近4周的DAU', last(4, 'week')],
    ['DAU the last fortnight', last(2, 'week')],
  ])('%s', (text, range) => expect(rangeOf(text)).toEqual(range));

  it.each<[string, string, TimeRange]>([
    ['DAU over the past two quarters', '2026-11-18', days('2026-04-01', '2026-09-30')],
    ['近两个季度的DAU', '2026-11-18', days('2026-04-01', '2026-09-30')],
    ['过去两个季度的DAU', '2026-11-18', days('2026-04-01', '2026-09-30')],
    ['DAU the last 2 quarters', '2026-01-01', days('2025-07-01', '2025-12-31')],
    ['DAU l2q', '2026-01-01', days('2025-07-01', '2025-12-31')],
    ['近两个季度的DAU', '2024-02-29', days('2023-07-01', '2023-12-31')],
    ['DAU over the last 4 quarters', '2025-12-31', days('2024-10-01', '2025-09-30')],
  ])('%s on %s: the complete quarters before the current one', (text, today, range) => expect(rangeOf(text, today)).toEqual(range));
});

describe('chat shorthand', () => {
  it.each<[string, TimeRange]>([
    ['DAU yday', point('day', -1)],
    ['yest DAU', point('day', -1)],
    ['DAU ytd', toDate('year')],
    ['DAU mtd', toDate('month')],
    ['DAU wtd', toDate('week')],
    ['DAU qtd', toDate('quarter')],
    ['DAU l7d', last(7, 'day')],
    ['DAU l14d', last(14, 'day')],
    ['DAU l30d', last(30, 'day')],
    ['DAU last7d', last(7, 'day')],
    ['DAU last 7d', last(7, 'day')],
    ['DAU past 30d', last(30, 'day')],
    ['7d DAU', last(7, 'day')],
    ['DAU 90d', last(90, 'day')],
    ['DAU l4w', last(4, 'week')],
    ['DAU l3m', last(3, 'month')],
    ['DAU past wk', last(1, 'week')],
    ['DAU last wk', point('week', -1)],
    ['DAU prev month', point('month', -1)],
    ['DAU previous qtr', point('quarter', -1)],
    ['DAU lm', point('month', -1)],
    ['DAU lw', point('week', -1)],
    ['DAU ly', point('year', -1)],
    ['DAU 3 mths ago', point('month', -3)],
    ['昨日DAU', point('day', -1)],
    ['前日DAU', point('day', -2)],
    ['近七日DAU', last(7, 'day')],
    ['近一周DAU', last(1, 'week')],
    ['上月DAU', point('month', -1)],
    ['本月DAU', toDate('month')],
    ['本周DAU', toDate('week')],
  ])('%s', (text, range) => expect(rangeOf(text)).toEqual(range));

  it('leaves 7d retention and 3d films alone', () => {
    expect(rangeOf('7d retention by city')).toBeUndefined();
    expect(rangeOf('plays of 3d films')).toBeUndefined();
  });
});
