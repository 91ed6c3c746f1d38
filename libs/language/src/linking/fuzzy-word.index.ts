import { editDistance, isDoubledLetterTypo } from './edit-distance';

export interface FuzzyHit {
  word: string;
  edits: number;
}

/**
 * Finds catalog words within a small edit distance of a typed word without comparing against every
 * word: each word is stored under the strings left after deleting up to k of its letters, and a
 * typed word looks up its own deletions (the symmetric-delete method).
 *
 * Allowed distance, by the shorter of the two words: 1 from 5 letters, 2 from 8. A doubled letter
 * ("dauu") counts as one edit from 4 typed letters, since that slip is common on short acronyms.
 */
export class FuzzyWordIndex {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      for (const variant of deletions(word, indexDepth(word.length))) {
        const list = this.byDeletion.get(variant);
        if (list) list.push(word);
        else this.byDeletion.set(variant, [word]);
      }
    }
  }

  lookup(typed: string): FuzzyHit[] {
    const depth = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
    if (depth === 0) return [];
    const seen = new Set<string>();
    const hits: FuzzyHit[] = [];
    for (const variant of deletions(typed, depth)) {
      for (const word of this.byDeletion.get(variant) ?? []) {
        if (seen.has(word) || word === typed) continue;
        seen.add(word);
        const edits = allowedEdits(typed, word);
        if (edits > 0) hits.push({ word, edits });
      }
    }
    return hits.sort((a, b) => a.edits - b.edits || a.word.localeCompare(b.word));
  }
}

/** The edit distance between the words if it is small enough to count as a typo, else 0. */
function allowedEdits(typed: string, word: string): number {
  const shorter = Math.min(typed.length, word.length);
  const max = shorter >= 8 ? 2 : shorter >= 5 ? 1 : 0;
  if (max > 0) {
    const d = editDistance(typed, word, max);
    if (d <= max) return d;
  }
  return typed.length >= 4 && isDoubledLetterTypo(typed, word) ? 1 : 0;
}

function indexDepth(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let k = 0; k < depth; k++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}
