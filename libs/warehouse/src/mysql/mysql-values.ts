import type { FieldPacket } from 'mysql2';
import { ChatbiError } from '@chatbi/contracts';
import { timestampToIso } from '../postgres/postgres-values';

const TYPE_NAMES: Record<number, string> = {
  0x00: 'DECIMAL',
  0x01: 'TINYINT',
  0x02: 'SMALLINT',
  0x03: 'INT',
  0x04: 'FLOAT',
  0x05: 'DOUBLE',
  0x06: 'NULL',
  0x07: 'TIMESTAMP',
  0x08: 'BIGINT',
  0x09: 'MEDIUMINT',
  0x0a: 'DATE',
  0x0b: 'TIME',
  0x0c: 'DATETIME',
  0x0d: 'YEAR',
  0x0f: 'VARCHAR',
  0x10: 'BIT',
  0xf5: 'JSON',
  0xf6: 'DECIMAL',
  0xf7: 'ENUM',
  0xf8: 'SET',
  0xf9: 'TINYTEXT',
  0xfa: 'MEDIUMTEXT',
  0xfb: 'LONGTEXT',
  0xfc: 'TEXT',
  0xfd: 'VARCHAR',
  0xfe: 'CHAR',
  0xff: 'GEOMETRY',
};

function isBoolean(field: FieldPacket): boolean {
  return field.columnType === 0x01 && field.columnLength === 1;
}

export function mysqlTypeName(field: FieldPacket): string {
  if (isBoolean(field)) return 'BOOLEAN';
  return TYPE_NAMES[field.columnType ?? -1] ?? `type ${field.columnType}`;
}

/**
 * Per column, how a value read with dateStrings, decimalNumbers and supportBigNumbers becomes what
 * the other warehouses give: TINYINT(1) a boolean, DATETIME and TIMESTAMP ISO strings in UTC.
 */
export function mysqlValueConverter(field: FieldPacket): (value: unknown) => unknown {
  if (isBoolean(field)) return (v) => (v === null || v === undefined ? null : Number(v) !== 0);
  if (field.columnType === 0x07 || field.columnType === 0x0c) return (v) => (typeof v === 'string' ? timestampToIso(v) : v);
  return (v) => v;
}

/** Parameters as mysql2's execute() sends them; lists and objects are refused, bigints go as text. */
export function toMySqlParam(param: unknown, position: number): unknown {
  if (param === undefined || param === null) return null;
  if (typeof param === 'bigint') return param.toString();
  if (param instanceof Date) {
    if (Number.isNaN(param.getTime())) throw unsupported(position, 'an invalid Date');
    return param;
  }
  if (Array.isArray(param)) throw unsupported(position, 'a list (write one ? per value)');
  if (typeof param === 'object') throw unsupported(position, 'an object');
  if (typeof param === 'function' || typeof param === 'symbol') throw unsupported(position, `a ${typeof param}`);
  if (typeof param === 'number' && !Number.isFinite(param)) throw unsupported(position, `${param}`);
  return param;
}

function unsupported(position: number, what: string): ChatbiError {
  return new ChatbiError('QUERY_FAILED', `parameter ${position} is ${what}; use a string, number, bigint, boolean, Date or null`);
}
