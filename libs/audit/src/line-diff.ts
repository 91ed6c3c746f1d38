/** Beyond this many changed lines on a side, the changed block is shown whole rather than diffed line by line. */
const MAX_LCS_LINES = 2_000;

/**
 * A catalog edit as a reader checks it: the lines removed (-) and added (+), with the line number
 * of the old file where each run of changes starts (@@ n). Lines the edit kept are left out.
 */
export function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const oldLines = a.slice(start, endA);
  const newLines = b.slice(start, endB);
  if (oldLines.length === 0 && newLines.length === 0) return '';
  const ops = oldLines.length > MAX_LCS_LINES || newLines.length > MAX_LCS_LINES ? wholeBlock(oldLines, newLines) : lcsOps(oldLines, newLines);
  const out: string[] = [];
  let line = start + 1;
  let inRun = false;
  for (const op of ops) {
    if (op.kind === '=') {
      inRun = false;
      line++;
      continue;
    }
    if (!inRun) out.push(`@@ ${line}`);
    inRun = true;
    out.push(`${op.kind}${op.text}`);
    if (op.kind === '-') line++;
  }
  return out.join('\n');
}

type Op = { kind: '=' | '-' | '+'; text: string };

function wholeBlock(a: string[], b: string[]): Op[] {
  return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: '=', text: a[i++] });
      j++;
    } else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) {
      ops.push({ kind: '+', text: b[j++] });
    } else {
      ops.push({ kind: '-', text: a[i++] });
    }
  }
  return ops;
}
