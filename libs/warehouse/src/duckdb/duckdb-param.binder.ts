import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  HUGEINT,
  INTEGER,
  LIST,
  SQLNULL,
  TIMESTAMP,
  VARCHAR,
  listValue,
  timestampValue,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { ChatbiError } from '@chatbi/contracts';

interface TypedValue {
  value: DuckDBValue;
  type: DuckDBType;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Binds positional parameters ($1, $2, ...) through the engine. Types are chosen here rather than
 * by the library's guess, which would bind every whole number as a 32-bit INTEGER.
 */
export function bindParams(prepared: DuckDBPreparedStatement, params: readonly unknown[]): void {
  if (prepared.parameterCount !== params.length) {
    throw new ChatbiError(
      'QUERY_FAILED',
      `the statement has ${prepared.parameterCount} parameter(s) but ${params.length} value(s) were given`,
    );
  }
  params.forEach((param, i) => {
    const { value, type } = toTypedValue(param, i + 1);
    if (value === null) prepared.bindNull(i + 1);
    else prepared.bindValue(i + 1, value, type);
  });
}

function toTypedValue(param: unknown, position: number): TypedValue {
  if (param === null || param === undefined) return { value: null, type: SQLNULL };
  switch (typeof param) {
    case 'boolean':
      return { value: param, type: BOOLEAN };
    case 'string':
      return { value: param, type: VARCHAR };
    case 'number':
      if (Number.isInteger(param) && param >= INT32_MIN && param <= INT32_MAX) return { value: param, type: INTEGER };
      if (Number.isSafeInteger(param)) return { value: BigInt(param), type: BIGINT };
      return { value: param, type: DOUBLE };
    case 'bigint':
      return { value: param, type: param >= INT64_MIN && param <= INT64_MAX ? BIGINT : HUGEINT };
  }
  if (param instanceof Date) {
    if (Number.isNaN(param.getTime())) throw unsupported(position, 'an invalid Date');
    return { value: timestampValue(BigInt(param.getTime()) * 1000n), type: TIMESTAMP };
  }
  if (Array.isArray(param)) {
    const items = param.map((item) => toTypedValue(item, position));
    const element = items.find((item) => item.value !== null)?.type ?? VARCHAR;
    return { value: listValue(items.map((item) => item.value)), type: LIST(element) };
  }
  throw unsupported(position, typeof param === 'object' ? 'an object' : `a ${typeof param}`);
}

function unsupported(position: number, what: string): ChatbiError {
  return new ChatbiError('QUERY_FAILED', `parameter $${position} is ${what}; use a string, number, bigint, boolean, Date, array or null`);
}
