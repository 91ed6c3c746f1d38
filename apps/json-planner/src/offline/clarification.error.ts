import type { Catalog, CatalogView } from '@chatbi/catalog';
import { ChatbiError, type ClarificationCandidate } from '@chatbi/contracts';
import { bigramSimilarity, normalizeText } from '@chatbi/language';

const MIN_SIMILARITY = 0.34;
const MAX_CANDIDATES = 4;

/**
 * NEEDS_CLARIFICATION: the question holds words the reading cannot place ("DAU in Lhasa": no city
 * called that). Rather than answer a different question, it names the words and offers the
 * catalog's nearest values and columns, each as the question to ask instead.
 */
export function needsClarification(question: string, words: readonly string[], view: CatalogView, catalog: Catalog): ChatbiError {
  const candidates = words.flatMap((w) => closestTerms(question, w, view, catalog)).slice(0, MAX_CANDIDATES);
  const quoted = words.map((w) => `"${w}"`).join(', ');
  const hint = candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `${c.label} (${c.column})`).join(', ')}?` : ' Rephrase it with the catalog\'s names, or leave the word out.';
  return new ChatbiError(
    'NEEDS_CLARIFICATION',
    `I could not place ${quoted} in the catalog (${view.name} has no value or column called that), so I did not answer a question without ${words.length > 1 ? 'them' : 'it'}.${hint}`,
    { words: [...words], candidates },
  );
}

function closestTerms(question: string, word: string, view: CatalogView, catalog: Catalog): ClarificationCandidate[] {
  const scored: (ClarificationCandidate & { score: number })[] = [];
  const consider = (viewName: string, column: string, kind: ClarificationCandidate['kind'], label: string, terms: readonly string[]) => {
    const score = Math.max(...terms.map((t) => bigramSimilarity(word, normalizeText(t))));
    if (score >= MIN_SIMILARITY) scored.push({ kind, label, column, view: viewName, question: replaceWord(question, word, label), score });
  };
  for (const v of [view, ...catalog.views.filter((x) => x !== view)]) {
    for (const c of v.columns) {
      for (const value of c.values) {
        const label = value.label ?? String(value.value);
        consider(v.name, c.name, 'value', label, [String(value.value), label, ...value.aliases.en, ...value.aliases.zh]);
      }
      consider(v.name, c.name, 'column', c.aliases.en[0] ?? c.name, [c.name, ...c.aliases.en, ...c.aliases.zh]);
    }
  }
  const seen = new Set<string>();
  return scored
    .sort((a, b) => b.score - a.score)
    .filter((c) => {
      const key = `${c.kind}:${c.label}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_CANDIDATES)
    .map(({ score: _, ...c }) => c);
}

function replaceWord(question: string, word: string, label: string): string {
  const at = question.toLowerCase().indexOf(word.toLowerCase());
  return at < 0 ? question : `${question.slice(0, at)}${label}${question.slice(at + word.length)}`;
}
