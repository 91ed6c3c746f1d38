import { IDENTIFIER_PATTERN } from '@chatbi/contracts';
import { nameWords } from './name-words';

const MAX_KEY = 63;

/**
 * The catalog key for a warehouse name: snake_case words of the name ("NetWorth Millions" ->
 * net_worth_millions, "Größe" -> grosse), never starting with a digit; a name with no Latin letters
 * or digits at all (名称) gets the fallback (column_3). Keys are lower-case identifiers whatever the
 * warehouse spells, which is why a drafted column keeps its warehouse name in `source:`.
 */
export function catalogKey(physical: string, fallback: string): string {
  let key = nameWords(physical).join('_');
  if (key === '') return fallback;
  if (/^\d/.test(key)) key = `n_${key}`;
  key = key.slice(0, MAX_KEY).replace(/_+$/, '');
  return IDENTIFIER_PATTERN.test(key) ? key : fallback;
}

/** Hands out keys unique within one scope (the views of a catalog, the columns of a view). */
export class UniqueKeys {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const key of reserved) this.taken.add(key);
  }

  has(key: string): boolean {
    return this.taken.has(key);
  }

  /** The key itself when free, else key_2, key_3 ... */
  claim(key: string): string {
    let unique = key;
    for (let n = 2; this.taken.has(unique); n++) unique = `${key.slice(0, MAX_KEY - String(n).length - 1)}_${n}`;
    this.taken.add(unique);
    return unique;
  }
}
