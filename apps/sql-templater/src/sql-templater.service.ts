import { Inject, Injectable } from '@nestjs/common';
import type { Catalog } from '@chatbi/catalog';
import { planSchema, type Plan, type RenderedSql } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { fieldPath, planFieldError } from './plan-field.error';
import type { RenderModel } from './render-model';
import { buildRenderModel } from './render-model.builder';
import { TemplateSet } from './template-set';

export interface SqlTemplaterOptions {
  dialect: SqlDialectRules;
  templatesDir: string;
}

export const SQL_TEMPLATER_OPTIONS = Symbol('SQL_TEMPLATER_OPTIONS');

export interface RenderResult {
  sql: RenderedSql;
  model: RenderModel;
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

  /** Checks the plan against the plan schema and the catalog, then renders it; errors name the plan field. */
  render(plan: Plan, catalog: Catalog, today: string): RenderResult {
    const parsed = planSchema.safeParse(plan);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw planFieldError('PLAN_INVALID', fieldPath(issue.path) || 'plan', issue.message);
    }
    const model = buildRenderModel(parsed.data, catalog, this.options.dialect, today);
    const { text, params } = this.templates.render(model);
    return { sql: { dialect: this.options.dialect.name, text, params }, model };
  }
}
