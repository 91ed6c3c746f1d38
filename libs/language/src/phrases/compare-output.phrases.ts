import type { CompareOutput } from '@chatbi/contracts';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/**
 * What a period comparison should answer, in the question's words: "how many more", 多了多少,
 * "change in yuan" → the difference; "growth", 增长率, "% change", 环比 → the ratio; "how much did
 * it change", 变化多少 (either, said plainly) → the difference and the ratio; "compare A with B",
 * 对比一下 → everything: the previous value beside the current, the difference and the ratio.
 */
export interface CompareOutputWord extends TextSpan {
  output: CompareOutput | 'change';
}

const RULES: PhraseRule<CompareOutput | 'change'>[] = [
  {
    pattern: phrase('how (?:many|much) (?:more|less|fewer|higher|lower|bigger|smaller)|(?:absolute|net) (?:change|difference)|difference|in (?:yuan|rmb|dollars|absolute terms)'),
    build: () => 'diff',
  },
  { pattern: phrase('how much did .{1,40}? (?:change|grow|rise|fall|drop|increase|decrease)'), build: () => 'change' },
  { pattern: phrase('(?:多|少|高|低|增加|减少|差)了?多少|差多少|差值|差额|相差|变化量'), build: () => 'diff' },
  { pattern: phrase('(?:增长|下降|涨|跌|变化|变动)了?多少'), build: () => 'change' },
  { pattern: phrase('growth(?: rate)?|% change|percent(?:age)? change|rate of change|change rate|grew by|growth %'), build: () => 'ratio' },
  { pattern: phrase('增长率|增幅|增速|涨幅|跌幅|变化率|变动率|百分比变化'), build: () => 'ratio' },
  { pattern: phrase('compare|compared|comparison|side by side|versus|vs\\.?|against'), build: () => 'all' },
  { pattern: phrase('对比一下|对比|比较一下|比较|相比|比一比|比一下'), build: () => 'all' },
];

export function findCompareOutputWords(text: string): CompareOutputWord[] {
  return selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, output: m.value }));
}

/** The output the words ask for: a difference or a ratio beats a plain "change", which beats a bare "compare". */
export function compareOutputOf(words: readonly CompareOutputWord[]): CompareOutput | undefined {
  const diff = words.some((w) => w.output === 'diff');
  const ratio = words.some((w) => w.output === 'ratio');
  if (diff || ratio) return diff && ratio ? 'both' : diff ? 'diff' : 'ratio';
  if (words.some((w) => w.output === 'change')) return 'both';
  if (words.some((w) => w.output === 'all')) return 'all';
  return undefined;
}
