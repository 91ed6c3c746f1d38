/** Dice coefficient over character bigrams: 1 for equal strings, 0 for nothing in common. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return diceOf(bigrams(a), bigrams(b));
}

export function bigrams(s: string): string[] {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length < 2) return t.length === 1 ? [t] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  return out;
}

function diceOf(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const used = new Uint8Array(b.length);
  let shared = 0;
  for (const g of a) {
    for (let j = 0; j < b.length; j++) {
      if (!used[j] && b[j] === g) {
        used[j] = 1;
        shared++;
        break;
      }
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/**
 * Scores catalog terms against one text: a term's score is its similarity to the best-fitting piece
 * of the text, either a run of as many Latin words as the term has (one more or fewer), or a Chinese
 * substring about as long as the term. Pieces and their bigrams are computed once per text.
 */
export function windowScorer(text: string): (term: string) => number {
  const words = [...text.matchAll(/[a-z0-9]+/g)].map((m) => m[0]);
  const runs = text.match(/[\u3400-\u9fff]+/g) ?? [];
  const latin = new Map<number, string[][]>();
  const chinese = new Map<number, string[][]>();
  const latinWindows = (n: number) => {
    let list = latin.get(n);
    if (!list) {
      list = [];
      for (let i = 0; i + n <= words.length; i++) list.push(bigrams(words.slice(i, i + n).join(' ')));
      latin.set(n, list);
    }
    return list;
  };
  const chineseWindows = (len: number) => {
    let list = chinese.get(len);
    if (!list) {
      list = [];
      for (const run of runs) for (let i = 0; i + len <= run.length; i++) list.push(bigrams(run.slice(i, i + len)));
      chinese.set(len, list);
    }
    return list;
  };
  return (term: string) => {
    const grams = bigrams(term);
    let best = 0;
    const size = term.split(' ').length;
    for (let n = Math.max(1, size - 1); n <= size + 1; n++) {
      for (const w of latinWindows(n)) best = Math.max(best, diceOf(grams, w));
    }
    if (/[\u3400-\u9fff]/.test(term)) {
      for (let len = Math.max(1, term.length - 1); len <= term.length + 1; len++) {
        for (const w of chineseWindows(len)) best = Math.max(best, diceOf(grams, w));
      }
    }
    return Math.round(best * 1000) / 1000;
  };
}
