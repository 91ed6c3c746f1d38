import type { TextSpan } from '../text/text-span';
import { selectLongest } from '../text/text-span';

/**
 * A phrase asking what the text of rows says, which SQL cannot answer: "that mention refunds",
 * "complained about login", 抱怨登录的, "classify into ads, crash or login", 按广告、闪退分类.
 * The subject is taken as written (lower-cased); it only ever becomes an instruction for the
 * judging model, never SQL.
 */
export type SemanticPhrase = TextSpan &
  (
    | {
        op: 'filter';
        /** "mentions refunds", "complains about login", "抱怨登录". */
        instruction: string;
        /** Where the subject lies inside the text, so that catalog terms inside it can be set aside. */
        subject: TextSpan;
        /**
         * "about Y" alone is taken only when Y is nothing the catalog knows ("about the new theme",
         * not "about login" when login is a category value); the reader decides with the catalog.
         */
        weak: boolean;
      }
    | { op: 'classify'; instruction: string; labels: string[]; subject: TextSpan; weak: false }
  );

/** Words that end an English subject: a filter, grouping, time or clause comes next. */
const SUBJECT_END = new Set([
  'by', 'per', 'for', 'from', 'in', 'on', 'at', 'during', 'over', 'since', 'before', 'after', 'between', 'within',
  'last', 'this', 'past', 'yesterday', 'today', 'with', 'and', 'or', 'where', 'which', 'that', 'whose', 'who',
  'grouped', 'split', 'broken', 'compared', 'vs', 'versus', 'top', 'each', 'every', 'how', 'what', 'when', 'were', 'was',
  'are', 'is', 'did', 'do', 'does', 'have', 'has', 'had',
]);
const LEADING_FILLER = /^(?:(?:the|a|an|their|its|some|any|of)\s+)+/;
const MAX_SUBJECT_WORDS = 6;

interface EnglishTrigger {
  pattern: RegExp;
  instruction: (subject: string) => string;
  weak: boolean;
}

const ENGLISH_TRIGGERS: EnglishTrigger[] = [
  { pattern: /(?<![a-z])(?:that |which |who )?(?:mention|mentions|mentioned|mentioning)(?: of)? /g, instruction: (s) => `mentions ${s}`, weak: false },
  {
    pattern: /(?<![a-z])(?:that |which |who )?(?:complain|complains|complained|complaining)(?: about| of| that)? /g,
    instruction: (s) => `complains about ${s}`,
    weak: false,
  },
  { pattern: /(?<![a-z])(?:that |which )?(?:talk|talks|talked|talking) about /g, instruction: (s) => `talks about ${s}`, weak: false },
  { pattern: /(?<![a-z])(?<!(?:what|how) )about /g, instruction: (s) => `is about ${s}`, weak: true },
];

const CHINESE_TRIGGERS: { pattern: RegExp; instruction: (subject: string) => string; weak: boolean }[] = [
  { pattern: /(?:提到|提及|说到|谈到)/g, instruction: (s) => `提到${s}`, weak: false },
  { pattern: /(?:抱怨|吐槽)/g, instruction: (s) => `抱怨${s}`, weak: false },
  { pattern: /关于/g, instruction: (s) => `关于${s}`, weak: true },
];
/** A Chinese subject runs up to 的 (提到退款的反馈) or punctuation, at most 16 characters. */
const CHINESE_SUBJECT = /^([^的，,。.？?！!；;：:\s]{1,16}?)(?=的|[，,。.？?！!；;：:\s]|$)/;

const ENGLISH_CLASSIFY = /(?<![a-z])(?:classify|classified|categorize|categorized|categorise|categorised|sort|sorted|bucket|bucketed)(?: [a-z]+){0,3}? (?:into|as|by|among) /g;
const CHINESE_CLASSIFY = /按(?:照)?([^按分类]{2,60}?)(?:分类|归类|分成几类|来分类)/g;

export function findSemanticPhrases(text: string): SemanticPhrase[] {
  const found: SemanticPhrase[] = [...englishClassifications(text), ...chineseClassifications(text)];
  for (const trigger of ENGLISH_TRIGGERS) {
    trigger.pattern.lastIndex = 0;
    for (const m of text.matchAll(trigger.pattern)) {
      const quoted = quotedSubject(text, m.index! + m[0].length);
      const subject = quoted?.subject ?? englishSubject(text, m.index! + m[0].length);
      if (!subject) continue;
      const end = quoted?.end ?? subject.end;
      found.push({
        op: 'filter',
        start: m.index!,
        end,
        text: text.slice(m.index!, end),
        instruction: trigger.instruction(subject.text),
        subject,
        weak: trigger.weak,
      });
    }
  }
  for (const trigger of CHINESE_TRIGGERS) {
    trigger.pattern.lastIndex = 0;
    for (const m of text.matchAll(trigger.pattern)) {
      const from = m.index! + m[0].length;
      const quoted = quotedSubject(text, from);
      const s = quoted ? undefined : CHINESE_SUBJECT.exec(text.slice(from));
      const subject = quoted?.subject ?? (s ? { start: from, end: from + s[1].length, text: s[1] } : undefined);
      if (!subject) continue;
      const after = quoted?.end ?? subject.end;
      const end = text[after] === '的' ? after + 1 : after;
      found.push({
        op: 'filter',
        start: m.index!,
        end,
        text: text.slice(m.index!, end),
        instruction: trigger.instruction(subject.text),
        subject,
        weak: trigger.weak,
      });
    }
  }
  return selectLongest(found, (a, b) => Number(a.weak) - Number(b.weak));
}

const QUOTE_PAIRS: Record<string, string> = { "'": "'", '"': '"', '“': '”', '‘': '’', '「': '」', '『': '』' };
const MAX_QUOTED_CHARS = 200;

/**
 * mentioning "refund; or anything else": a quoted subject is taken whole, whatever it says, up to
 * its closing quote (or the end of the question); `end` is after that quote.
 */
function quotedSubject(text: string, from: number): { subject: TextSpan; end: number } | undefined {
  const lead = /^\s*/.exec(text.slice(from))![0].length;
  const open = text[from + lead];
  const close = QUOTE_PAIRS[open];
  if (!close) return undefined;
  const start = from + lead + 1;
  // The closing quote of a question that ends with it has been trimmed with the edge punctuation.
  const found = text.indexOf(close, start);
  const closeAt = found >= 0 ? found : text.length;
  if (closeAt <= start || closeAt - start > MAX_QUOTED_CHARS) return undefined;
  const inner = text.slice(start, closeAt).trim();
  if (!/^[a-z0-9\u3400-\u9fff]/.test(inner)) return undefined;
  const innerStart = text.indexOf(inner, start);
  return { subject: { start: innerStart, end: innerStart + inner.length, text: inner }, end: Math.min(text.length, closeAt + 1) };
}

/** The words after a trigger up to a word that starts another part of the question. */
function englishSubject(text: string, from: number): TextSpan | undefined {
  const rest = text.slice(from);
  const lead = LEADING_FILLER.exec(rest)?.[0].length ?? 0;
  const words: { start: number; end: number }[] = [];
  const word = /[a-z0-9][a-z0-9'+#&.-]*|[\u3400-\u9fff]+/g;
  word.lastIndex = lead;
  for (let m = word.exec(rest); m; m = word.exec(rest)) {
    const gap = rest.slice(words.length ? words[words.length - 1].end : lead, m.index);
    if (/[^\s]/.test(gap)) break; // punctuation ends the subject
    const w = m[0].replace(/[.'&+-]+$/, '');
    if (SUBJECT_END.has(w) || words.length >= MAX_SUBJECT_WORDS) break;
    words.push({ start: m.index, end: m.index + w.length });
    if (w.length < m[0].length) break; // a full stop or a quote ended it
  }
  if (words.length === 0) return undefined;
  const start = from + words[0].start;
  const end = from + words[words.length - 1].end;
  return { start, end, text: text.slice(start, end) };
}

function englishClassifications(text: string): SemanticPhrase[] {
  const out: SemanticPhrase[] = [];
  ENGLISH_CLASSIFY.lastIndex = 0;
  for (const m of text.matchAll(ENGLISH_CLASSIFY)) {
    const from = m.index! + m[0].length;
    const list = /^([a-z0-9][a-z0-9 '&-]*?(?:\s*,\s*(?:(?:and|or)\s+)?[a-z0-9][a-z0-9 '&-]*?)*(?:\s*,?\s*(?:and|or)\s+[a-z0-9][a-z0-9'&-]*(?: [a-z0-9][a-z0-9'&-]*)?))(?=\s*(?:$|[?.!;]|,?\s+(?:last|this|in|on|for|during|over|since|by|per|from)\b))/.exec(text.slice(from));
    if (!list) continue;
    const labels = splitLabels(list[1], /\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/);
    if (labels.length < 2 || labels.length > 20) continue;
    const subject = { start: from, end: from + list[1].length, text: list[1] };
    out.push(classification(m.index!, subject.end, text, labels, subject));
  }
  return out;
}

function chineseClassifications(text: string): SemanticPhrase[] {
  const out: SemanticPhrase[] = [];
  CHINESE_CLASSIFY.lastIndex = 0;
  for (const m of text.matchAll(CHINESE_CLASSIFY)) {
    const labels = splitLabels(m[1], /\s*(?:,|、|，|和|或|及|与)\s*/);
    if (labels.length < 2 || labels.length > 20) continue;
    const from = m.index! + m[0].indexOf(m[1]);
    out.push(classification(m.index!, m.index! + m[0].length, text, labels, { start: from, end: from + m[1].length, text: m[1] }));
  }
  return out;
}

function classification(start: number, end: number, text: string, labels: string[], subject: TextSpan): SemanticPhrase {
  return {
    op: 'classify',
    start,
    end,
    text: text.slice(start, end),
    instruction: `which of these it is about: ${labels.join(', ')}`,
    labels,
    subject,
    weak: false,
  };
}

function splitLabels(list: string, separator: RegExp): string[] {
  const labels = list
    .split(separator)
    .map((l) => l.replace(LEADING_FILLER, '').trim())
    .filter((l) => l.length > 0);
  return [...new Set(labels)];
}
