import type { Grain } from '@chatbi/contracts';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import type { TimeCandidate, TimeMeaning } from './time-candidate';

/** Time grains: "daily", "by week", "per month", "each day", 按天, 每周, 分月, 逐日. */

const grain = (g: Grain): TimeMeaning => ({ kind: 'grain', grain: g });
const rule = (source: string, g: Grain): PhraseRule<TimeMeaning> => ({ pattern: phrase(source), build: () => grain(g) });

const EN_BY = '(?:(?:broken down |break down |split |grouped |group |aggregated |for |in )?(?:by|per|each|every)(?: the)?|for each|for every)';
const ZH_BY = '(?:按照|按|每|分|逐|以)';

/** "new users in each of the past two quarters": one row per period of the range, said before it. */
const eachOf = (unit: string, g: Grain): PhraseRule<TimeMeaning> => ({
  pattern: phrase(`(?:in |for )?each of(?= the (?:past|last|previous|preceding) (?:[a-z0-9]+ )?${unit}s)`),
  build: () => grain(g),
});

const RULES: PhraseRule<TimeMeaning>[] = [
  eachOf('day', 'day'),
  eachOf('week', 'week'),
  eachOf('month', 'month'),
  eachOf('quarter', 'quarter'),
  eachOf('year', 'year'),
  rule(`hourly|${EN_BY} hour|hour by hour|hour level`, 'hour'),
  rule(`daily|${EN_BY} (?:day|date)|day by day|day level|daily basis`, 'day'),
  rule(`weekly|${EN_BY} week|week by week|week level|weekly basis`, 'week'),
  rule(`monthly|${EN_BY} month|month by month|month level|monthly basis`, 'month'),
  rule(`quarterly|${EN_BY} quarter|quarter by quarter|quarter level`, 'quarter'),
  rule(`yearly|annually|annual|${EN_BY} year|year by year|year level`, 'year'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?个?\\s*小时|小时级|分时`, 'hour'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?\\s*(?:天|日期|日)|天级|日级|每日|每一天|逐天`, 'day'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?个?\\s*(?:周|星期)|周级`, 'week'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?个?\\s*月(?:份|度)?|月级|月度`, 'month'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?个?\\s*季度?|季度级`, 'quarter'),
  rule(`${ZH_BY}\\s*(?:1\\s*|一)?个?\\s*年(?:份|度)?|年级别`, 'year'),
];

export function parseGrainExpressions(text: string): TimeCandidate[] {
  return matchRules(text, RULES);
}
