import type { TimeRange } from '@chatbi/contracts';
import { parseTimeExpressions } from './time-expression.parser';

const days = (from: string, to = from): TimeRange => ({ kind: 'absolute', from, to });
const read = (text: string, today = '2026-11-18') => {
  const r = parseTimeExpressions(text, today);
  return { range: r.range, future: r.future.map((f) => (f.range ? [f.text, f.range] : [f.text])) };
};

describe('time still to come: future, never a range', () => {
  it.each<[string, string, (string | TimeRange)[][]]>([
    ['DAU tomorrow', '2026-11-18', [['tomorrow', days('2026-11-19')]]],
    ['明天的DAU', '2026-11-18', [['明天', days('2026-11-19')]]],
    ['后天的DAU', '2026-11-18', [['后天', days('2026-11-20')]]],
    ['DAU the day after tomorrow', '2026-11-18', [['the day after tomorrow', days('2026-11-20')]]],
    ['DAU next week', '2026-11-18', [['next week', days('2026-11-23', '2026-11-29')]]],
    ['下周的DAU', '2026-11-18', [['下周', days('2026-11-23', '2026-11-29')]]],
    ['下一周的DAU', '2026-11-18', [['下1周', days('2026-11-23', '2026-11-29')]]],
    ['下个星期的DAU', '2026-11-18', [['下个星期', days('2026-11-23', '2026-11-29')]]],
    ['DAU next month', '2026-11-18', [['next month', days('2026-12-01', '2026-12-31')]]],
    ['下个月的DAU', '2026-11-18', [['下个月', days('2026-12-01', '2026-12-31')]]],
    ['下季度的DAU', '2026-11-18', [['下季度', days('2027-01-01', '2027-03-31')]]],
    ['明年的DAU', '2026-11-18', [['明年', days('2027-01-01', '2027-12-31')]]],
    ['DAU next monday', '2026-11-18', [['next monday', days('2026-11-23')]]],
    ['下周一的DAU', '2026-11-18', [['下周一', days('2026-11-23')]]],
    ['DAU next weekend', '2026-11-18', [['next weekend', days('2026-11-28', '2026-11-29')]]],
    ['下周末的DAU', '2026-11-18', [['下周末', days('2026-11-28', '2026-11-29')]]],
    ['DAU over the next 7 days', '2026-11-18', [['over the next 7 days', days('2026-11-18', '2026-11-24')]]],
    ['未来七天的DAU', '2026-11-18', [['未来7天', days('2026-11-18', '2026-11-24')]]],
    ['接下来两周的DAU', '2026-11-18', [['接下来2周', days('2026-11-18', '2026-12-01')]]],
    ['what will DAU be next week', '2026-11-18', [['what will'], ['next week', days('2026-11-23', '2026-11-29')]]],
    ['下周的DAU会是多少', '2026-11-18', [['下周', days('2026-11-23', '2026-11-29')], ['会是多少']]],
    ['DAU next month', '2025-12-31', [['next month', days('2026-01-01', '2026-01-31')]]],
    ['明天的DAU', '2025-12-31', [['明天', days('2026-01-01')]]],
    ['DAU next year', '2025-12-31', [['next year', days('2026-01-01', '2026-12-31')]]],
    ['明天的DAU', '2024-02-28', [['明天', days('2024-02-29')]]],
  ])('%s on %s', (text, today, future) => expect(read(text, today)).toEqual({ range: undefined, future }));

  it('keeps a past range beside a future word: the caller decides', () => {
    expect(read('上周的DAU和下周比')).toEqual({ range: { kind: 'point', unit: 'week', offset: -1 }, future: [['下周', days('2026-11-23', '2026-11-29')]] });
  });
});
