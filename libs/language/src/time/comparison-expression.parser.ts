import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import type { CompareKind, CompareOutput, TimeCandidate, TimeMeaning } from './time-candidate';

/** Period-over-period comparisons (DoD, WoW, MoM, QoQ, YoY, 日环比, 周同比, 同比, 环比) and their output. */

const compare = (c: CompareKind | 'previous'): TimeMeaning => ({ kind: 'compare', compare: c });
const output = (o: CompareOutput): TimeMeaning => ({ kind: 'output', output: o });
const rule = (source: string, meaning: TimeMeaning): PhraseRule<TimeMeaning> => ({ pattern: phrase(source), build: () => meaning });

const VERSUS = '(?:vs\\.?|versus|compared? (?:(?:it|this|that|them|these) )?(?:to|with)|against|relative to)';
const ON = '[-\\s]?(?:on|over)[-\\s]?';

const ADJECTIVES: Record<string, CompareKind> = {
  daily: 'dod', weekly: 'wow', monthly: 'mom', quarterly: 'qoq', yearly: 'yoy', annual: 'yoy',
};
const ADJECTIVE = `(?:${Object.keys(ADJECTIVES).join('|')})`;
const CHANGE_NOUN = '(?:fluctuations?|changes?|growth|variations?|comparisons?|increases?|decreases?|swings?)';

const PERIOD_OF_REFERENCE: Record<string, CompareKind> = {
  昨天: 'dod', 昨日: 'dod', 前1天: 'dod', 上周: 'wow', 上星期: 'wow', 上月: 'mom', 上季度: 'qoq', 去年: 'yoy',
  // The period before a named one: 昨天 vs 前天, 上个月 vs 上上个月, or the same day a week or year back.
  前1周: 'wow', 前1星期: 'wow', 前1月: 'mom', 前1季度: 'qoq', 前1年: 'yoy',
  前天: 'dod', 前日: 'dod', 上上周: 'wow', 上上星期: 'wow', 上上月: 'mom', 上上季度: 'qoq', 前年: 'yoy',
  上周同1天: 'wow', 上周同日: 'wow', 上周同期: 'wow', 去年同1天: 'yoy', 去年同日: 'yoy', 去年同期: 'yoy',
};
const REFERENCE = '(昨天|昨日|前1天|前1个?(?:周|星期)|前1个?月|前1个?季度|前1年|前天|前日|上上周|上上个?星期|上上个?月|上上个?季度|前年|上周同[1一]天|上周同日|上周同期|去年同[1一]天|去年同日|去年同期|上周|上个?星期|上个?月|上个?季度|去年)';
const referenceKind = (word: string): CompareKind => PERIOD_OF_REFERENCE[word.replace(/个/, '').replace('同一', '同1')];

/** "(vs) the same period last year", "the same day a week ago", "the same time the previous month". */
const samePeriod = (unit: string, what = '(?:day|period|time)') =>
  `(?:${VERSUS} )?(?:the )?same ${what} (?:of |in )?(?:last ${unit}|the (?:previous|prior) ${unit}|(?:a|one) ${unit} (?:ago|before|earlier))`;

const UNIT_KIND: Record<string, CompareKind> = { day: 'dod', week: 'wow', month: 'mom', quarter: 'qoq', year: 'yoy' };

const RULES: PhraseRule<TimeMeaning>[] = [
  // "daily and weekly fluctuations": each adjective is a comparison; the noun is the output word.
  {
    pattern: phrase(`(${ADJECTIVE})(?=\\s+(?:(?:and|or|,)\\s+${ADJECTIVE}\\s+)?${CHANGE_NOUN}(?![a-z]))`),
    build: (m) => compare(ADJECTIVES[m[1]]),
  },
  rule(`day${ON}day|dod|d/d|d-o-d|${VERSUS} (?:the )?(?:yesterday|previous day|prior day|day before)`, compare('dod')),
  rule(`week${ON}week|wow|w/w|w-o-w|${VERSUS} (?:the )?(?:same day (?:of )?)?(?:last|previous|prior) week|${samePeriod('week')}`, compare('wow')),
  rule(`month${ON}month|mom|m/m|m-o-m|${VERSUS} (?:the )?(?:last|previous|prior) month|${samePeriod('month')}`, compare('mom')),
  rule(`quarter${ON}quarter|qoq|q/q|q-o-q|${VERSUS} (?:the )?(?:last|previous|prior) quarter|${samePeriod('quarter')}`, compare('qoq')),
  rule(`year${ON}year|yoy|y/y|y-o-y|${VERSUS} (?:the )?(?:last|previous|prior) year|${samePeriod('year', '(?:day|period|time|week|month)')}`, compare('yoy')),
  // "compared with the week before", "vs a year ago", "than the month before": the unit names the comparison.
  {
    pattern: phrase(`(?:${VERSUS}|than) (?:the |a |one |1 )?(day|week|month|quarter|year) (?:before|ago|earlier|prior)`),
    build: (m) => compare(UNIT_KIND[m[1]]),
  },
  // 和上周比, 与去年相比, 和上周同一天比: "compared with last week / last year / the same day last week".
  {
    pattern: phrase(`(?:和|跟|与|同)\\s*${REFERENCE}\\s*(?:相比|比较|对比|比)`),
    build: (m) => compare(referenceKind(m[1])),
  },
  // 比前天, 较上上个月, 相比去年同期: the period before the one named.
  { pattern: phrase(`(?:比|较|相比|对比|环比|同比)\\s*${REFERENCE}`), build: (m) => compare(referenceKind(m[1])) },
  rule('日环比|日同比|较昨天|较昨日|比昨天|比昨日|相比昨天|相比昨日|对比昨天|环比昨天|较前1天|较前一天', compare('dod')),
  rule('周同比|周环比|较上周|比上周|相比上周|对比上周|上周同期|同比上周|环比上周', compare('wow')),
  rule('月环比|月同比|较上个?月|比上个?月|相比上个?月|对比上个?月|上月同期|环比上个?月', compare('mom')),
  rule('季度?环比|较上个?季度|比上个?季度|相比上个?季度|环比上个?季度', compare('qoq')),
  rule('年同比|同比|去年同期|较去年|比去年|相比去年|同比去年|年环比', compare('yoy')),
  rule('环比', compare('previous')),
  rule(
    '(?:percent(?:age)?|%) (?:change|difference|growth)|change (?:rate|in %|in percent|percentage|%)|growth rate|rate of change|changes?|fluctuations?|variations?|volatility|ratios?|percent(?:age)?s?|%|rates?|增长率|变化率|波动率|波动|变化|涨跌幅|涨幅|降幅|增幅|跌幅|幅度|百分比',
    output('ratio'),
  ),
  rule('differences?|diff|delta|absolute changes?|差值|差额|变化量|增量|增减|变化值|差异', output('diff')),
];

export function parseComparisonExpressions(text: string): TimeCandidate[] {
  return matchRules(text, RULES);
}
