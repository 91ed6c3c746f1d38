import type { Aliases, VirtualColumnDefinition } from '../catalog-file.schema';
import { expandedWords, nameWords, plural, singular, withLastWord } from './name-words';

const CJK = /[\u3400-\u9fff]/;

/**
 * English aliases from a warehouse name: its words ("Net_Worth_Millions" -> net worth millions),
 * the same with abbreviations written out ("FlightNo" -> flight number), and the last word's other
 * number (flight numbers). A name in Chinese becomes a Chinese alias as it is.
 */
export function nameAliases(physical: string): Aliases {
  const words = nameWords(physical);
  const expanded = expandedWords(words);
  const bare = withoutUnit(expanded);
  const en = unique([
    words.join(' '), expanded.join(' '), withLastWord(expanded, plural), withLastWord(expanded, singular),
    ...(bare ? [bare.join(' '), withLastWord(bare, plural)] : []),
  ]);
  return { en, zh: CJK.test(physical) ? [physical.trim()] : [] };
}

/** Units a column name carries that questions leave out: "the net worth" of Net_Worth_Millions, "height" of height_in_cm. */
const UNIT_WORDS = new Set([
  'millions', 'million', 'thousands', 'thousand', 'billions', 'billion', 'usd', 'eur', 'dollars', 'dollar', 'euros', 'euro', 'yuan',
  'km', 'kms', 'kilometers', 'kilometres', 'miles', 'm', 'meters', 'metres', 'cm', 'mm', 'feet', 'ft', 'inches', 'kg', 'kgs', 'g', 'lbs', 'pounds',
  'percent', 'pct', 'sec', 'secs', 'seconds', 'mins', 'minutes', 'hours', 'hrs', 'mph', 'kmh',
]);

/** The name's words without a trailing unit ("net worth millions" -> net worth; "height in cm" -> height), or undefined. */
function withoutUnit(words: readonly string[]): string[] | undefined {
  if (words.length < 2 || !UNIT_WORDS.has(words[words.length - 1])) return undefined;
  const rest = words.slice(0, -1);
  const trimmed = rest[rest.length - 1] === 'in' || rest[rest.length - 1] === 'per' ? rest.slice(0, -1) : rest;
  return trimmed.length > 0 && !(rest[rest.length - 1] === 'per') ? trimmed : undefined;
}

/** A view's aliases: what one row is and what many are ("airport", "airports"). */
export function viewAliases(physical: string): Aliases {
  const words = expandedWords(nameWords(physical));
  return { en: unique([withLastWord(words, singular), withLastWord(words, plural)]), zh: CJK.test(physical) ? [physical.trim()] : [] };
}

/** One row and many rows of the view in words: ["airport", "airports"], ["flight record", "flight records"]. */
export function rowNouns(viewKey: string): { one: string; many: string } {
  const words = viewKey.split('_').filter(Boolean);
  return { one: withLastWord(words, singular), many: withLastWord(words, plural) };
}

/**
 * The row count every drafted view gets: `<singular>_count`, count(*), named the ways questions
 * ask for it ("how many airports", "number of airports", "airport count").
 */
export function countColumn(viewKey: string, taken: (key: string) => boolean): VirtualColumnDefinition {
  const { one, many } = rowNouns(viewKey);
  const base = `${one.replace(/ /g, '_')}_count`.slice(0, 63);
  const key = [base, `${viewKey}_row_count`.slice(0, 63), 'row_count'].find((k) => !taken(k)) ?? `${base.slice(0, 55)}_rows`;
  return {
    key,
    expr: 'count(*)',
    role: 'metric',
    type: 'integer',
    description: `Number of ${many} (rows of the view)`,
    aliases: {
      en: unique([`number of ${many}`, `${one} count`, `${many} count`, `count of ${many}`, `how many ${many}`, `total number of ${many}`]),
      zh: [],
    },
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 100))];
}
