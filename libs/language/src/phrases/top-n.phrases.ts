import { COUNT_PATTERN, parseCount } from '../text/number-words';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** "top 5", "the 3 lowest", "most", 前五名, 最少, 排名: rows ordered by a metric, maybe cut to n. */
export interface TopNPhrase extends TextSpan {
  n?: number;
  dir: 'asc' | 'desc';
  /** Only a count ("which 3 provinces", 哪3个): the direction comes from another phrase, else desc. */
  countOnly?: boolean;
}

type Meaning = Omit<TopNPhrase, keyof TextSpan>;

const HIGH = 'most common|most frequent|most popular|most often|highest|largest|biggest|greatest|most|best|top|leading';
const LOW = 'least common|least frequent|least popular|rarest|lowest|smallest|least|fewest|worst|bottom';
const COUNT = `(${COUNT_PATTERN})`;
// 前5 is "the top 5" unless a time unit follows (前5天 is a period, read by the time parser).
const NOT_TIME = '(?!\\s*个?\\s*(?:天|日|周|星期|礼拜|月|季|年|小时))';

const ZH_HIGH = '最多|最高|最大|最好|最活跃|最长|最火|最热门|最热';
const ZH_LOW = '最少|最低|最小|最差|最短';
const zhDir = (word: string): 'asc' | 'desc' => (new RegExp(`^(?:${ZH_LOW})$`).test(word) ? 'asc' : 'desc');
const dirOf = (word: string): 'asc' | 'desc' => (new RegExp(`^(?:${LOW})$`).test(word) ? 'asc' : 'desc');

const RULES: PhraseRule<Meaning>[] = [
  { pattern: phrase(`(?:the )?(top|bottom) ?${COUNT}`), build: (m) => withN(m[2], m[1] === 'bottom' ? 'asc' : 'desc') },
  { pattern: phrase(`(?:the )?${COUNT} (${HIGH}|${LOW})`), build: (m) => withN(m[1], dirOf(m[2])) },
  { pattern: phrase(`(?:the )?(${HIGH}|${LOW}) ${COUNT}`), build: (m) => withN(m[2], dirOf(m[1])) },
  { pattern: phrase(`(?:the )?(${HIGH}|${LOW})`), build: (m) => ({ dir: dirOf(m[1]) }) },
  // "the 5 cities with the most plays": the planner masks mentions with spaces, so the noun is blank here.
  {
    pattern: phrase(`(?:the )?${COUNT}\\s+(?:with|having|that have|which have|that had) (?:the )?(${HIGH}|${LOW})`),
    build: (m) => withN(m[1], dirOf(m[2])),
  },
  {
    pattern: phrase('ranked|ranking|rank|sorted|sort|ordered|order|in descending order|descending|from high to low'),
    build: () => ({ dir: 'desc' }),
  },
  { pattern: phrase('in ascending order|ascending|from low to high'), build: () => ({ dir: 'asc' }) },
  { pattern: phrase(`(?:(?:排名|排行|排序|排进|排在|进入|进了?)\\s*)?(?:前|top)\\s*(\\d{1,5})${NOT_TIME}\\s*(?:名|位|个)?`), build: (m) => withN(m[1], 'desc') },
  { pattern: phrase(`(?:(?:排名|排行|排序)\\s*)?(?:后|倒数(?:前)?)\\s*(\\d{1,5})${NOT_TIME}\\s*(?:名|位|个)?`), build: (m) => withN(m[1], 'asc') },
  { pattern: phrase(`(${ZH_HIGH}|${ZH_LOW})\\s*的?\\s*(\\d{1,5})${NOT_TIME}\\s*(?:个|名|位|家)?`), build: (m) => withN(m[2], zhDir(m[1])) },
  { pattern: phrase(`(?:which|what) ${COUNT}(?= [a-z])`), build: (m) => countOnly(withN(m[1], 'desc')) },
  { pattern: phrase(`哪\\s*(\\d{1,5})\\s*(?:个|名|位|家|款|座)`), build: (m) => countOnly(withN(m[1], 'desc')) },
  { pattern: phrase(`${ZH_HIGH}|从高到低|降序|排名|排行榜?|排序|倒序`), build: () => ({ dir: 'desc' }) },
  { pattern: phrase(`${ZH_LOW}|从低到高|升序|倒数`), build: () => ({ dir: 'asc' }) },
];

function countOnly(meaning: Meaning | undefined): Meaning | undefined {
  return meaning && { ...meaning, countOnly: true };
}

function withN(count: string, dir: 'asc' | 'desc'): Meaning | undefined {
  // "a top city" is not a top 1.
  if (/^an?$/.test(count.trim())) return undefined;
  const n = parseCount(count);
  return n !== undefined && n >= 1 && n <= 100_000 ? { n, dir } : undefined;
}

export function findTopN(text: string): TopNPhrase[] {
  return selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, ...m.value }));
}

/** "which city ..." / 哪个城市: a superlative then asks for the single best row. */
export function asksForOne(text: string): boolean {
  // "what is the most common citizenship": one thing, named in the singular.
  const singular =
    /(?<![a-z])(?:what|which) (?:is|was) the (?:most|least) (?:common|frequent|popular)(?![a-z])/.test(text) ||
    // 粉丝最多的作者有多少粉丝: how much the top one has.
    /最[^的]{0,4}的[\u3400-\u9fff]{1,6}(?:有|是)多少/.test(text);
  return singular || (/(?<![a-z])which(?![a-z])|哪个|哪1个|哪一个|哪家|哪座|哪款/.test(text) && !/哪些|which ones|which \d/.test(text));
}
