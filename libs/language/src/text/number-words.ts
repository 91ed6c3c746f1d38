const WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, 'a couple of': 2, couple: 2, 'a dozen': 12, dozen: 12,
};

/** A regex source matching a count written in digits or as an English number word. */
export const COUNT_PATTERN = `(?:\\d{1,4}|${Object.keys(WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|')})`;

/** Reads "7", "seven", "a couple of" as a number. */
export function parseCount(text: string): number | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^\d+$/.test(t)) return Number(t);
  return WORDS[t];
}

const SCALES: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9,
  十: 10, 百: 100, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8,
};

/** A regex source for an amount: 1000, 1,000, 1.5k, 2 million, 3万. Group 1 number, group 2 scale. */
export const AMOUNT_PATTERN =
  '(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(?:\\s*(thousand|million|billion|mn|bn|k|m|b|十万|百万|千万|万|亿|千|百)(?![a-z]))?';

export function parseAmount(number: string, scale?: string): number {
  const base = Number(number.replace(/,/g, ''));
  return scale ? Math.round(base * SCALES[scale] * 1e6) / 1e6 : base;
}
