import { reachableViews, viewWithRelatedRows, type Catalog, type CatalogView, type RelatedView, type ReachView } from '@chatbi/catalog';
import type { PlanInput } from '@chatbi/contracts';
import { escapeRegExp, findExistenceWords, normalizeText, termVariants } from '@chatbi/language';

/** A question keeping rows for having (or lacking) related rows, ready to read on the view widened by them. */
export interface ExistenceReading {
  /** The question without the existence words and the related rows' noun ("that do not have any song"). */
  question: string;
  related: RelatedView;
  negate: boolean;
  lexicon: ReachView;
}

/**
 * "singers that have songs with sales over 300000", "airports which do not have any flight": the
 * existence words, and the view one to-many relationship away whose rows' noun follows them.
 */
export function findExistence(question: string, view: CatalogView, catalog: Catalog): ExistenceReading | undefined {
  const related = reachableViews(view, catalog).filter((r) => r.toMany && r.view.name !== view.name);
  if (related.length === 0) return undefined;
  const text = normalizeText(question);
  for (const words of findExistenceWords(text)) {
    const rest = text.slice(words.end);
    for (const r of related) {
      const noun = nounsOf(r.view).find((n) => new RegExp(`^${escapeRegExp(n)}(?![a-z])`).test(rest));
      if (!noun) continue;
      const end = words.end + noun.length;
      return {
        question: `${text.slice(0, words.start)}${' '.repeat(end - words.start)}${text.slice(end)}`,
        related: r,
        negate: words.negate,
        lexicon: viewWithRelatedRows(view, r),
      };
    }
  }
  return undefined;
}

/**
 * The plan with its conditions on the related rows moved into one exists condition; undefined when
 * it would show, group, order or aggregate the related rows, which an exists condition cannot.
 */
export function withExists(plan: PlanInput, reading: ExistenceReading): PlanInput | undefined {
  const prefix = `${reading.related.name}.`;
  const onRelated = (column: string) => column.startsWith(prefix);
  const shown = [...(plan.metrics ?? []).map((m) => m.column), ...(plan.dimensions ?? []), ...(plan.rows?.columns ?? []), ...(plan.order ?? []).map((o) => o.by)];
  if (shown.some(onRelated)) return undefined;
  const filters = plan.filters ?? [];
  const where = filters.filter((f) => onRelated(f.column)).map((f) => ({ ...f, column: f.column.slice(prefix.length) }));
  return {
    ...plan,
    filters: filters.filter((f) => !onRelated(f.column)),
    exists: [...(plan.exists ?? []), { path: reading.related.name, where, negate: reading.negate }],
  };
}

/** The words a question names the related rows by, longest first: its aliases and its name, one and many. */
function nounsOf(view: CatalogView): string[] {
  const base = [...view.aliases.en, view.name.replace(/_/g, ' ')].map((n) => n.toLowerCase());
  return [...new Set(base.flatMap(termVariants))].filter((n) => n.length > 1).sort((a, b) => b.length - a.length);
}
