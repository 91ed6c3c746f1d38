import { getNumberFormatter, NumberFormats } from '@superset-ui/core';
import type { ResultColumn } from '../api/answerTypes';

const integer = getNumberFormatter(',d');
const decimal = getNumberFormatter(',.4~f');
const smart = getNumberFormatter(NumberFormats.SMART_NUMBER);
const signedPercent = getNumberFormatter(NumberFormats.PERCENT_SIGNED_1_POINT);
const signedNumber = getNumberFormatter('+,.4~f');

/** A table cell: integers with thousands separators, ratios of comparisons as signed percentages. */
export function formatCell(value: unknown, column: ResultColumn): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number' || (typeof value === 'string' && column.role !== 'dimension' && column.role !== 'time' && value.trim() !== '' && Number.isFinite(Number(value)))) {
    const n = Number(value);
    if (column.role === 'comparison') return column.name.endsWith('_diff') ? signedNumber(n) : signedPercent(n);
    return Number.isInteger(n) ? integer(n) : decimal(n);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Axis labels and the big number: 12.3k, 1.2M. */
export function formatCompact(value: number): string {
  return smart(value);
}

/** The big number itself: exact below a million, compact above. */
export function formatBig(value: number): string {
  return Math.abs(value) < 1_000_000 ? (Number.isInteger(value) ? integer(value) : decimal(value)) : smart(value);
}

export function formatDelta(value: number, output: 'ratio' | 'diff'): string {
  return output === 'ratio' ? signedPercent(value) : signedNumber(value);
}
