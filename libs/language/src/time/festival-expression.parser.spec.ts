import type { TimeRange } from '@chatbi/contracts';
import { parseTimeExpressions } from './time-expression.parser';

const days = (from: string, to = from): TimeRange => ({ kind: 'absolute', from, to });
const read = (text: string, today: string) => {
  const r = parseTimeExpressions(text, today);
  return { range: r.range, ahead: r.future.some((f) => f.range !== undefined && r.range !== undefined && f.range === r.range) };
};

describe('festivals: a name alone is the latest occurrence that has fully passed', () => {
  it.each<[string, string, TimeRange]>([
    ['双十一的GMV', '2026-11-05', days('2025-11-11')],
    ['双十一的GMV', '2026-11-11', days('2025-11-11')],
    ['双十一的GMV', '2026-11-12', days('2026-11-11')],
    ['双11期间的订单量', '2026-11-12', days('2026-11-11')],
    ["GMV on Singles' Day", '2026-11-12', days('2026-11-11')],
    ['double 11 orders', '2026-01-01', days('2025-11-11')],
    ['618大促的GMV', '2026-06-18', days('2025-06-18')],
    ['618的订单量', '2026-06-19', days('2026-06-18')],
    ['black friday revenue', '2026-11-27', days('2025-11-28')],
    ['black friday revenue', '2026-11-28', days('2026-11-27')],
    ['黑五的销售额', '2024-12-01', days('2024-11-29')],
    ['revenue on christmas', '2026-12-31', days('2026-12-25')],
    ['revenue on christmas day', '2026-01-01', days('2025-12-25')],
    ['christmas eve revenue', '2026-12-25', days('2026-12-24')],
    ['平安夜的订单', '2026-12-24', days('2025-12-24')],
    ["new year's day signups", '2026-01-01', days('2025-01-01')],
    ['元旦的DAU', '2026-01-02', days('2026-01-01')],
    ['国庆期间的DAU', '2026-10-05', days('2025-10-01', '2025-10-07')],
    ['国庆的DAU', '2026-10-08', days('2026-10-01', '2026-10-07')],
    ['十一黄金周的DAU', '2026-10-08', days('2026-10-01', '2026-10-07')],
    ['国庆节的DAU', '2026-10-08', days('2026-10-01', '2026-10-07')],
    ['国庆黄金周的DAU', '2026-10-07', days('2025-10-01', '2025-10-07')],
    ['DAU during golden week', '2026-10-08', days('2026-10-01', '2026-10-07')],
    ['国庆当天的DAU', '2026-10-05', days('2026-10-01')],
    ['春节的DAU', '2026-02-17', days('2025-01-29')],
    ['春节的DAU', '2026-02-18', days('2026-02-17')],
    ['DAU at Chinese New Year', '2024-02-29', days('2024-02-10')],
    ['spring festival DAU', '2024-12-31', days('2024-02-10')],
    ['过年期间的DAU', '2026-02-20', days('2025-01-28', '2025-02-03')],
    ['春节假期的DAU', '2026-02-23', days('2026-02-16', '2026-02-22')],
    ['除夕的DAU', '2024-02-29', days('2024-02-09')],
    ['除夕的DAU', '2026-02-16', days('2025-01-28')],
    ['春节期间的DAU', '2025-02-04', days('2025-01-28', '2025-02-03')],
    ['大年三十的DAU', '2025-02-01', days('2025-01-28')],
    ['元宵节的DAU', '2025-03-01', days('2025-02-12')],
    ['清明的DAU', '2026-04-05', days('2025-04-04')],
    ['清明节的DAU', '2026-04-06', days('2026-04-05')],
    ['五一期间的DAU', '2026-05-03', days('2025-05-01', '2025-05-05')],
    ['劳动节的DAU', '2026-05-06', days('2026-05-01', '2026-05-05')],
    ['五一当天的DAU', '2026-05-03', days('2026-05-01')],
    ['DAU over May Day', '2026-05-06', days('2026-05-01', '2026-05-05')],
    ['中秋的DAU', '2025-10-06', days('2024-09-17')],
    ['mid-autumn festival DAU', '2025-10-07', days('2025-10-06')],
    ["valentine's day orders", '2024-02-29', days('2024-02-14')],
    ['情人节的订单', '2026-02-14', days('2025-02-14')],
    ['520当天的订单', '2026-05-21', days('2026-05-20')],
    ['520的订单', '2026-05-20', days('2025-05-20')],
    ['七夕的订单', '2025-08-30', days('2025-08-29')],
    ["orders on chinese valentine's day", '2025-08-29', days('2024-08-10')],
    ['last christmas revenue', '2026-12-26', days('2026-12-25')],
    ['上个春节的DAU', '2026-03-01', days('2026-02-17')],
    ['上一个双十一的GMV', '2026-11-12', days('2026-11-11')],
  ])('%s on %s', (text, today, range) => {
    expect(read(text, today)).toEqual({ range, ahead: false });
  });
});

describe('festivals: which year', () => {
  it.each<[string, string, TimeRange, boolean]>([
    ['今年的双十一GMV', '2026-11-05', days('2026-11-11'), true],
    ['今年双十一的GMV', '2026-11-12', days('2026-11-11'), false],
    ["this year's black friday revenue", '2026-11-05', days('2026-11-27'), true],
    ['this christmas', '2026-12-24', days('2026-12-25'), true],
    ['今年国庆的DAU', '2026-10-05', days('2026-10-01', '2026-10-07'), true],
    ['去年的双十一GMV', '2026-11-05', days('2025-11-11'), false],
    ['去年双十一的GMV', '2026-11-12', days('2025-11-11'), false],
    ["last year's christmas revenue", '2026-12-31', days('2025-12-25'), false],
    ['searches on singles day last year', '2026-12-07', days('2025-11-11'), false],
    ['revenue on christmas this year', '2026-12-07', days('2026-12-25'), true],
    ['前年春节的DAU', '2026-03-01', days('2024-02-10'), false],
    ['2025年双十一的GMV', '2026-11-05', days('2025-11-11'), false],
    ['2025双十一GMV', '2026-11-05', days('2025-11-11'), false],
    ['Black Friday 2025 revenue', '2026-11-05', days('2025-11-28'), false],
    ['2024 black friday revenue', '2026-11-05', days('2024-11-29'), false],
    ['2024年春节假期的DAU', '2026-11-05', days('2024-02-09', '2024-02-15'), false],
    ['christmas 2026 revenue', '2026-11-05', days('2026-12-25'), true],
    ['revenue since christmas', '2026-01-10', days('2025-12-25', '2026-01-09'), false],
    ['双十一以来的GMV', '2026-11-18', days('2026-11-11', '2026-11-17'), false],
    ['双十一以来的GMV', '2026-11-11', days('2025-11-11', '2026-11-10'), false],
  ])('%s on %s', (text, today, range, ahead) => {
    expect(read(text, today)).toEqual({ range, ahead });
  });

  it('reads next year\'s or "next" festivals as future, with their dates, and names no range', () => {
    const next = parseTimeExpressions('next christmas revenue', '2026-11-05');
    expect([next.range, next.future.map((f) => [f.text, f.range])]).toEqual([undefined, [['next christmas', days('2026-12-25')]]]);
    const spring = parseTimeExpressions('明年春节的DAU', '2026-11-05');
    expect([spring.range, spring.future.map((f) => [f.text, f.range])]).toEqual([undefined, [['明年春节', days('2027-02-06')]]]);
    const later = parseTimeExpressions('后年双十一的GMV', '2026-11-05');
    expect([later.range, later.future.map((f) => [f.text, f.range])]).toEqual([undefined, [['后年双十一', days('2028-11-11')]]]);
    const coming = parseTimeExpressions('下一个双十一的GMV', '2026-11-12');
    expect(coming.future.map((f) => f.range)).toEqual([days('2027-11-11')]);
  });
});

describe('festivals the reader cannot place', () => {
  it.each([
    ['the week before christmas revenue', 'the week before christmas'],
    ['春节前后的DAU', '春节前后'],
    ['端午节的DAU', '端午节'],
    ['DAU during the dragon boat festival', 'during the dragon boat festival'],
    ['1999年春节的DAU', '1999年春节'],
    ['2051年中秋的DAU', '2051年中秋'],
  ])('%s', (text, unplaced) => {
    const r = parseTimeExpressions(text, '2026-11-05');
    expect([r.range, r.unplaced.map((u) => u.text)]).toEqual([undefined, [unplaced]]);
  });

  it('leaves numbers that are not festivals alone: 618 and 520 need a word that makes them one', () => {
    for (const text of ['订单数大于618', 'orders over 520', 'revenue in cny', 'price 1.618']) {
      const r = parseTimeExpressions(text, '2026-11-05');
      expect({ text, range: r.range, unplaced: r.unplaced }).toEqual({ text, range: undefined, unplaced: [] });
    }
  });
});
