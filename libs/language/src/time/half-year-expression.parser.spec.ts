import type { TimeRange } from '@chatbi/contracts';
import { parseTimeExpressions } from './time-expression.parser';

const days = (from: string, to: string): TimeRange => ({ kind: 'absolute', from, to });
const read = (text: string, today: string) => {
  const r = parseTimeExpressions(text, today);
  return { range: r.range, future: r.future.map((f) => [f.text, f.range]) };
};

describe('halves of a year', () => {
  it.each<[string, string, TimeRange, boolean]>([
    ['上半年的DAU', '2026-11-18', days('2026-01-01', '2026-06-30'), false],
    ['下半年的DAU', '2026-11-18', days('2026-07-01', '2026-12-31'), true],
    ['上半年的DAU', '2026-03-18', days('2026-01-01', '2026-06-30'), true],
    ['今年上半年的DAU', '2026-07-01', days('2026-01-01', '2026-06-30'), false],
    ['去年下半年的DAU', '2026-03-18', days('2025-07-01', '2025-12-31'), false],
    ['2025年上半年的DAU', '2026-03-18', days('2025-01-01', '2025-06-30'), false],
    ['DAU in the first half of this year', '2026-11-18', days('2026-01-01', '2026-06-30'), false],
    ['DAU the second half of last year', '2026-11-18', days('2025-07-01', '2025-12-31'), false],
    ["DAU last year's first half", '2026-11-18', days('2025-01-01', '2025-06-30'), false],
    ['DAU H1 2025', '2026-11-18', days('2025-01-01', '2025-06-30'), false],
    ['DAU 2025 H2', '2026-11-18', days('2025-07-01', '2025-12-31'), false],
    ['DAU H1', '2024-02-29', days('2024-01-01', '2024-06-30'), true],
    ['DAU first half of 2024', '2025-12-31', days('2024-01-01', '2024-06-30'), false],
  ])('%s on %s', (text, today, range, ahead) => {
    const r = read(text, today);
    expect(r).toEqual({ range, future: ahead ? [[expect.any(String), range]] : [] });
  });

  it('reads next year\'s halves as future, naming no range', () => {
    expect(read('明年上半年的DAU', '2026-11-18')).toEqual({ range: undefined, future: [['明年上半年', days('2027-01-01', '2027-06-30')]] });
    expect(read('DAU in the first half of next year', '2026-11-18').future).toEqual([['in the first half of next year', days('2027-01-01', '2027-06-30')]]);
  });

  it.each<[string, TimeRange]>([
    ['近半年的DAU', { kind: 'last', n: 6, unit: 'month' }],
    ['过去半年的DAU', { kind: 'last', n: 6, unit: 'month' }],
    ['DAU over the past half year', { kind: 'last', n: 6, unit: 'month' }],
    ['近半个月的DAU', { kind: 'last', n: 15, unit: 'day' }],
  ])('the trailing half: %s', (text, range) => expect(read(text, '2026-11-18').range).toEqual(range));
});
