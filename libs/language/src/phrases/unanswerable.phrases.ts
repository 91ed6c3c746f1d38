import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/**
 * Questions data cannot answer by its nature: about causes ("why did DAU drop", 为什么, 原因) or
 * about the future ("what will DAU be next week", 预测, 下个月). They are refused as such, never
 * answered with a table about something else.
 */
export interface UnanswerablePhrase extends TextSpan {
  reason: 'cause' | 'future';
}

const RULES: PhraseRule<UnanswerablePhrase['reason']>[] = [
  { pattern: phrase('why|what caused|what causes|what drove|what is driving|reason(?:s)? (?:for|why|behind)|root cause|explain why|how come'), build: () => 'cause' },
  { pattern: phrase('为什么|为何|原因|怎么回事|导致|归因'), build: () => 'cause' },
  {
    pattern: phrase('predict(?:ed|ion|ions)?|forecast(?:ed|s)?|project(?:ed|ion)|will (?:be|we|it|there|have|get|reach|grow|drop)|going to be|expected to be|next (?:day|week|month|quarter|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow|in the future|upcoming|coming (?:week|month|quarter|year)'),
    build: () => 'future',
  },
  { pattern: phrase('预测|预估|预计|将会|会是多少|会有多少|下个?(?:周|星期|礼拜|月|季度|年)|明天|后天|明年|未来|接下来'), build: () => 'future' },
];

export function findUnanswerablePhrases(text: string): UnanswerablePhrase[] {
  return selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, reason: m.value }));
}
