import type { TimeRange } from '@chatbi/contracts';
import { parseTimeExpressions } from './time-expression.parser';

const days = (from: string, to: string): TimeRange => ({ kind: 'absolute', from, to });
const read = (text: string, today: string) => {
  const r = parseTimeExpressions(text, today);
  return { range: r.range, ahead: r.future.map((f) => f.text) };
};

describe('weekends', () => {
  it.each<[string, string, TimeRange, string[]]>([
    ['DAU last weekend', '2026-11-18', days('2026-11-14', '2026-11-15'), []],
    ['上周末的DAU', '2026-11-18', days('2026-11-14', '2026-11-15'), []],
    ['上个周末的DAU', '2026-11-18', days('2026-11-14', '2026-11-15'), []],
    ['DAU over the weekend', '2026-11-18', days('2026-11-14', '2026-11-15'), []],
    ['DAU the weekend before last', '2026-11-18', days('2026-11-07', '2026-11-08'), []],
    ['上上周末的DAU', '2026-11-18', days('2026-11-07', '2026-11-08'), []],
    ['DAU this weekend', '2026-11-18', days('2026-11-21', '2026-11-22'), ['this weekend']],
    ['本周末的DAU', '2026-11-18', days('2026-11-21', '2026-11-22'), ['本周末']],
    ['这周末的DAU', '2026-11-22', days('2026-11-21', '2026-11-22'), ['这周末']],
    ['上周末的DAU', '2026-11-22', days('2026-11-14', '2026-11-15'), []],
    ['上周末的DAU', '2026-11-23', days('2026-11-21', '2026-11-22'), []],
    ['DAU last weekend', '2026-01-01', days('2025-12-27', '2025-12-28'), []],
    ['DAU last weekend', '2024-02-29', days('2024-02-24', '2024-02-25'), []],
  ])('%s on %s', (text, today, range, ahead) => expect(read(text, today)).toEqual({ range, ahead }));
});
