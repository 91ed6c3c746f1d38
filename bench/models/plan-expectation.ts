import type { Plan, TimeRange } from '@chatbi/contracts';
import type { ExpectedTurn } from './heldout-sets';

/** Where a resolved plan differs from the hand-written expectation; empty when it is correct. */
export function planDifferences(plan: Plan, expected: ExpectedTurn): string[] {
  const out: string[] = [];
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
  if (plan.view !== expected.view) out.push(`view ${plan.view} (expected ${expected.view})`);
  const metrics = plan.metrics.map((m) => m.column);
  if (!sameSet(metrics, expected.metrics)) out.push(`metrics ${metrics.join(',')} (expected ${expected.metrics.join(',')})`);
  if (!sameSet(plan.dimensions, expected.dims)) out.push(`dimensions ${plan.dimensions.join(',') || '-'} (expected ${expected.dims.join(',') || '-'})`);
  const filters = plan.filters.map((f) => `${f.column}${f.op}${JSON.stringify(f.value)}`);
  const wanted = Object.entries(expected.filters).map(([column, value]) => `${column}=${JSON.stringify(value)}`);
  if (!sameSet(filters, wanted)) out.push(`filters ${filters.join(',') || '-'} (expected ${wanted.join(',') || '-'})`);
  if (expected.range !== undefined) {
    const range = describeRange(plan.time?.range);
    if (range !== expected.range) out.push(`range ${range} (expected ${expected.range})`);
  }
  const compare = plan.compare.map((c) => c.kind);
  if (!sameSet(compare, expected.compare)) out.push(`compare ${compare.join(',') || '-'} (expected ${expected.compare.join(',') || '-'})`);
  if (expected.limit !== undefined && plan.limit !== expected.limit) out.push(`limit ${plan.limit ?? '-'} (expected ${expected.limit})`);
  return out;
}

/** "last 7 day", "point -1 week", "to_date month", "absolute 2025-05-01 2025-05-07", "none". */
export function describeRange(range: TimeRange | undefined): string {
  if (!range) return 'none';
  switch (range.kind) {
    case 'last':
      return `last ${range.n} ${range.unit}`;
    case 'point':
      return `point ${range.offset} ${range.unit}`;
    case 'to_date':
      return `to_date ${range.unit}`;
    case 'absolute':
      return `absolute ${range.from} ${range.to}`;
  }
}
