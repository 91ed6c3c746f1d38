import type { PlanFilter } from '@chatbi/contracts';
import type { NegationPhrase, TextSpan } from '@chatbi/language';
import type { ResolvedMention } from './mention-meaning.resolver';
import { MAX_GAP, isFillerGap } from './phrase-distance';

/** What may join two excluded values: "excluding android and ios", 除了北京、天津. */
const CHAIN_CONNECTOR = /^[\s,/&+]*(?:and|or|nor|和|或|或者|及|与|跟|以及)?[\s,/&+]*$/;

/**
 * Enum values named in the question as filters: one value is =, several of one column are in;
 * values a negation governs ("not on iOS", "excluding", 除了, 非, 以外) are != and not in.
 * Negations that governed something are added to `used`.
 */
export function readValueFilters(text: string, read: readonly ResolvedMention[], negations: readonly NegationPhrase[], used: TextSpan[]): PlanFilter[] {
  const values = read.filter((g) => g.meaning.type === 'value');
  const negated = new Set<ResolvedMention>();
  for (const neg of negations) {
    const after = neg.scope === 'after';
    const chain = after ? values.filter((g) => g.start >= neg.end) : values.filter((g) => g.end <= neg.start).reverse();
    let cursor = after ? neg.end : neg.start;
    let first = true;
    for (const g of chain) {
      const gap = after ? text.slice(cursor, g.start) : text.slice(g.end, cursor);
      if (gap.length > MAX_GAP || (first ? !isFillerGap(gap) : !CHAIN_CONNECTOR.test(gap))) break;
      negated.add(g);
      cursor = after ? g.end : g.start;
      first = false;
    }
    if (!first) used.push(neg);
  }

  const byColumn = new Map<string, { include: (string | number)[]; exclude: (string | number)[] }>();
  for (const g of values) {
    const m = g.meaning as { column: string; value: string | number };
    const entry = byColumn.get(m.column) ?? { include: [], exclude: [] };
    byColumn.set(m.column, entry);
    const list = negated.has(g) ? entry.exclude : entry.include;
    if (!list.includes(m.value)) list.push(m.value);
  }
  const filters: PlanFilter[] = [];
  for (const [column, { include, exclude }] of byColumn) {
    if (include.length === 1) filters.push({ column, op: '=', value: include[0] });
    if (include.length > 1) filters.push({ column, op: 'in', value: include });
    if (exclude.length === 1) filters.push({ column, op: '!=', value: exclude[0] });
    if (exclude.length > 1) filters.push({ column, op: 'not in', value: exclude });
  }
  return filters;
}
