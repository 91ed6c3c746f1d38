import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { ChatbiError } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import type { RenderModel } from './render-model.builder';

type Template = Handlebars.TemplateDelegate<RenderModel>;

/**
 * One dialect's templates, read from files a DBA can edit: aggregate.hbs, compare.hbs and the
 * partials they use. Rendering binds every value through the param helper.
 */
export class TemplateSet {
  private readonly templates: Record<RenderModel['shape'], Template>;
  private readonly handlebars = Handlebars.create();

  constructor(
    readonly dialect: SqlDialectRules,
    dir: string,
  ) {
    const folder = join(dir, dialect.name);
    if (!existsSync(folder)) throw new ChatbiError('INTERNAL', `no SQL templates for ${dialect.name} in ${folder}`);
    const files = readdirSync(folder).filter((f) => f.endsWith('.hbs'));
    for (const f of files) {
      const name = f.slice(0, -4);
      if (name !== 'aggregate' && name !== 'compare') {
        this.handlebars.registerPartial(name, readFileSync(join(folder, f), 'utf8'));
      }
    }
    const compile = (name: string): Template =>
      this.handlebars.compile<RenderModel>(readFileSync(join(folder, `${name}.hbs`), 'utf8'), {
        noEscape: true,
        strict: true,
        knownHelpersOnly: false,
      });
    this.templates = { aggregate: compile('aggregate'), compare: compile('compare') };
    this.handlebars.registerHelper({
      eq: (a: unknown, b: unknown) => a === b,
      or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
      and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
      at: (list: unknown[], i: number) => list[i],
      concat: (...args: unknown[]) => args.slice(0, -1).join(''),
      dateParam: (value: string, options: Handlebars.HelperOptions) => dialect.dateParam(bind(value, options)),
      param: (value: unknown, options: Handlebars.HelperOptions) => bind(value, options),
      nullSafeEquals: (left: string, right: string) => dialect.nullSafeEquals(left, right),
    });
  }

  render(model: RenderModel): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    const text = this.templates[model.shape](model, { data: { params, placeholder: this.dialect.placeholder } });
    return { text: tidy(text), params };
  }
}

interface RenderData {
  params: unknown[];
  placeholder: (index: number) => string;
}

function bind(value: unknown, options: Handlebars.HelperOptions): string {
  const data = options.data as RenderData;
  data.params.push(value);
  return data.placeholder(data.params.length);
}

function tidy(sql: string): string {
  return sql
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim().length > 0)
    .join('\n');
}
