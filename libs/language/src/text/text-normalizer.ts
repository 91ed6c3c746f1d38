import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numeral.parser';

/** What may follow a Chinese numeral that counts something (近三天, 三个月, 前五名). */
const COUNTERS = /^(?:天|日|号|周|星期|礼拜|个|月|年|季|名|位|小时|分钟|秒|次|条|倍|岁|人|家|款|部|项|期|轮|批|种|份|元|块)/;
/** What may precede a numeral that counts (前五, 近三, 第一, 超过十). */
const COUNT_CONTEXT_BEFORE = /(?:前|近|后|第|倒数|top|过去|最近|超过|大于|小于|低于|高于|不少于|不低于|不超过|多于|少于|至少|至多)\s*$/;
/** 一 inside a word rather than a count: 每一天, 哪一个, 统一, 一些, 一起, 一线. */
const YI_WORD_BEFORE = /[每哪这那同任某统唯单]$/;
const YI_WORD_AFTER = /^[些下起样般直定共切点旦致同线]/;
const WEEKDAY_BEFORE = /(?:周|星期|礼拜)$/;
const NUMERAL_RUN = new RegExp(`[${CHINESE_NUMERAL_CHARS}]+`, 'g');

const EDGE = new RegExp(`[\\s!-/:-@[-\`{-~。，、；：？！…—·“”‘’「」『』（）《》【】]`);

/**
 * The canonical form every matcher in this library works on: full-width forms folded to ASCII,
 * Latin letters lower-cased, every whitespace character a plain space (runs are kept so that
 * masking a span with spaces never moves an offset), Chinese numerals that count something written
 * as digits, and punctuation trimmed from both ends. Idempotent.
 */
export function normalizeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    let c = ch;
    if (code === 0x3000) c = ' ';
    else if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
    else if (c === '。') c = '.';
    else if (c === '、') c = ',';
    if (/\s/.test(c)) c = ' ';
    const lower = c.toLowerCase();
    out += lower.length === c.length ? lower : c;
  }
  return trimEdges(expandShorthand(convertChineseCounts(out)));
}

/**
 * Shorthand analysts type for words the catalog spells out: "publish cnt", "ad impr", "w/ dau >
 * 15"; and thousands separators in amounts ("per 1,000 plays"). Time shorthand (yday, l7d) is the
 * time parser's.
 */
const SHORTHAND: Record<string, string> = {
  cnt: 'count', cnts: 'counts', impr: 'impressions', imprs: 'impressions', imps: 'impressions', rev: 'revenue', num: 'number',
  qty: 'quantity', amt: 'amount', pct: 'percent', 'w/': 'with', 'w/o': 'without', b4: 'before', hrs: 'hours', mins: 'minutes',
  msg: 'message', msgs: 'messages',
};
const SHORTHAND_PATTERN = new RegExp(`(?<![a-z0-9])(?:${Object.keys(SHORTHAND).map((k) => k.replace('/', '\\/')).join('|')})(?![a-z0-9/])`, 'g');

function expandShorthand(text: string): string {
  return text.replace(/(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])/g, (n) => n.replace(/,/g, '')).replace(SHORTHAND_PATTERN, (w) => SHORTHAND[w]);
}

/** Drops punctuation and spaces at both ends, but a final % ("change in %" asks for a ratio). */
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text[start])) start++;
  while (end > start && text[end - 1] !== '%' && EDGE.test(text[end - 1])) end--;
  return text.slice(start, end);
}

function convertChineseCounts(text: string): string {
  return text.replace(NUMERAL_RUN, (run: string, offset: number) => {
    if (/^[百千万]/.test(run)) return run;
    const before = text.slice(Math.max(0, offset - 4), offset);
    const after = text.slice(offset + run.length, offset + run.length + 3);
    if (run === '一' && (YI_WORD_BEFORE.test(before) || YI_WORD_AFTER.test(after))) return run;
    if (WEEKDAY_BEFORE.test(before) && /^[一二三四五六]$/.test(run)) return run;
    if (!COUNTERS.test(after) && !COUNT_CONTEXT_BEFORE.test(before)) return run;
    const value = parseChineseNumeral(run);
    return value === undefined ? run : String(value);
  });
}
