import { isPlanYear, type FilterOperator, type FilterScalar, type PlanFilter } from '@chatbi/contracts';
import type { CatalogColumn } from '@chatbi/catalog';
import { planFieldError } from './plan-field.error';
import type { ValueType } from './render-model';

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?$/;

/** The kind of value a catalog column holds, as filters and templates see it. */
export function valueTypeOf(column: Pick<CatalogColumn, 'type'>): ValueType {
  switch (column.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
    case 'date':
    case 'timestamp':
    case 'string':
      return column.type;
  }
}

/**
 * Checks a filter's operator and values against the column it filters and turns the values into
 * the column's kind (the text "100" for a number column becomes 100), naming the plan field at fault.
 */
export function coerceFilterValues(filter: PlanFilter, type: ValueType, field: string, columnName: string): FilterScalar[] {
  const { op } = filter;
  checkOperator(op, type, `${field}.op`, columnName);
  const raw = filter.value;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const valueField = `${field}.value`;
  if (op === 'is null' || op === 'is not null') {
    if (raw !== undefined) throw planFieldError('PLAN_INVALID', valueField, `${op} takes no value`);
    return [];
  }
  if (op === 'in' || op === 'not in') {
    if (!Array.isArray(raw) || raw.length === 0) throw planFieldError('PLAN_INVALID', valueField, `${op} needs a non-empty list of values`);
  } else if (op === 'between') {
    if (!Array.isArray(raw) || raw.length !== 2) throw planFieldError('PLAN_INVALID', valueField, 'between needs a list of exactly two values');
  } else if (raw === undefined || Array.isArray(raw)) {
    throw planFieldError('PLAN_INVALID', valueField, `${op} needs a single value`);
  }
  return list.map((value, i) => coerce(value, type, Array.isArray(raw) ? `${valueField}[${i}]` : valueField, columnName));
}

function checkOperator(op: FilterOperator, type: ValueType, field: string, column: string): void {
  if (op === 'like' && type !== 'string') {
    throw planFieldError('PLAN_INVALID', field, `like matches text, and ${column} holds ${describe(type)}`);
  }
  if (type === 'boolean' && (op === '<' || op === '<=' || op === '>' || op === '>=' || op === 'between')) {
    throw planFieldError('PLAN_INVALID', field, `${column} is true or false; compare it with = or !=`);
  }
}

function coerce(value: unknown, type: ValueType, field: string, column: string): FilterScalar {
  const wrong = () =>
    planFieldError('PLAN_INVALID', field, `${JSON.stringify(clip(value))} does not fit ${column}, which holds ${describe(type)}`);
  switch (type) {
    case 'string':
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) throw planFieldError('PLAN_INVALID', field, 'is not well-formed Unicode text (it holds half of a surrogate pair)');
        return value;
      }
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'boolean') return String(value);
      throw wrong();
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) {
        const n = Number(value.trim());
        if (Number.isFinite(n)) return n;
      }
      throw wrong();
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      if (value === 1 || value === 0) return value === 1;
      throw wrong();
    case 'date':
      if (typeof value === 'string' && isCalendarDate(value)) return value;
      throw wrong();
    case 'timestamp': {
      const m = typeof value === 'string' ? TIMESTAMP_TEXT.exec(value.trim()) : null;
      if (!m || !isCalendarDate(m[1])) throw wrong();
      const [, day, h = '00', min = '00', s = '00', fraction = ''] = m;
      if (Number(h) > 23 || Number(min) > 59 || Number(s) > 59) throw wrong();
      return `${day} ${h}:${min}:${s}${fraction}`;
    }
  }
}

/** A calendar date of a year every engine holds (PLAN_YEARS). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_TEXT.exec(text);
  if (!m || !isPlanYear(Number(m[1]))) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function describe(type: ValueType): string {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'numbers';
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'dates (write YYYY-MM-DD)';
    case 'timestamp':
      return 'timestamps (write YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)';
  }
}

function clip(value: unknown): unknown {
  return typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}...` : value;
}
