import type { Aggregation } from '@chatbi/contracts';
import type { ColumnType } from '../catalog-file.schema';

/**
 * Guesses from a warehouse type name and the words of a column name (nameWords). These are
 * drafting heuristics: every guess lands in YAML that a DBA reviews, so they favour the common
 * naming habits of BI tables over completeness.
 */

/**
 * Maps an engine type name (DuckDB, PostgreSQL, MySQL/MariaDB or SQLite spelling) to a catalog
 * type; undefined when unsupported. SQLite accepts any declared type and reads it by affinity
 * (a name containing INT is an integer, CHAR/CLOB/TEXT a string, REAL/FLOA/DOUB a real), which
 * `affinity` applies to names the other rules do not know.
 */
export function catalogTypeOf(warehouseType: string, options: { affinity?: boolean } = {}): ColumnType | undefined {
  const t = warehouseType.trim().toUpperCase();
  if (/\[\]$|^(STRUCT|MAP|UNION|LIST|ARRAY|JSON|JSONB|BLOB|BYTEA|BINARY|VARBINARY|INTERVAL|TIME\b(?! ?STAMP))/.test(t)) return undefined;
  if (t === 'DATE') return 'date';
  if (/^(TIMESTAMP|DATETIME|SMALLDATETIME|DATETIME2)/.test(t)) return 'timestamp';
  if (/^(BOOL|BOOLEAN|TINYINT\(1\))$/.test(t)) return 'boolean';
  if (/^(TINYINT|SMALLINT|MEDIUMINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT[248]|SMALLSERIAL|SERIAL|BIGSERIAL|YEAR)\b/.test(t)) {
    return 'integer';
  }
  if (/^(DECIMAL|NUMERIC|NUMBER|REAL|FLOAT|FLOAT4|FLOAT8|DOUBLE|MONEY|SMALLMONEY)\b/.test(t)) return 'decimal';
  if (/^(VARCHAR|CHAR|CHARACTER|TEXT|STRING|BPCHAR|ENUM|SET|UUID|CITEXT|NVARCHAR|NCHAR|TINYTEXT|MEDIUMTEXT|LONGTEXT|CLOB|NAME)\b/.test(t)) return 'string';
  if (options.affinity) {
    if (/INT/.test(t)) return 'integer';
    if (/CHAR|CLOB|TEXT/.test(t)) return 'string';
    if (/REAL|FLOA|DOUB|NUM|DEC/.test(t)) return 'decimal';
    if (/DATE/.test(t)) return 'date';
  }
  return undefined;
}

const ID_WORDS = new Set(['id', 'uid', 'uuid', 'guid', 'pk', 'key', 'no', 'nbr', 'number', 'num']);
const COUNT_LEADS = new Set(['num', 'number', 'n', 'count', 'total', 'cnt', 'nb']);

/** Ids by name: id, uid, user_id, DeviceKey, FlightNo, order_number; not num_orders or number_of_seats. */
export function looksLikeId(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  if (words.length === 1) return ID_WORDS.has(words[0]) && words[0] !== 'number' && words[0] !== 'num';
  return ID_WORDS.has(words[words.length - 1]) && !COUNT_LEADS.has(words[0]);
}

const AVERAGED = new Set([
  'rate', 'ratio', 'pct', 'percent', 'percentage', 'share', 'avg', 'average', 'mean', 'median', 'price', 'age', 'rating', 'rank',
  'ranking', 'score', 'grade', 'gpa', 'year', 'yr', 'position', 'level', 'temperature', 'temp', 'lat', 'latitude', 'lng', 'lon',
  'longitude', 'elevation', 'altitude', 'height', 'weight', 'speed', 'stars', 'star', 'rpm', 'density', 'efficiency', 'probability',
]);
const SUMMED = new Set([
  'amount', 'amt', 'total', 'sum', 'count', 'cnt', 'qty', 'quantity', 'sales', 'revenue', 'cost', 'spend', 'spent', 'fee', 'fees',
  'profit', 'income', 'volume', 'units', 'visits', 'clicks', 'views', 'impressions', 'plays', 'minutes', 'seconds', 'hours', 'duration',
  'distance', 'goals', 'points', 'wins', 'losses', 'budget', 'population', 'capacity', 'attendance', 'enrollment', 'paid',
  'payment', 'payments', 'value', 'gmv', 'orders', 'downloads', 'installs', 'sessions', 'users', 'tickets', 'shares', 'likes',
]);

export interface AggregationGuess {
  agg: Aggregation;
  reason: string;
}

/**
 * The aggregation a question expects when it names the metric alone. By name first: counts
 * (num_x, total_x) add up; rates,
 * prices, ages, ratings, scores, ranks, positions and years average; amounts, counts,
 * quantities, sales, costs and durations add up. Otherwise by the table: facts (a table with
 * foreign keys or an event time) add up, entities (one row per key, no foreign keys) average,
 * as "the singers' net worth" means the average singer's.
 */
export function guessAggregation(words: readonly string[], table: { facts: boolean }): AggregationGuess {
  if (words.length > 1 && COUNT_LEADS.has(words[0])) return { agg: 'sum', reason: 'a count: added up' };
  const averaged = words.find((w) => AVERAGED.has(w));
  if (averaged) return { agg: 'avg', reason: `${averaged}: averaged` };
  const summed = words.find((w) => SUMMED.has(w));
  if (summed) return { agg: 'sum', reason: `${summed}: added up` };
  return table.facts
    ? { agg: 'sum', reason: 'a measure of a fact table: added up' }
    : { agg: 'avg', reason: 'an attribute of one row per entity: averaged' };
}

const PROSE_WORDS = new Set([
  'text', 'content', 'comment', 'comments', 'feedback', 'message', 'msg', 'description', 'desc', 'body', 'review', 'remark',
  'remarks', 'note', 'notes', 'summary', 'reason', 'details', 'detail', 'abstract', 'bio', 'biography', 'story', 'answer',
]);

/** Free text that a person reads rather than a category to group by. */
export function looksLikeProse(words: readonly string[]): boolean {
  return words.some((w) => PROSE_WORDS.has(w));
}

const LABEL_WORDS = new Set(['name', 'title', 'label']);

/** The column that names a row's entity (Name, AirportName, title). */
export function looksLikeLabel(words: readonly string[]): boolean {
  return words.length > 0 && LABEL_WORDS.has(words[words.length - 1]);
}

/** Event-time names, best first. */
const EVENT_NAMES = [
  'event day', 'event date', 'event time', 'date', 'dt', 'ds', 'day', 'stat date', 'report date', 'created at', 'created', 'create time',
  'created date', 'creation date', 'order date', 'ordered at', 'transaction date', 'sale date', 'purchase date', 'payment date', 'paid at',
  'occurred at', 'happened at', 'logged at', 'recorded at', 'submitted at', 'timestamp', 'ts', 'time', 'event timestamp',
];
/** Dates that describe a thing rather than when a row happened. */
const ATTRIBUTE_DATES = /\b(birth|birthday|born|dob|death|died|founded|foundation|established|built|opened|closed|expir\w*|expires|valid|due|deleted|updated|modified|hire|hired|end|launch\w*|release\w*|first|last|last seen|graduation|joined|since|until)\b/;

/**
 * Higher is a better event time (the time column of a view); undefined when the column is not
 * plausibly the moment a row happened: a birth date, a founding year, an update stamp or any date
 * whose name says nothing about events. Dates rank above timestamps at the same name.
 */
export function eventTimeScore(words: readonly string[], type: 'date' | 'timestamp'): number | undefined {
  const phrase = words.join(' ');
  if (ATTRIBUTE_DATES.test(phrase)) return undefined;
  const exact = EVENT_NAMES.indexOf(phrase);
  let score: number | undefined;
  if (exact >= 0) score = 100 - exact;
  else if (/^(event|order|transaction|sale|purchase|payment|visit|booking|call|trip|flight|match|game|play|log|activity|shipment|delivery)\b/.test(phrase) && /\b(date|day|time|at|on|ts)$/.test(phrase)) score = 60;
  else if (/\b(created|occurred|happened|logged|recorded|submitted|posted|sent|placed)\b/.test(phrase)) score = 50;
  else if (/\b(date|day|dt)$/.test(phrase)) score = 30;
  if (score === undefined) return undefined;
  return score + (type === 'date' ? 5 : 0);
}
