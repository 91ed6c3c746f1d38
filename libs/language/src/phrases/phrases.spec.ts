import { normalizeText } from '../text/text-normalizer';
import { findContrastWords, findGroupByMarkers, findReplacementWords } from './group-by.phrases';
import { findNegations } from './negation.phrases';
import { findNumericConditions } from './numeric-condition.phrases';
import { asksForOne, findTopN } from './top-n.phrases';
import { findTotalWords } from './total.phrases';
import { findPerPeriodPhrases } from './per-period.phrases';
import { rowUnitMarker } from './row-unit.phrases';

const n = normalizeText;
const texts = (spans: { text: string }[]) => spans.map((s) => s.text);

describe('group-by phrases', () => {
  it.each([
    ['DAU by city', ['by']],
    ['DAU per os', ['per']],
    ['DAU for each city', ['for each']],
    ['DAU broken down by os', ['broken down by']],
    ['DAU split by app', ['split by']],
    ['分城市DAU', ['分']],
    ['按城市看DAU', ['按']],
    ['各城市的DAU', ['各']],
    ['每个城市的DAU', ['每个']],
    ['上周日活排进前5名的是哪些省份', ['哪些']],
  ])('%s', (text, markers) => expect(texts(findGroupByMarkers(n(text)))).toEqual(markers));

  it('finds contrast and replacement words', () => {
    expect(texts(findContrastWords(n('ios vs android DAU')))).toEqual(['vs']);
    expect(texts(findContrastWords(n('近七天男女活跃人数对比')))).toEqual(['对比']);
    expect(texts(findReplacementWords(n('by city instead')))).toEqual(['instead']);
    expect(texts(findReplacementWords(n('换成按城市')))).toEqual(['换成']);
  });
});

describe('top-N phrases', () => {
  it.each([
    ['top 5 cities by DAU', { n: 5, dir: 'desc' }],
    ['top five cities', { n: 5, dir: 'desc' }],
    ['the 3 lowest cities', { n: 3, dir: 'asc' }],
    ['bottom 10 apps', { n: 10, dir: 'asc' }],
    ['which city has the most DAU', { dir: 'desc' }],
    ['the city with the least plays', { dir: 'asc' }],
    ['DAU前五的城市', { n: 5, dir: 'desc' }],
    ['前5名城市', { n: 5, dir: 'desc' }],
    ['排名前十的城市', { n: 10, dir: 'desc' }],
    ['倒数3名', { n: 3, dir: 'asc' }],
    ['播放量最多的城市', { dir: 'desc' }],
    ['播放量最少的城市', { dir: 'asc' }],
    ['城市DAU排名', { dir: 'desc' }],
    ['播放量最多的5个城市', { n: 5, dir: 'desc' }],
    ['最低的3名', { n: 3, dir: 'asc' }],
    ['the 5 cities with the most plays'.replace('cities', '      '), { n: 5, dir: 'desc' }],
  ])('%s', (text, meaning) => {
    const [first] = findTopN(n(text));
    expect({ n: first.n, dir: first.dir }).toEqual({ n: undefined, ...meaning });
  });

  it('reads 排进前5名 as a top 5', () => {
    expect(findTopN(n('日活排进前5名的是哪些省份')).map(({ n: count, dir }) => ({ count, dir }))).toContainEqual({ count: 5, dir: 'desc' });
  });

  it('does not read 前7天 as a top 7', () => {
    expect(findTopN(n('前7天的DAU'))).toEqual([]);
  });

  it('knows a question about a single row', () => {
    expect(asksForOne(n('which city has the most DAU'))).toBe(true);
    expect(asksForOne(n('哪个城市DAU最高'))).toBe(true);
    expect(asksForOne(n('哪些城市DAU最高'))).toBe(false);
  });
});

describe('numeric conditions', () => {
  it.each([
    ['cities with more than 1000 views', '>', 1000],
    ['cities with over 1,000 views', '>', 1000],
    ['at least 5k plays', '>=', 5000],
    ['no less than 20 plays', '>=', 20],
    ['less than 300 views', '<', 300],
    ['fewer than 2 million plays', '<', 2_000_000],
    ['at most 10', '<=', 10],
    ['播放量超过1000的城市', '>', 1000],
    ['DAU大于5万', '>', 50000],
    ['不少于100', '>=', 100],
    ['低于20', '<', 20],
    ['1000以上', '>=', 1000],
    ['more than 1.5m views', '>', 1_500_000],
  ])('%s', (text, op, value) => {
    expect(findNumericConditions(n(text)).map((c) => [c.op, c.value])).toEqual([[op, value]]);
  });

  it('reads ranges of numbers', () => {
    expect(findNumericConditions(n('between 100 and 200 plays'))[0]).toMatchObject({ op: 'between', value: [100, 200] });
    expect(findNumericConditions(n('在100到200之间'))[0]).toMatchObject({ op: 'between', value: [100, 200] });
  });
});

describe('totals and negations', () => {
  it.each([
    ['total DAU', ['total']],
    ['DAU overall', ['overall']],
    ['DAU in total', ['in total']],
    ['总播放量', ['总']],
    ['播放量合计', ['合计']],
  ])('%s', (text, words) => expect(texts(findTotalWords(n(text)))).toEqual(words));

  it.each([
    ['DAU not on iOS', 'not', 'after'],
    ['DAU excluding android', 'excluding', 'after'],
    ['DAU except for beijing', 'except for', 'after'],
    ['非安卓用户', '非', 'after'],
    ['除了北京', '除了', 'after'],
    ['北京以外', '以外', 'before'],
  ])('%s', (text, word, scope) => {
    expect(findNegations(n(text)).map((x) => [x.text, x.scope])).toEqual([[word, scope]]);
  });
});

describe('phrases added for the planner benchmark misses', () => {
  it('reads a negation with a verb of origin before the value', () => {
    expect(findNegations('searches that did not come from the home search bar').map((n) => n.text)).toEqual(['not come from']);
    expect(findNegations("plays that don't originate from the feed").map((n) => n.text)).toEqual(["don't originate from"]);
  });

  it('reads "which 3 provinces" as a count whose direction comes from elsewhere', () => {
    expect(findTopN('which 3 provinces brought the most revenue')).toEqual([
      expect.objectContaining({ n: 3, dir: 'desc', countOnly: true }),
      expect.objectContaining({ text: 'the most', dir: 'desc' }),
    ]);
    expect(findTopN('哪3个省份收入最低')).toEqual([
      expect.objectContaining({ n: 3, countOnly: true }),
      expect.objectContaining({ text: '最低', dir: 'asc' }),
    ]);
    expect(asksForOne('which 3 provinces brought the most revenue')).toBe(false);
    expect(asksForOne('which province brought the most revenue')).toBe(true);
  });
});

describe('the rows an extreme is taken over, and single-period extremes', () => {
  const unitBefore = (q: string, noun: string) => {
    const text = n(q);
    const start = text.indexOf(noun);
    return rowUnitMarker(text, { start, end: start + noun.length, text: noun })?.text.trim();
  };

  it.each([
    ['the highest follower count of any creator yesterday', 'creator', 'any'],
    ['longest watch time of any single video', 'video', 'any single'],
    ['上个月单条反馈最多回复了几次', '反馈', '单条'],
  ])('%s: "%s" is the unit', (q, noun, marker) => {
    expect(unitBefore(q, noun)).toBe(marker);
  });

  it('leaves a breakdown a breakdown', () => {
    expect(unitBefore('highest follower count by creator', 'creator')).toBeUndefined();
    expect(unitBefore('which creator had the most followers', 'creator')).toBeUndefined();
  });

  it.each([
    ['lowest single-day dau last week', 'day', 'min'],
    ['highest single day searches last month', 'day', 'max'],
    ['peak single week revenue', 'week', 'max'],
  ])('%s is per %s, then %s', (q, grain, agg) => {
    expect(findPerPeriodPhrases(n(q))).toMatchObject([{ grain, agg }]);
  });
});

describe('phrases analysts write that read otherwise', () => {
  it('takes "by" after a participle for who did it, not for groups', () => {
    expect(findGroupByMarkers('new fans gained by creators on black friday')).toEqual([]);
    expect(findGroupByMarkers('new fans by creator')).toHaveLength(1);
  });

  it('reads negations said with a past tense or a counting phrase', () => {
    expect(findNegations("feedback last month that wasn't praise").map((n) => n.text)).toEqual(["wasn't"]);
    expect(findNegations('search pv not counting voice searches').map((n) => n.text)).toEqual(['not counting']);
  });

  it('reads "the most common" as a ranking by how often, asked for one', () => {
    expect(findTopN('what is the most common citizenship')).toMatchObject([{ text: 'the most common', dir: 'desc' }]);
    expect(asksForOne('what is the most common citizenship')).toBe(true);
    expect(asksForOne('昨天粉丝最多的作者有多少粉丝')).toBe(true);
    expect(asksForOne('the most common citizenships of singers')).toBe(false);
  });
});
