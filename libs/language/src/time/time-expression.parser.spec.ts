import type { TimeRange } from '@chatbi/contracts';
import { rangeDayCount } from './calendar';
import { parseTimeExpressions } from './time-expression.parser';

const TODAY = '2026-11-18'; // a Wednesday

const last = (n: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): TimeRange => ({ kind: 'last', n, unit });
const point = (unit: 'day' | 'week' | 'month' | 'quarter' | 'year', offset: number): TimeRange => ({ kind: 'point', unit, offset });
const toDate = (unit: 'week' | 'month' | 'quarter' | 'year'): TimeRange => ({ kind: 'to_date', unit });
const abs = (from: string, to: string): TimeRange => ({ kind: 'absolute', from, to });

describe('parseTimeExpressions: ranges', () => {
  it.each<[string, TimeRange]>([
    ['DAU today', point('day', 0)],
    ['DAU yesterday', point('day', -1)],
    ['DAU the day before yesterday', point('day', -2)],
    ['DAU for the last 7 days', last(7, 'day')],
    ['DAU over the last 7 days', last(7, 'day')],
    ['DAU in the past 30 days', last(30, 'day')],
    ['plays over the past three weeks', last(3, 'week')],
    ['plays last 2 months', last(2, 'month')],
    ['plays past 4 quarters', abs('2025-10-01', '2026-09-30')],
    ['plays over the last two years', last(2, 'year')],
    ['plays this week', toDate('week')],
    ['plays this month to date', toDate('month')],
    ['plays this quarter', toDate('quarter')],
    ['plays this year', toDate('year')],
    ['plays year to date', toDate('year')],
    ['plays MTD', toDate('month')],
    ['plays last week', point('week', -1)],
    ['plays last month', point('month', -1)],
    ['plays last quarter', point('quarter', -1)],
    ['plays last year', point('year', -1)],
    ['plays over the past week', last(1, 'week')],
    ['plays 3 days ago', point('day', -3)],
    ['plays on 2026-11-01', abs('2026-11-01', '2026-11-01')],
    ['plays on 2026/11/01', abs('2026-11-01', '2026-11-01')],
    ['plays on Nov 1 2026', abs('2026-11-01', '2026-11-01')],
    ['plays on November 1st, 2026', abs('2026-11-01', '2026-11-01')],
    ['plays on 1 Nov 2026', abs('2026-11-01', '2026-11-01')],
    ['plays on Nov 1', abs('2026-11-01', '2026-11-01')],
    ['plays on Dec 25', abs('2025-12-25', '2025-12-25')],
    ['11月1日的播放量', abs('2026-11-01', '2026-11-01')],
    ['2026年11月1日的播放量', abs('2026-11-01', '2026-11-01')],
    ['十一月一号的播放量', abs('2026-11-01', '2026-11-01')],
    ['plays from 2026-10-01 to 2026-10-31', abs('2026-10-01', '2026-10-31')],
    ['plays between 2026-10-01 and 2026-10-15', abs('2026-10-01', '2026-10-15')],
    ['plays from Oct 1 to Oct 15', abs('2026-10-01', '2026-10-15')],
    ['plays Oct 1 - 15', abs('2026-10-01', '2026-10-15')],
    ['plays from Dec 20 2025 to Jan 5 2026', abs('2025-12-20', '2026-01-05')],
    ['plays from Dec 20 to Jan 5', abs('2025-12-20', '2026-01-05')],
    ['10月1日到10月31日的播放量', abs('2026-10-01', '2026-10-31')],
    ['10月1日至31日的播放量', abs('2026-10-01', '2026-10-31')],
    ['从2026年10月1日到2026年10月7日', abs('2026-10-01', '2026-10-07')],
    ['plays in October', abs('2026-10-01', '2026-10-31')],
    ['plays in December', abs('2025-12-01', '2025-12-31')],
    ['plays in October 2025', abs('2025-10-01', '2025-10-31')],
    ['plays in October 2026', abs('2026-10-01', '2026-10-31')],
    ['plays for Feb 2024', abs('2024-02-01', '2024-02-29')],
    ['10月份的播放量', abs('2026-10-01', '2026-10-31')],
    ['2025年10月播放量', abs('2025-10-01', '2025-10-31')],
    ['plays in 2025', abs('2025-01-01', '2025-12-31')],
    ['2025年的播放量', abs('2025-01-01', '2025-12-31')],
    ['plays since Nov 10', abs('2026-11-10', '2026-11-17')],
    ['昨天北京的DAU', point('day', -1)],
    ['今天的DAU', point('day', 0)],
    ['前天的DAU', point('day', -2)],
    ['近三天主版DAU', last(3, 'day')],
    ['最近7天的DAU', last(7, 'day')],
    ['近7日DAU', last(7, 'day')],
    ['过去一周的DAU', last(1, 'week')],
    ['近一个月的DAU', last(1, 'month')],
    ['近三个月的呢', last(3, 'month')],
    ['上周的DAU', point('week', -1)],
    ['上个星期的DAU', point('week', -1)],
    ['本周的DAU', toDate('week')],
    ['本月DAU', toDate('month')],
    ['上个月DAU', point('month', -1)],
    ['上月DAU', point('month', -1)],
    ['本季度DAU', toDate('quarter')],
    ['上季度DAU', point('quarter', -1)],
    ['今年DAU', toDate('year')],
    ['去年DAU', point('year', -1)],
    ['3天前的DAU', point('day', -3)],
    ['plays over 5 days', last(5, 'day')],
    ['plays within two weeks', last(2, 'week')],
    ['plays in Q3', abs('2026-07-01', '2026-09-30')],
    ['plays in Q4 2025', abs('2025-10-01', '2025-12-31')],
    ['plays in 2025 Q1', abs('2025-01-01', '2025-03-31')],
    ['第三季度的播放量', abs('2026-07-01', '2026-09-30')],
    ['2025年第四季度的播放量', abs('2025-10-01', '2025-12-31')],
    ['近三个季度的播放量', abs('2026-01-01', '2026-09-30')],
    ['plays last Monday', abs('2026-11-16', '2026-11-16')],
    ['plays on Friday', abs('2026-11-13', '2026-11-13')],
    ['plays on Wednesday', abs('2026-11-11', '2026-11-11')],
    ['plays this Monday', abs('2026-11-16', '2026-11-16')],
    ['plays on Tuesday of last week', abs('2026-11-10', '2026-11-10')],
    ['上周一的播放量', abs('2026-11-09', '2026-11-09')],
    ['上周日的播放量', abs('2026-11-15', '2026-11-15')],
    ['本周一的播放量', abs('2026-11-16', '2026-11-16')],
    ['周五的播放量', abs('2026-11-13', '2026-11-13')],
    ['星期天的播放量', abs('2026-11-15', '2026-11-15')],
  ])('%s', (text, range) => {
    expect(parseTimeExpressions(text, TODAY).range).toEqual(range);
  });

  it('names no range when the text has none', () => {
    expect(parseTimeExpressions('DAU of the main app by city', TODAY).range).toBeUndefined();
    expect(parseTimeExpressions('may I see the DAU', TODAY).range).toBeUndefined();
  });

  it('reports the spans it used, in normalised text', () => {
    const r = parseTimeExpressions('DAU over the last 7 days, daily', TODAY);
    expect(r.matches.map((m) => [m.kind, r.text.slice(m.start, m.end)])).toEqual([
      ['range', 'over the last 7 days'],
      ['grain', 'daily'],
    ]);
  });
});

describe('parseTimeExpressions: grains', () => {
  it.each([
    ['hourly DAU today', 'hour'],
    ['daily DAU last month', 'day'],
    ['DAU by day', 'day'],
    ['DAU per day', 'day'],
    ['DAU for each day', 'day'],
    ['weekly DAU', 'week'],
    ['DAU by week', 'week'],
    ['monthly DAU this year', 'month'],
    ['DAU by month', 'month'],
    ['quarterly DAU', 'quarter'],
    ['yearly DAU', 'year'],
    ['按天看DAU', 'day'],
    ['每天的DAU', 'day'],
    ['分天DAU', 'day'],
    ['每一天的DAU', 'day'],
    ['按周统计DAU', 'week'],
    ['每周DAU', 'week'],
    ['按月DAU', 'month'],
    ['每月DAU', 'month'],
    ['按季度DAU', 'quarter'],
    ['按年DAU', 'year'],
    ['按小时DAU', 'hour'],
  ])('%s -> %s', (text, grain) => {
    expect(parseTimeExpressions(text, TODAY).grain).toBe(grain);
  });
});

describe('parseTimeExpressions: comparisons', () => {
  it.each([
    ['DAU yesterday day-on-day', [{ kind: 'dod' }]],
    ['DAU day over day', [{ kind: 'dod' }]],
    ['DAU DoD', [{ kind: 'dod' }]],
    ['DAU today vs yesterday', [{ kind: 'dod' }]],
    ['DAU week-on-week', [{ kind: 'wow' }]],
    ['DAU WoW', [{ kind: 'wow' }]],
    ['DAU yesterday vs last week', [{ kind: 'wow' }]],
    ['DAU month-on-month', [{ kind: 'mom' }]],
    ['DAU MoM', [{ kind: 'mom' }]],
    ['DAU QoQ', [{ kind: 'qoq' }]],
    ['DAU year-on-year', [{ kind: 'yoy' }]],
    ['DAU YoY', [{ kind: 'yoy' }]],
    ['DAU this month vs last year', [{ kind: 'yoy' }]],
    ['DAU with day-on-day and week-on-week change', [{ kind: 'dod', output: 'ratio' }, { kind: 'wow', output: 'ratio' }]],
    ['DAU WoW difference', [{ kind: 'wow', output: 'diff' }]],
    ['DAU YoY ratio', [{ kind: 'yoy', output: 'ratio' }]],
    ['DAU DoD %', [{ kind: 'dod', output: 'ratio' }]],
    ['DAU DoD growth rate', [{ kind: 'dod', output: 'ratio' }]],
    ['DAU DoD difference and percentage', [{ kind: 'dod', output: 'both' }]],
    ['日环比', [{ kind: 'dod' }]],
    ['周同比', [{ kind: 'wow' }]],
    ['周环比', [{ kind: 'wow' }]],
    ['月环比', [{ kind: 'mom' }]],
    ['DAU同比', [{ kind: 'yoy' }]],
    ['DAU去年同期', [{ kind: 'yoy' }]],
    ['按天DAU环比', [{ kind: 'dod' }]],
    ['按月DAU环比', [{ kind: 'mom' }]],
    ['上周DAU环比', [{ kind: 'wow' }]],
    ['DAU环比', [{ kind: 'dod' }]],
    ['DAU差值日环比', [{ kind: 'dod', output: 'diff' }]],
    ['DAU yesterday compared with last week', [{ kind: 'wow' }]],
    ['plays this month compare to last year', [{ kind: 'yoy' }]],
    ['昨天的DAU和上周相比', [{ kind: 'wow' }]],
    ['本月播放量跟去年比', [{ kind: 'yoy' }]],
    ['DAU with daily and weekly fluctuations', [{ kind: 'dod', output: 'ratio' }, { kind: 'wow', output: 'ratio' }]],
    ['monthly change of DAU', [{ kind: 'mom', output: 'ratio' }]],
    ['month-on-month absolute change of DAU', [{ kind: 'mom', output: 'diff' }]],
    ['DAU vs the same period last year', [{ kind: 'yoy' }]],
    ['DAU against the same period a year ago', [{ kind: 'yoy' }]],
    ['DAU compared with the same time the previous year', [{ kind: 'yoy' }]],
    ['DAU vs the same day a week ago', [{ kind: 'wow' }]],
    ['DAU this month vs the same period last month', [{ kind: 'mom' }]],
    ['本月DAU与去年同期相比', [{ kind: 'yoy' }]],
  ])('%s', (text, compare) => {
    expect(parseTimeExpressions(text, TODAY).compare).toEqual(compare);
  });

  it('reads the paper example 近三天主版DAU及日环比和周同比波动情况?', () => {
    const r = parseTimeExpressions('近三天主版DAU及日环比和周同比波动情况?', TODAY);
    expect(r.range).toEqual(last(3, 'day'));
    expect(r.grain).toBeUndefined();
    expect(r.compare).toEqual([{ kind: 'dod', output: 'ratio' }, { kind: 'wow', output: 'ratio' }]);
    expect(r.matches.map((m) => r.text.slice(m.start, m.end))).toEqual(['近3天', '日环比', '周同比', '波动']);
  });

  it('leaves output words alone without a comparison', () => {
    const r = parseTimeExpressions('conversion rate yesterday', TODAY);
    expect(r.compare).toEqual([]);
    expect(r.matches.map((m) => m.kind)).toEqual(['range']);
  });
});

describe('rangeDayCount', () => {
  it.each<[TimeRange, number]>([
    [last(7, 'day'), 7],
    [last(3, 'month'), 92],
    [point('month', -1), 31],
    [point('day', -1), 1],
    [point('week', -1), 7],
    [toDate('month'), 17],
    [toDate('week'), 2],
    [abs('2026-10-01', '2026-10-31'), 31],
  ])('%j spans %d days', (range, days) => expect(rangeDayCount(range, TODAY)).toBe(days));
});

describe('comparisons against the period before a named one', () => {
  const TODAY = '2026-11-18';
  const kinds = (text: string) => parseTimeExpressions(text, TODAY).compare.map((c) => c.kind);
  it.each([
    ['ad revenue last week compared with the week before', ['wow']],
    ['how did searches last month compare with the month before', ['mom']],
    ['crashes last quarter vs the quarter before', ['qoq']],
    ['feedback count yesterday compared to a year ago', ['yoy']],
    ['revenue yesterday compared with the day before', ['dod']],
    ['compare it with the month before', ['mom']],
    ['和前一个季度比', ['qoq']],
    ['跟前一周相比', ['wow']],
    ['昨天反馈量比前天多了还是少了', ['dod']],
    ['上个月新增粉丝数比上上个月变化多少', ['mom']],
    ['昨天的播放量和上周同一天比变化多少', ['wow']],
    ['上周的搜索次数较上上周', ['wow']],
    ['上季度搜索次数环比上个季度', ['qoq']],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('keeps the first named period as the range', () => {
    expect(parseTimeExpressions('昨天反馈量比前天多了还是少了', TODAY).range).toEqual({ kind: 'point', unit: 'day', offset: -1 });
    expect(parseTimeExpressions('上个月新增粉丝数比上上个月变化多少', TODAY).range).toEqual({ kind: 'point', unit: 'month', offset: -1 });
    expect(parseTimeExpressions('feedback count yesterday compared to a year ago', TODAY).range).toEqual({ kind: 'point', unit: 'day', offset: -1 });
  });
});
