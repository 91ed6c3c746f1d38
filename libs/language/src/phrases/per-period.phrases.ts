import type { Grain } from '@chatbi/contracts';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/**
 * "average daily searches", 日均DAU, 平均每天, "peak daily DAU", 单日最高: the metric is computed per
 * day (week, month) first and then averaged (or its highest or lowest taken) over the range, not
 * shown as a series.
 */
export interface PerPeriodPhrase extends TextSpan {
  grain: Extract<Grain, 'day' | 'week' | 'month'>;
  agg: 'avg' | 'max' | 'min';
}

type Meaning = Omit<PerPeriodPhrase, keyof TextSpan>;

const UNIT: Record<string, Meaning['grain']> = { day: 'day', daily: 'day', week: 'week', weekly: 'week', month: 'month', monthly: 'month' };
const ZH_UNIT: Record<string, Meaning['grain']> = { 天: 'day', 日: 'day', 周: 'week', 星期: 'week', 月: 'month' };

const RULES: PhraseRule<Meaning>[] = [
  { pattern: phrase('(?:average|avg|mean) (daily|weekly|monthly)|(daily|weekly|monthly) (?:average|avg|mean)'), build: (m) => ({ grain: UNIT[m[1] ?? m[2]], agg: 'avg' }) },
  { pattern: phrase('(?:per|a|each) (day|week|month) on average|on average (?:per|a|each) (day|week|month)|average per (day|week|month)|avg per (day|week|month)'), build: (m) => ({ grain: UNIT[m[1] ?? m[2] ?? m[3] ?? m[4]], agg: 'avg' }) },
  { pattern: phrase('(?:peak|highest|max(?:imum)?|best) (daily|weekly|monthly)|(?:lowest|min(?:imum)?|worst) (daily|weekly|monthly)'), build: (m) => ({ grain: UNIT[m[1] ?? m[2]], agg: m[1] ? 'max' : 'min' }) },
  {
    pattern: phrase('(peak|highest|max(?:imum)?|best|record|lowest|min(?:imum)?|worst) single[- ]?(day|week|month)'),
    build: (m) => ({ grain: UNIT[m[2]], agg: /^(?:lowest|min|minimum|worst)$/.test(m[1]) ? 'min' : 'max' }),
  },
  { pattern: phrase('(日|周|月)均'), build: (m) => ({ grain: ZH_UNIT[m[1]], agg: 'avg' }) },
  { pattern: phrase('平均(?:每|一)个?(天|日|周|星期|月)|(?:每|一)个?(天|日|周|星期|月)平均'), build: (m) => ({ grain: ZH_UNIT[m[1] ?? m[2]], agg: 'avg' }) },
  { pattern: phrase('单(日|周|月)最高|单(日|周|月)最低|最高的一(天|周|个月)|最低的一(天|周|个月)'), build: (m) => ({ grain: ZH_UNIT[m[1] ?? m[2] ?? m[3] ?? m[4]] ?? 'month', agg: m[1] || m[3] ? 'max' : 'min' }) },
];

/** "per day" next to an average said elsewhere ("average number of active creators per day"). */
const DAY_WORDS: PhraseRule<Meaning['grain']>[] = [
  { pattern: phrase('(?:per|a|each) (day|week|month)'), build: (m) => UNIT[m[1]] },
  { pattern: phrase('(?:每|一)(天|日|周|月)'), build: (m) => ZH_UNIT[m[1]] },
];

export function findPerPeriodPhrases(text: string): PerPeriodPhrase[] {
  const found = selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, ...m.value }));
  if (found.length > 0) return found;
  const average = /(?<![a-z])(?:average|avg|mean)(?![a-z])|平均/.exec(text);
  if (!average) return [];
  const unit = selectLongest(matchRules(text, DAY_WORDS))[0];
  return unit ? [{ start: unit.start, end: unit.end, text: unit.text, grain: unit.value, agg: 'avg' }] : [];
}
