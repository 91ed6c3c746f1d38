import { addDays, type DateSpan, type PlanFilter } from '@chatbi/contracts';
import { isCalendarDate } from './filter-value.coercer';
import { planFieldError } from './plan-field.error';

export interface IndexedFilter {
  filter: PlanFilter;
  index: number;
}

/**
 * With a period comparison, filters on the time column narrow the answer's calendar range (in
 * whole days), so that every previous period covers the same days one unit earlier. Only range
 * operators can do that; the result must be bounded on both sides.
 */
export function foldTimeFilters(span: DateSpan | null, filters: readonly IndexedFilter[]): DateSpan | null {
  let from = span?.from;
  let to = span?.to;
  for (const { filter, index } of filters) {
    const field = `filters[${index}]`;
    const values = (Array.isArray(filter.value) ? filter.value : [filter.value]).map((v, i) => {
      if (typeof v !== 'string' || !isCalendarDate(v)) {
        const at = Array.isArray(filter.value) ? `${field}.value[${i}]` : `${field}.value`;
        throw planFieldError('PLAN_INVALID', at, `${JSON.stringify(v)} is not a date written YYYY-MM-DD`);
      }
      return v;
    });
    const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
    const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);
    switch (filter.op) {
      case '=':
        from = later(from, values[0]);
        to = earlier(to, values[0]);
        break;
      case '>=':
        from = later(from, values[0]);
        break;
      case '>':
        from = later(from, addDays(values[0], 1));
        break;
      case '<=':
        to = earlier(to, values[0]);
        break;
      case '<':
        to = earlier(to, addDays(values[0], -1));
        break;
      case 'between':
        if (values.length !== 2) throw planFieldError('PLAN_INVALID', `${field}.value`, 'between needs a list of exactly two dates');
        from = later(from, values[0]);
        to = earlier(to, values[1]);
        break;
      default:
        throw planFieldError(
          'PLAN_INVALID',
          `${field}.op`,
          `with a period comparison the time column can only be narrowed with =, <, <=, >, >= or between; put the dates in time.range`,
        );
    }
    if (from !== undefined && to !== undefined && from > to) {
      throw planFieldError('PLAN_INVALID', field, 'leaves no days in the time range');
    }
  }
  return from !== undefined && to !== undefined ? { from, to } : null;
}
