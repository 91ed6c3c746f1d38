/**
 * A reading to choose instead when a question is unsure (error NEEDS_CLARIFICATION, in
 * `details.candidates`): a catalog value or column that looks like the word, and the question asked with it.
 */
export interface ClarificationCandidate {
  kind: 'value' | 'column';
  /** What the word could be, as the catalog labels it. */
  label: string;
  column: string;
  view: string;
  /** The question with the word replaced by the label: send it (same session) to continue. */
  question: string;
}

/** The candidates of a NEEDS_CLARIFICATION error's details, or none when the details hold none. */
export function clarificationCandidates(details: Record<string, unknown> | undefined): ClarificationCandidate[] {
  const candidates = details?.candidates;
  if (!Array.isArray(candidates)) return [];
  return candidates.filter(isCandidate);
}

function isCandidate(value: unknown): value is ClarificationCandidate {
  const c = value as Partial<ClarificationCandidate> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    (c.kind === 'value' || c.kind === 'column') &&
    [c.label, c.column, c.view, c.question].every((field) => typeof field === 'string')
  );
}
