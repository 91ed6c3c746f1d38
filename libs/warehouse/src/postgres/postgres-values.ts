import { types as pgTypes } from 'pg';
import { ChatbiError } from '@chatbi/contracts';

/** Type OIDs of the built-in types a BI answer holds, and their names. */
const TYPE_NAMES: Record<number, string> = {
  16: 'BOOLEAN',
  17: 'BYTEA',
  18: 'CHAR',
  19: 'NAME',
  20: 'BIGINT',
  21: 'SMALLINT',
  23: 'INTEGER',
  25: 'TEXT',
  114: 'JSON',
  700: 'REAL',
  701: 'DOUBLE PRECISION',
  1042: 'CHAR',
  1043: 'VARCHAR',
  1082: 'DATE',
  1083: 'TIME',
  1114: 'TIMESTAMP',
  1184: 'TIMESTAMP WITH TIME ZONE',
  1186: 'INTERVAL',
  1700: 'NUMERIC',
  2950: 'UUID',
  3802: 'JSONB',
};

export function postgresTypeName(oid: number): string {
  return TYPE_NAMES[oid] ?? `oid ${oid}`;
}

/**
 * Values as the other warehouses give them (JSON-friendly): BIGINT a number when safe else a
 * string, NUMERIC a number, DATE 'YYYY-MM-DD', timestamps ISO strings in UTC.
 */
export const POSTGRES_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    switch (oid) {
      case 20:
        return (v) => {
          const n = Number(v);
          return Number.isSafeInteger(n) ? n : v;
        };
      case 1700:
        return (v) => (v === 'NaN' ? v : Number(v));
      case 1082:
        return (v) => v;
      case 1114:
        return (v) => timestampToIso(v);
      case 1184:
        return (v) => timestampToIso(v.replace(/[+-]00(:00)?$/, ''));
      default:
        return pgTypes.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
    }
  },
};

/** '2024-03-05 06:07:08.1234' -> '2024-03-05T06:07:08.123400Z' as DuckDB writes it (milliseconds, then microseconds when there are any). */
export function timestampToIso(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return text;
  const fraction = (m[3] ?? '').padEnd(6, '0');
  const shown = fraction.endsWith('000') ? fraction.slice(0, 3) : fraction;
  return `${m[1]}T${m[2]}.${shown}Z`;
}

/** Parameters as pg sends them; objects other than dates and lists are refused as DuckDbWarehouse refuses them. */
export function toPostgresParam(param: unknown, position: number): unknown {
  if (param === undefined || param === null) return null;
  if (typeof param === 'bigint') return param.toString();
  if (param instanceof Date) {
    if (Number.isNaN(param.getTime())) throw unsupported(position, 'an invalid Date');
    return param.toISOString();
  }
  if (Array.isArray(param)) return param.map((p) => toPostgresParam(p, position));
  if (typeof param === 'object') throw unsupported(position, 'an object');
  if (typeof param === 'function' || typeof param === 'symbol') throw unsupported(position, `a ${typeof param}`);
  return param;
}

function unsupported(position: number, what: string): ChatbiError {
  return new ChatbiError('QUERY_FAILED', `parameter $${position} is ${what}; use a string, number, bigint, boolean, Date, array or null`);
}
