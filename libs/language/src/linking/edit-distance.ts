/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up once it
 * must exceed `max`: returns max + 1 then.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    let best = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return Math.min(d[a.length][b.length], max + 1);
}

/** Whether `typed` is `word` with one letter doubled by mistake ("dauu" for "dau"). */
export function isDoubledLetterTypo(typed: string, word: string): boolean {
  if (typed.length !== word.length + 1) return false;
  for (let i = 0; i + 1 < typed.length; i++) {
    if (typed[i] === typed[i + 1] && typed.slice(0, i) + typed.slice(i + 1) === word) return true;
  }
  return false;
}
