/**
 * Words from warehouse names, for catalog keys, aliases and descriptions: snake_case, camelCase,
 * PascalCase, spaces and hyphens all split into lower-case words ("NetWorth_Millions" -> net, worth,
 * millions; "HTTPStatus" -> http, status), with accents folded to ASCII where they fold.
 */
export function nameWords(name: string): string[] {
  return foldAccents(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** "Größe" -> "Grosse", "Café" -> "Cafe"; characters without an ASCII form stay as they are. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/œ/g, 'oe');
}

/** Common abbreviations in column names and the words a question uses for them. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  qty: 'quantity',
  amt: 'amount',
  num: 'number',
  no: 'number',
  nbr: 'number',
  cnt: 'count',
  dept: 'department',
  emp: 'employee',
  empl: 'employee',
  mgr: 'manager',
  addr: 'address',
  desc: 'description',
  dob: 'date of birth',
  avg: 'average',
  pct: 'percent',
  perc: 'percent',
  yr: 'year',
  yrs: 'years',
  cust: 'customer',
  prod: 'product',
  acct: 'account',
  txn: 'transaction',
  trans: 'transaction',
  qtr: 'quarter',
  tel: 'telephone',
  org: 'organization',
  dt: 'date',
  ts: 'timestamp',
  pos: 'position',
  temp: 'temperature',
  lat: 'latitude',
  lng: 'longitude',
  lon: 'longitude',
  cat: 'category',
  loc: 'location',
  msg: 'message',
  info: 'information',
  ref: 'reference',
  src: 'source',
  dest: 'destination',
  dst: 'destination',
  max: 'maximum',
  std: 'standard',
  abbr: 'abbreviation',
  abbrev: 'abbreviation',
  eng: 'engineering',
  hr: 'human resources',
  pop: 'population',
  sal: 'salary',
  stu: 'student',
  crs: 'course',
};

/** The words with abbreviations written out: [flight, no] -> [flight, number]. */
export function expandedWords(words: readonly string[]): string[] {
  return words.flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' '));
}

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  goose: 'geese',
  foot: 'feet',
  tooth: 'teeth',
  datum: 'data',
  criterion: 'criteria',
  analysis: 'analyses',
  staff: 'staff',
  series: 'series',
  species: 'species',
  information: 'information',
  news: 'news',
  equipment: 'equipment',
};
const IRREGULAR_SINGULARS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(IRREGULAR_PLURALS).map(([singular, plural]) => [plural, singular]),
);

/** "airlines" -> "airline", "countries" -> "country", "addresses" -> "address", "people" -> "person". */
export function singular(word: string): string {
  if (IRREGULAR_SINGULARS[word]) return IRREGULAR_SINGULARS[word];
  if (IRREGULAR_PLURALS[word] || word.length < 4 || /\d$/.test(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is|ics)$/.test(word)) return word;
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** "airline" -> "airlines", "country" -> "countries", "address" -> "addresses", "person" -> "people". */
export function plural(word: string): string {
  if (IRREGULAR_PLURALS[word]) return IRREGULAR_PLURALS[word];
  if (IRREGULAR_SINGULARS[word] || /\d$/.test(word)) return word;
  // Already plural: "sales", "millions", "countries".
  if (/[^su]s$/.test(word) && singular(word) !== word) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The phrase with its last word made singular or plural: "flight records" <-> "flight record". */
export function withLastWord(words: readonly string[], inflect: (word: string) => string): string {
  if (words.length === 0) return '';
  return [...words.slice(0, -1), inflect(words[words.length - 1])].join(' ');
}
