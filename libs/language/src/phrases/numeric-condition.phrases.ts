import { AMOUNT_PATTERN, parseAmount } from '../text/number-words';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

export type ComparisonOperator = '>' | '>=' | '<' | '<=' | '=' | 'between';

/** "with more than 1000 views", "at least 5", 超过1000, 不少于5万, "between 10 and 20". */
export interface NumericCondition extends TextSpan {
  op: ComparisonOperator;
  value: number | [number, number];
  /** Written as a percentage ("above 36%", 高于36%). */
  percent?: boolean;
}

type Meaning = Omit<NumericCondition, keyof TextSpan>;

const OPERATORS: Record<string, ComparisonOperator> = {};
const words = (op: ComparisonOperator, list: string) => list.split('|').forEach((w) => (OPERATORS[w] = op));
words('>', 'more than|greater than|higher than|larger than|bigger than|over|above|exceeding|exceeds|exceed|in excess of|>|超过|大于|多于|高于|超出|>');
words('>=', 'at least|no less than|not less than|no fewer than|minimum of|a minimum of|>=|不少于|不低于|不小于|至少|大于等于|>=');
words('<', 'less than|fewer than|lower than|smaller than|under|below|<|低于|少于|小于|不到|不足');
words('<=', 'at most|no more than|not more than|up to|maximum of|a maximum of|<=|不超过|不高于|不大于|至多|最多|小于等于');
words('=', 'exactly|equal to|equals|=|等于');

const OPERATOR = `(${Object.keys(OPERATORS).sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '\\s+')).join('|')})`;
const AMOUNT_GROUPS = 2;

const amount = (m: RegExpExecArray, at: number) => parseAmount(m[at], m[at + 1]);

const RULES: PhraseRule<Meaning>[] = [
  { pattern: phrase(`${OPERATOR}\\s*${AMOUNT_PATTERN}`), build: (m) => ({ op: OPERATORS[m[1].replace(/\s+/g, ' ')], value: amount(m, 2) }) },
  {
    pattern: phrase(`between ${AMOUNT_PATTERN} and ${AMOUNT_PATTERN}`),
    build: (m) => between(amount(m, 1), amount(m, 1 + AMOUNT_GROUPS)),
  },
  {
    pattern: phrase(`(?:在\\s*)?${AMOUNT_PATTERN}\\s*(?:到|至|-|~)\\s*${AMOUNT_PATTERN}\\s*之间`),
    build: (m) => between(amount(m, 1), amount(m, 1 + AMOUNT_GROUPS)),
  },
  { pattern: phrase(`${AMOUNT_PATTERN}\\s*(?:or more|or above|or higher|\\+|plus|及以上|以上)`), build: (m) => ({ op: '>=', value: amount(m, 1) }) },
  { pattern: phrase(`${AMOUNT_PATTERN}\\s*(?:or less|or fewer|or below|or lower|及以下|以下)`), build: (m) => ({ op: '<=', value: amount(m, 1) }) },
];

function between(a: number, b: number): Meaning {
  return { op: 'between', value: a <= b ? [a, b] : [b, a] };
}

export function findNumericConditions(text: string): NumericCondition[] {
  const finite = (v: Meaning['value']) => (Array.isArray(v) ? v.every(Number.isFinite) : Number.isFinite(v));
  return selectLongest(matchRules(text, RULES).filter((m) => finite(m.value.value))).map((m) => {
    const percent = text[m.end] === '%' || /^\s*(?:percent|%)/.test(text.slice(m.end, m.end + 9));
    const end = percent ? m.end + (/^\s*(?:percent|%)/.exec(text.slice(m.end))?.[0].length ?? 0) : m.end;
    return { start: m.start, end, text: text.slice(m.start, end), ...m.value, ...(percent ? { percent } : {}) };
  });
}
