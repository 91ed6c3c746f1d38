import type { Catalog } from '@chatbi/catalog';
import type { Plan, SemanticRowsQuery } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';
import type { RenderModel, RowKeys } from './render-model';

/** Output names of the rows query; `__` keeps them apart from catalog names. */
export const ROW_KEY_OUTPUT = '__row_key';
export const textOutput = (i: number) => `__text_${i}`;

/**
 * The rows a plan's semantic operators judge: the plan's own scan (time window, column filters)
 * reading the view's row key and each operator's text column instead of aggregating.
 */
export function buildSemanticRowsModel(
  plan: Plan,
  aggregate: RenderModel,
  catalog: Catalog,
  dialect: SqlDialectRules,
): { model: RenderModel; query: SemanticRowsQuery } {
  const view = catalog.view(plan.view)!;
  const operators = plan.semantic ?? [];
  if (plan.compare.length > 0) {
    throw planFieldError('PLAN_INVALID', 'compare', 'period comparisons cannot be combined with semantic operators yet; ask for the periods one at a time');
  }
  if (!view.rowKey) throw planFieldError('PLAN_INVALID', 'semantic[0]', `${view.name} declares no row_key in the catalog, so its rows cannot be judged one by one`);
  const columns: string[] = [];
  const textColumns = operators.map((s, i) => {
    const column = catalog.column(view.name, s.column);
    if (!column) throw planFieldError('UNKNOWN_COLUMN', `semantic[${i}].column`, `view ${view.name} has no column ${s.column}`);
    if (column.role !== 'text' || column.kind !== 'physical') {
      throw planFieldError('PLAN_INVALID', `semantic[${i}].column`, `${s.column} is a ${column.role}; a semantic operator reads a text column`);
    }
    if (!columns.includes(column.name)) columns.push(column.name);
    return textOutput(columns.indexOf(column.name));
  });
  const model: RenderModel = {
    ...aggregate,
    shape: 'rows',
    rowKey: { expr: dialect.quote(catalog.column(view.name, view.rowKey)?.source ?? view.rowKey), alias: dialect.quote(ROW_KEY_OUTPUT) },
    texts: columns.map((c, i) => ({ expr: dialect.quote(catalog.column(view.name, c)!.source), alias: dialect.quote(textOutput(i)) })),
    outputColumns: [],
  };
  return { model, query: { keyColumn: ROW_KEY_OUTPUT, textColumns } };
}

/** The plan's aggregate over only the rows whose keys are given (bound, never written into the SQL). */
export function restrictToRowKeys(aggregate: RenderModel, plan: Plan, catalog: Catalog, dialect: SqlDialectRules, keys: readonly string[]): RenderModel {
  const view = catalog.view(plan.view)!;
  const key = view.rowKey ? catalog.column(view.name, view.rowKey) : undefined;
  if (!key) throw planFieldError('PLAN_INVALID', 'semantic[0]', `${view.name} declares no row_key in the catalog`);
  const type: RowKeys['type'] = key.type === 'integer' ? 'number' : 'string';
  return { ...aggregate, rowKeys: { expr: dialect.quote(key.source), values: [...keys], type } };
}
