import type { CatalogView } from '@chatbi/catalog';
import { directionOfName, findDirectionWords, type TextSpan } from '@chatbi/language';
import type { ResolvedMention } from './mention-meaning.resolver';
import { wordCount } from './phrase-distance';
import type { Guess } from './question-slots';

/**
 * "flights departing from Aberdeen", "fly from A to B": a value that could be in a column of either
 * end of a movement (source_airport.city, dest_airport.city) takes the end the nearest movement word
 * before it names. Movement verbs are read where the view has such columns; elsewhere they stay
 * words the reading cannot place.
 */
export function readDirections(text: string, read: ResolvedMention[], view: CatalogView, used: TextSpan[], guesses: Guess[]): void {
  if (!view.columns.some((c) => directionOfName(c.name))) return;
  const words = findDirectionWords(text);
  for (const [i, g] of read.entries()) {
    if (g.meaning.type !== 'value' || !g.meaning.others) continue;
    const word = [...words].reverse().find((w) => w.end <= g.start && wordCount(text.slice(w.end, g.start)) <= 5);
    const candidates = [g.meaning.column, ...g.meaning.others];
    const pick = word && candidates.find((c) => directionOfName(c) === word.direction);
    if (!pick) continue;
    g.meaning = { ...g.meaning, column: pick, others: candidates.filter((c) => c !== pick) };
    const value = g.meaning.value;
    for (const guess of guesses.filter((x) => x.phrase === g.text)) {
      guess.chose = `${pick} = ${value}`;
      guess.alternatives = candidates.filter((c) => c !== pick).map((c) => `${c} = ${value}`);
    }
    // "from City Aberdeen": the column named right before the value is the value's label.
    const label = read[i - 1];
    if (label?.meaning.type === 'dimension' && sameColumnName(label.meaning.column, pick) && /^[\s"'“”‘’]*(?:the\s+|of\s+)?[\s"'“”‘’]*$/.test(text.slice(label.end, g.start))) {
      label.meaning = { type: 'dimension', column: pick };
      guesses.splice(0, guesses.length, ...guesses.filter((x) => x.phrase !== label.text));
    }
  }
  used.push(...words.filter((w) => !w.preposition));
}

/** dest_airport.city and source_airport.city: the same column reached along two paths. */
function sameColumnName(a: string, b: string): boolean {
  return a.split('.').pop() === b.split('.').pop();
}
