/**
 * An offline estimate of how many tokens Claude's tokenizer makes of a text. Anthropic's tokenizer
 * is not published for current models (the API's count_tokens endpoint is the exact count, and no
 * network reaches it here), so this approximates a byte-level BPE of Claude's vocabulary size:
 *
 * - the text is split the way GPT-style BPEs pre-tokenize it: letters with an optional leading
 *   space, digits in groups of up to three, runs of punctuation, whitespace, and each CJK character;
 * - a Latin word of up to 6 letters is one token, longer words one token per 6 letters (rounded
 *   up), all-caps words one per 3 letters: common English words are single tokens in such
 *   vocabularies, identifiers and rare words split;
 * - punctuation costs one token per two characters (JSON's `":` and `{"` pairs are single tokens);
 * - a CJK character is one token (common characters are single tokens; rare ones cost more, so
 *   Chinese is undercounted rather than over);
 * - a whitespace run not attached to a word is one token.
 *
 * On English prose it gives about 4 characters per token, in line with Anthropic's published
 * rule of thumb of roughly 3.5 to 4; it counts identifiers and JSON more heavily. Both prompts
 * of the planner benchmark are counted with it, so their ratio does not depend on its bias.
 */
const PIECES = /'(?:s|t|re|ve|m|ll|d)\b| ?[A-Za-z]+| ?\d{1,3}|[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]| ?[^\sA-Za-z\d\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+|\s+/gu;

export const TOKENIZER_NAME = 'approximate Claude BPE (offline estimate, see bench/planner/approximate-tokenizer.ts)';

export function countTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECES)) tokens += pieceTokens(piece);
  return tokens;
}

function pieceTokens(piece: string): number {
  const body = piece.startsWith(' ') && piece.length > 1 ? piece.slice(1) : piece;
  if (/^[A-Za-z]+$/.test(body)) {
    if (body.length > 1 && body === body.toUpperCase()) return Math.ceil(body.length / 3);
    return body.length <= 6 ? 1 : Math.ceil(body.length / 6);
  }
  if (/^\d+$/.test(body)) return 1;
  if (/^\s+$/.test(piece)) return 1;
  if (/^[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]$/u.test(body)) return 1;
  return Math.ceil(body.length / 2);
}
