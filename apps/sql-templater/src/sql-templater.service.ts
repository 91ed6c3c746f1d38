import { Inject, Injectable } from '@nestjs/common';
import type { Catalog } from '@chatbi/catalog';
import { planSchema, type AttributeValue, type Plan, type RenderedSql, type SemanticRowsQuery } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { fieldPath, planFieldError } from './plan-field.error';
import type { RenderModel } from './render-model';
import { buildRenderModel } from './render-model.builder';
import { buildSemanticRowsModel, restrictToRowKeys } from './semantic-model.builder';
import { TemplateSet } from './template-set';

export interface SqlTemplaterOptions {
  dialect: SqlDialectRules;
  templatesDir: string;
}

type Attributes = Readonly<Record<string, AttributeValue>>;

export const SQL_TEMPLATER_OPTIONS = Symbol('SQL_TEMPLATER_OPTIONS');

export interface RenderResult {
  sql: RenderedSql;
  model: RenderModel;
  /** Plans with semantic operators: `sql` reads the rows they judge; renderOverRows gives the aggregate after. */
  semantic?: SemanticRowsQuery;
  /** A series: its metrics over the whole range, one row. */
  total?: RenderedSql;
}

/** Plan in, SQL out: validation and expansion in TypeScript, SQL shape in Handlebars files. */
@Injectable()
export class SqlTemplaterService {
  private readonly templates: TemplateSet;

  constructor(@Inject(SQL_TEMPLATER_OPTIONS) private readonly options: SqlTemplaterOptions) {
    this.templates = new TemplateSet(options.dialect, options.templatesDir);
  }

  get dialect(): SqlDialectRules {
    return this.options.dialect;
  }

  /**
   * Checks the plan against the plan schema and the catalog, then renders it; errors name the plan
   * field. `catalog` is the one the asking user sees (CatalogRegistry.for), `attributes` theirs.
   */
  render(plan: Plan, catalog: Catalog, today: string, attributes: Attributes = {}): RenderResult {
    const parsed = this.parse(plan);
    if (parsed.semantic?.length) {
      const aggregate = buildRenderModel(parsed, catalog, this.options.dialect, today, attributes);
      const { model, query } = buildSemanticRowsModel(parsed, aggregate, catalog, this.options.dialect);
      return { sql: this.sqlOf(model), model, semantic: query };
    }
    const model = buildRenderModel(parsed, catalog, this.options.dialect, today, attributes);
    const totalPlan = seriesTotalPlan(parsed);
    const total = totalPlan ? this.sqlOf(buildRenderModel(totalPlan, catalog, this.options.dialect, today, attributes)) : undefined;
    return { sql: this.sqlOf(model), model, ...(total ? { total } : {}) };
  }

  /** A semantic plan's aggregate over the rows its operators let through, named by their row keys. */
  renderOverRows(plan: Plan, catalog: Catalog, today: string, keys: readonly string[], attributes: Attributes = {}): RenderResult {
    const parsed = this.parse(plan);
    const aggregate = buildRenderModel(parsed, catalog, this.options.dialect, today, attributes);
    const model = restrictToRowKeys(aggregate, parsed, catalog, this.options.dialect, keys);
    return { sql: this.sqlOf(model), model };
  }

  private parse(plan: Plan): Plan {
    const parsed = planSchema.safeParse(plan);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw planFieldError('PLAN_INVALID', fieldPath(issue.path) || 'plan', issue.message);
    }
    return parsed.data;
  }

  private sqlOf(model: RenderModel): RenderedSql {
    const { text, params } = this.templates.render(model);
    return { dialect: this.options.dialect.name, text, params };
  }
}

/**
 * The plan of a series' total: the same metrics and filters over the whole range, without the
 * time buckets, groups, comparisons, order or limit. None for answers that are not a series.
 */
export function seriesTotalPlan(plan: Plan): Plan | undefined {
  if (!plan.time?.grain || plan.compare.length > 0 || plan.rows || plan.metrics.length === 0 || plan.having || plan.semantic?.length) return undefined;
  const { grain: _grain, ...time } = plan.time;
  return { ...plan, time, dimensions: [], metrics: plan.metrics.map(({ share: _share, ...m }) => m), order: [], limit: undefined };
}
