import { hasSemanticText, reachableViews, type Catalog, type CatalogView } from '@chatbi/catalog';
import {
  AGGREGATIONS,
  COMPARE_OUTPUTS,
  COMPARISONS,
  FILTER_OPERATORS,
  GRAINS,
  PERIOD_UNITS,
  PER_AGGREGATIONS,
  PER_GRAINS,
} from '@chatbi/contracts';

export const PLAN_TOOL_NAME = 'submit_plan';

/** The plan tool in provider-neutral form: each client wraps it in its API's tool shape. */
export interface PlanTool {
  name: string;
  description: string;
  /** A JSON Schema (draft 2020-12 subset) of the tool's input. */
  parameters: Record<string, unknown>;
}

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const list = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
const object = (properties: Record<string, Schema>, required: string[] = [], description?: string): Schema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  ...(description ? { description } : {}),
});
const oneOf = (values: readonly (string | number)[]): Schema => ({ enum: [...values] });
const text = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });

/**
 * The plan tool for one view: the plan's JSON Schema written for a model rather than generated
 * from the zod source. Column keys are an enum of the view's columns and its related views'
 * (relationship.column), the view and its time column are constants, and parts a view cannot
 * use (semantic operators without text, exists without relationships, time without a time
 * column) are left out; every other field of the plan stays, so each plan shape can be produced.
 * Descriptions say only what the field names do not. The zod schema still validates the answer.
 */
export function planTool(view: CatalogView, catalog: Catalog): PlanTool {
  const related = reachableViews(view, catalog);
  const keys = (roles: string[]) => view.columns.filter((c) => roles.includes(c.role)).map((c) => c.name);
  const others = [...keys(['time', 'id', 'text']), ...related.flatMap((r) => r.view.columns.map((c) => `${r.name}.${c.name}`))];
  const columns = [
    { description: 'metrics', ...oneOf(keys(['metric'])) },
    { description: 'dimensions', ...oneOf(keys(['dimension'])) },
    ...(others.length > 0 ? [{ description: 'other', ...oneOf(others) }] : []),
  ];
  const time = view.columns.find((c) => c.role === 'time');
  const texts = view.columns.filter((c) => c.role === 'text').map((c) => c.name);
  const filters = list(ref('filter'));
  const properties: Record<string, Schema> = {
    view: { const: view.name },
    metrics: list(
      object(
        {
          column: ref('col'),
          agg: ref('fn'),
          where: filters,
          over: ref('agg'),
          scale: { type: 'number' },
          per: { ...object({ grain: oneOf(PER_GRAINS), agg: oneOf(PER_AGGREGATIONS) }), description: 'agg of the per-grain values: average daily, peak day' },
          as: text(),
          share: { type: 'boolean', description: 'add share of total' },
        },
        ['column'],
      ),
    ),
    dimensions: list(ref('col'), 'group by'),
    rows: object({ columns: list(ref('col')), distinct: { type: 'boolean' } }, [], 'list rows, not aggregates'),
    ...(time
      ? {
          time: object({
            column: { const: time.name },
            grain: oneOf(time.type === 'timestamp' ? GRAINS : GRAINS.filter((g) => g !== 'hour')),
            range: object(
              {
                kind: oneOf(['last', 'point', 'to_date', 'absolute']),
                n: { type: 'integer' },
                unit: oneOf(PERIOD_UNITS),
                offset: { type: 'integer' },
                from: text(),
                to: text(),
              },
              ['kind'],
              'last: n units to the latest day; point: the unit at offset (-1: yesterday, last week); to_date: this unit so far; absolute: from, to (YYYY-MM-DD)',
            ),
          }),
        }
      : {}),
    filters,
    ...(related.length > 0
      ? {
          exists: list(
            object({
              path: oneOf(related.map((r) => r.name)),
              where: list(object({ column: text('a key of the related view'), op: ref('op'), value: {} }, ['column', 'op'])),
              negate: { type: 'boolean' },
            }),
            'rows with (negate: without) related rows',
          ),
        }
      : {}),
    having: list(object({ metric: { anyOf: [text('a metric\'s output name'), ref('agg')] }, op: oneOf(['=', '!=', '<', '<=', '>', '>=']), value: { type: 'number' } })),
    compare: list(
      object({ kind: oneOf(COMPARISONS), output: { ...oneOf(COMPARE_OUTPUTS), description: 'ratio: growth (default); diff: cur - prev; previous: the prior value' } }),
      'vs the previous period (环比, 同比)',
    ),
    order: list(object({ by: text('an answer column'), dir: oneOf(['asc', 'desc']) })),
    limit: { type: 'integer' },
    ...(hasSemanticText(view)
      ? {
          semantic: list(
            object({ op: oneOf(['ai_filter', 'ai_classify']), column: oneOf(texts), instruction: text(), labels: list(text(), 'ai_classify'), as: text() }),
          ),
        }
      : {}),
  };
  return {
    name: PLAN_TOOL_NAME,
    description: 'Submit the plan for the question.',
    parameters: {
      type: 'object',
      properties,
      required: ['view'],
      $defs: {
        col: { anyOf: columns },
        fn: oneOf(AGGREGATIONS),
        op: oneOf(FILTER_OPERATORS),
        filter: object({ column: ref('col'), op: ref('op'), value: { description: 'a list for in, not in, between' } }, ['column', 'op']),
        agg: object({ column: ref('col'), agg: ref('fn'), where: filters }, ['column']),
      },
    },
  };
}
