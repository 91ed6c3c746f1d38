import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import type { TimeCandidate, TimeMeaning } from './time-candidate';

/**
 * Words that look like time but that no rule here reads: vague ones (recently, 月底, 前段时间,
 * "early November", "last fortnight-ish"), impossible ones (Q5, 2月30日, 13月) and bare ones
 * (周末, "weekends": every weekend, or the last one?). They are candidates of the lowest priority,
 * so a reading of the same words (2月3日, 上周末, "last weekend") always wins over them; what is
 * left is reported as unplaced for the caller to ask about rather than guess.
 */

const unplaced: TimeMeaning = { kind: 'unplaced' };
const rule = (source: string): PhraseRule<TimeMeaning> => ({ pattern: phrase(source), build: () => unplaced });

const EN_MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const EN_PERIOD = '(?:fortnights?|weekends?|days?|weeks?|months?|quarters?|years?)';

const RULES: PhraseRule<TimeMeaning>[] = [
  rule(`(?:(?:the |over the |in the )?(?:last|past|this|next|previous|coming) )?(?:couple of |few )?${EN_PERIOD}[- ]?ish`),
  rule('q(?:0|[5-9]|\\d{2,})(?:\\s*(?:19|20)\\d{2})?'),
  rule(`(?:early|mid|late|(?:the )?(?:end|start|beginning|middle) of)[- ]?(?:the )?(?:this |last |next )?(?:week|month|quarter|year|${EN_MONTH}|(?:19|20)\\d{2})`),
  rule('recent(?:ly)?|lately|the other day|a while (?:ago|back)|some time ago|earlier this (?:week|month|quarter|year)|in recent (?:days|weeks|months)'),
  rule('(?:(?:this|last|next|in|over the|during the) )(?:spring|summer|autumn|fall|winter)|(?:the )?holiday season|(?:the )?holidays|festive season'),
  rule('(?:(?:over|on|at|during) )?(?:the )?weekends?|(?:the )?fortnight'),
  rule(`${EN_MONTH} \\d{1,2}(?:st|nd|rd|th)?|(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}`),
  rule('(?:(?:19|20)\\d{2}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]|(?:(?:19|20)\\d{2}\\s*年\\s*)?(?:1[3-9]|[2-9]\\d|0)\\s*月|第?\\s*[5-9]\\s*季度'),
  rule('上旬|中旬|下旬|月初|月中|月底|月末|年初|年中|年底|年末|季初|季末|周初|周中|周末|前段时间|前阵子|这阵子|这段日子|近期|近来|最近(?!\\s*\\d*\\s*次)|早些时候|节假日|节日|假期|假日|寒假|暑假|暑期|春季|夏季|秋季|冬季|旺季|淡季'),
];

export function parseUnplacedTimeWords(text: string): TimeCandidate[] {
  return matchRules(text, RULES);
}
