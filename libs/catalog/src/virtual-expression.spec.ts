import { ExpressionError, expandVirtual, referencedIdentifiers, tokenizeExpression } from './virtual-expression';

const scope = {
  virtual: new Map([
    ['dau', 'count(distinct uid)'],
    ['stay_time_min', 'sum(staytime) / 60'],
    ['stay_time_per', 'stay_time_min / nullif(dau, 0)'],
    ['ios_dau', "count(distinct case when os in ('ios', 'ipados') then uid end)"],
    ['loop_a', 'loop_b + 1'],
    ['loop_b', 'loop_a * 2'],
    ['broken', 'sum(missing_column)'],
  ]),
  physical: new Set(['uid', 'staytime', 'os']),
  quote: (c: string) => `"${c}"`,
};

describe('virtual column expressions', () => {
  it.each(['sum(staytime) --', 'sum(staytime) /* x */', 'count(uid) */ 1', "sum(staytime)--'"])(
    'refuses the SQL comment marker in %s (security review, finding 12)',
    (expr) => {
      expect(() => tokenizeExpression(expr)).toThrow(/SQL comment marker/);
    },
  );

  it('keeps division and subtraction that are no comment', () => {
    expect(() => tokenizeExpression('sum(staytime) / 60 - count(uid) * 2')).not.toThrow();
  });

  it('expands nested virtual columns into SQL over quoted physical columns', () => {
    expect(expandVirtual('stay_time_per', scope)).toBe('(sum("staytime") / 60) / nullif((count(distinct "uid")), 0)');
  });

  it('keeps SQL keywords such as IN and CASE, and string literals, as they are', () => {
    expect(expandVirtual('ios_dau', scope)).toBe(`count(distinct case when "os" in ('ios', 'ipados') then "uid" end)`);
  });

  it('names the columns of a cycle', () => {
    expect(() => expandVirtual('loop_a', scope)).toThrow(new ExpressionError('virtual column cycle: loop_a -> loop_b -> loop_a'));
  });

  it('names the virtual column and the unknown name it uses', () => {
    expect(() => expandVirtual('broken', scope)).toThrow(/virtual column broken uses missing_column/);
    expect(() => expandVirtual('nope', scope)).toThrow(/unknown virtual column nope/);
  });

  it('refuses functions outside the allowed list and statement separators', () => {
    expect(() => tokenizeExpression('pg_sleep(10)')).toThrow(/function pg_sleep\(\) is not allowed/);
    expect(() => tokenizeExpression('sum(x); drop table t')).toThrow(/unexpected character ";"/);
  });

  it('lists the identifiers an expression references', () => {
    expect(referencedIdentifiers('sum(a) / nullif(count(distinct b), 0) + a')).toEqual(['a', 'b']);
  });
});
