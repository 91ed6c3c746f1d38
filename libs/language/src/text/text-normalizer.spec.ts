import { parseChineseNumeral } from './chinese-numeral.parser';
import { normalizeText } from './text-normalizer';

describe('normalizeText', () => {
  it.each([
    ['近三天主版DAU及日环比和周同比波动情况?', '近3天主版dau及日环比和周同比波动情况'],
    ['ＤＡＵ　ｏｆ　ｔｈｅ　ｍａｉｎ　ａｐｐ？', 'dau of the main app'],
    ['排名前五的城市', '排名前5的城市'],
    ['前十五名', '前15名'],
    ['过去一周', '过去1周'],
    ['近一个月', '近1个月'],
    ['最近两个月', '最近2个月'],
    ['二十天前', '20天前'],
    ['十月一日到十月三十一日', '10月1日到10月31日'],
    ['每一天的DAU', '每一天的dau'],
    ['周一到周五', '周一到周五'],
    ['一线城市', '一线城市'],
    ['百度的DAU', '百度的dau'],
    ['  "Show me DAU!!"  ', 'show me dau'],
    ['growth in %', 'growth in %'],
    ['number of feedback msgs', 'number of feedback messages'],
    ["'; DROP TABLE users; --", 'drop table users'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const s of ['近三天主版DAU及日环比', 'Top Five Cities?', '十月一日']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['三', 3], ['十', 10], ['十五', 15], ['二十', 20], ['二十五', 25], ['两', 2], ['一百', 100],
    ['一百零五', 105], ['两万', 20000], ['二〇二六', 2026],
  ])('%s = %d', (text, value) => expect(parseChineseNumeral(text)).toBe(value));
});
