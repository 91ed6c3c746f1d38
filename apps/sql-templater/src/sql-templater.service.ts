import { Inject, Injectable } from '@nestjs/common';
import type { Catalog } from '@chatbi/catalog';
import type { Plan, RenderedSql } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { buildRenderModel, type RenderModel } from './render-model.builder';
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

  render(plan: Plan, catalog: Catalog, today: string): RenderResult {
    const model = buildRenderModel(plan, catalog, this.options.dialect, today);
    const { text, params } = this.templates.render(model);
    return { sql: { dialect: this.options.dialect.name, text, params }, model };
  }
}
