import { parseTimeExpressions } from './time-expression.parser';

const TODAY = '2025-06-15';
const read = (text: string) => {
  const t = parseTimeExpressions(text, TODAY);
  return { range: t.range, shift: t.shift };
};

describe('moves of the range in view', () => {
  it.each([
    ['再往前一天', { unit: 'day', n: -1 }],
    ['往前推两周呢', { unit: 'week', n: -2 }],
    ['再往后一个月', { unit: 'month', n: 1 }],
    ['再早一天看看', { unit: 'day', n: -1 }],
    ['one more day back', { unit: 'day', n: -1 }],
    ['and a week earlier?', { unit: 'week', n: -1 }],
    ['go back another month', { unit: 'month', n: -1 }],
    ['what about the day before that', { unit: 'day', n: -1 }],
    ['push CTR for the same period', { unit: 'day', n: 0 }],
    ['这段时间的崩溃率', { unit: 'day', n: 0 }],
    ['and the week before?', { unit: 'week', n: -1 }],
    ['what about the day before', { unit: 'day', n: -1 }],
    ['same for the previous week', { unit: 'week', n: -1 }],
    ['what about the previous month', { unit: 'month', n: -1 }],
    ['and the prior quarter?', { unit: 'quarter', n: -1 }],
    ['一周前呢', { unit: 'week', n: -1 }],
    ['两个月前呢', { unit: 'month', n: -2 }],
    ['再往前一周', { unit: 'week', n: -1 }],
    ['前一天呢', { unit: 'day', n: -1 }],
    ['前一周呢', { unit: 'week', n: -1 }],
  ])('%s moves the previous range and names none of its own', (text, shift) => {
    expect(read(text)).toEqual({ range: undefined, shift });
  });

  it('leaves a named range to the question: 再往前一天，前天呢 is the day before yesterday, and 前一天 alone is still the last day', () => {
    expect(read('再往前一天，前天呢')).toEqual({ range: { kind: 'point', unit: 'day', offset: -2 }, shift: { unit: 'day', n: -1 } });
    expect(read('前一天的日活')).toEqual({ range: { kind: 'last', n: 1, unit: 'day' }, shift: undefined });
    expect(read('7 days earlier than last week').range).toEqual({ kind: 'point', unit: 'week', offset: -1 });
    expect(read('上上周呢')).toEqual({ range: { kind: 'point', unit: 'week', offset: -2 }, shift: undefined });
    expect(read('一周前的DAU')).toEqual({ range: { kind: 'point', unit: 'week', offset: -1 }, shift: undefined });
    expect(read('DAU the previous month')).toEqual({ range: { kind: 'point', unit: 'month', offset: -1 }, shift: undefined });
    expect(read('DAU the week before the launch').shift).toBeUndefined();
  });
});
