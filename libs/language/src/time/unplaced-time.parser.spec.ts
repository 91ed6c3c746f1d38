import { parseTimeExpressions } from './time-expression.parser';

const read = (text: string) => {
  const r = parseTimeExpressions(text, '2026-11-18');
  return { range: r.range, unplaced: r.unplaced.map((u) => u.text) };
};

describe('time words the reader cannot place', () => {
  it.each([
    ['Q5 revenue', 'q5'],
    ['revenue q5 2025', 'q5 2025'],
    ['DAU last fortnight-ish', 'last fortnight-ish'],
    ['DAU the past week-ish', 'the past week-ish'],
    ['月底的DAU', '月底'],
    ['年初的DAU', '年初'],
    ['前段时间的DAU', '前段时间'],
    ['最近的DAU', '最近'],
    ['DAU recently', 'recently'],
    ['DAU in early november', 'early november'],
    ['DAU at the end of the quarter', 'the end of the quarter'],
    ['2月30日的DAU', '2月30日'],
    ['13月的DAU', '13月'],
    ['第5季度的DAU', '第5季度'],
    ['DAU on feb 30', 'feb 30'],
    ['周末的DAU', '周末'],
    ['DAU on weekends', 'on weekends'],
    ['节假日的DAU', '节假日'],
    ['DAU this summer', 'this summer'],
  ])('%s: %s', (text, unplaced) => expect(read(text)).toEqual({ range: undefined, unplaced: [unplaced] }));

  it.each(['最近7天的DAU', '上周末的DAU', '2月3日的DAU', 'DAU in Q3', 'DAU last weekend', '最近1次登录的用户数', 'DAU on Feb 28', '本月至今'])(
    'reports nothing for a phrase it reads: %s',
    (text) => expect(read(text).unplaced).toEqual([]),
  );
});
