import {
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBUnionValue,
  type DuckDBValue,
} from '@duckdb/node-api';

// Largest instant a JS Date can hold, in microseconds (8.64e15 ms).
const MAX_DATE_MICROS = 8_640_000_000_000_000_000n;

/**
 * Turns an engine value into plain JSON-friendly JS: DATE -> 'YYYY-MM-DD', timestamps -> ISO
 * strings (UTC), integers -> number when safe else string, DECIMAL -> number, nested values
 * recursively, anything else with a text form -> that text.
 */
export function toJsonFriendly(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return bigintToJs(value);
  if (value instanceof DuckDBDateValue) return dateToString(value);
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return microsToIso(value.micros, value.isFinite);
  }
  if (value instanceof DuckDBTimestampSecondsValue) return microsToIso(value.seconds * 1_000_000n, value.isFinite);
  if (value instanceof DuckDBTimestampMillisecondsValue) return microsToIso(value.millis * 1_000n, value.isFinite);
  if (value instanceof DuckDBTimestampNanosecondsValue) return microsToIso(value.nanos / 1_000n, value.isFinite);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJsonFriendly);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toJsonFriendly(v)]));
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((e) => ({ key: toJsonFriendly(e.key), value: toJsonFriendly(e.value) }));
  }
  if (value instanceof DuckDBUnionValue) return toJsonFriendly(value.value);
  // TIME, INTERVAL, UUID, BLOB, BIT...: the engine's own text form.
  return String(value);
}

function bigintToJs(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function dateToString(value: DuckDBDateValue): string {
  if (value.isFinite) return value.toString();
  return value.days > 0 ? 'infinity' : '-infinity';
}

function microsToIso(micros: bigint, finite: boolean): string {
  if (!finite) return micros > 0n ? 'infinity' : '-infinity';
  if (micros > MAX_DATE_MICROS || micros < -MAX_DATE_MICROS) return `${micros} microseconds since epoch`;
  // Floor division so that instants before 1970 keep a non-negative sub-millisecond part.
  let millis = micros / 1000n;
  let subMillis = micros % 1000n;
  if (subMillis < 0n) {
    millis -= 1n;
    subMillis += 1000n;
  }
  const iso = new Date(Number(millis)).toISOString();
  return subMillis === 0n ? iso : iso.replace(/Z$/, `${subMillis.toString().padStart(3, '0')}Z`);
}
