import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { ChatbiError } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import type { RenderModel } from './render-model';

type Template = Handlebars.TemplateDelegate<RenderModel>;

const MAIN_TEMPLATES: readonly RenderModel['shape'][] = ['aggregate', 'compare', 'list', 'rows'];
/** Main templates a dialect's folder may lack; a plan that needs one is then refused. */
const OPTIONAL_TEMPLATES: readonly RenderModel['shape'][] = ['list', 'rows'];

/**
 * One dialect's templates, read from files a DBA can edit: aggregate.hbs and compare.hbs, and
 * every other .hbs file of the folder as a partial of the same name. Values reach the SQL only
 * through the param helper, which binds them and writes the dialect's placeholder.
 */
export class TemplateSet {
  private readonly templates: Partial<Record<RenderModel['shape'], Template>>;
  private readonly handlebars = Handlebars.create();

  constructor(
    readonly dialect: SqlDialectRules,
    dir: string,
  ) {
    const folder = join(dir, dialect.name);
    if (!existsSync(folder)) throw new ChatbiError('INTERNAL', `no SQL templates for ${dialect.name} in ${folder}`);
    const files = new Set(readdirSync(folder).filter((f) => f.endsWith('.hbs')));
    for (const name of MAIN_TEMPLATES) {
      if (!files.has(`${name}.hbs`) && !OPTIONAL_TEMPLATES.includes(name)) throw new ChatbiError('INTERNAL', `the ${dialect.name} templates in ${folder} lack ${name}.hbs`);
    }
    // Tags alone on a line keep the line break (blank lines are dropped later), so a partial alone on a
    // line ends its line like any text.
    const compileOptions = { noEscape: true, strict: true, preventIndent: true, ignoreStandalone: true } as const;
    for (const file of files) {
      const name = file.slice(0, -4);
      if (!MAIN_TEMPLATES.includes(name as RenderModel['shape'])) {
        this.handlebars.registerPartial(name, this.handlebars.compile(partialSource(readFileSync(join(folder, file), 'utf8')), compileOptions));
      }
    }
    const compile = (name: string): Template =>
      this.handlebars.compile<RenderModel>(readFileSync(join(folder, `${name}.hbs`), 'utf8'), compileOptions);
    this.templates = { aggregate: compile('aggregate'), compare: compile('compare') };
    for (const name of OPTIONAL_TEMPLATES) if (files.has(`${name}.hbs`)) this.templates[name] = compile(name);
    this.handlebars.registerHelper(templateHelpers);
  }

  render(model: RenderModel): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    const data: RenderData = { params, placeholder: this.dialect.placeholder };
    const template = this.templates[model.shape];
    if (!template) throw new ChatbiError('PLAN_INVALID', `the ${this.dialect.name} templates have no ${model.shape}.hbs, so this plan cannot run on ${this.dialect.name}`);
    const text = template(model, { data });
    return { text: tidy(text), params };
  }
}

interface RenderData {
  params: unknown[];
  placeholder: (index: number) => string;
}

const templateHelpers: Record<string, Handlebars.HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  lte: (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a <= b,
  not: (a: unknown) => !a,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  at: (list: unknown[], i: number) => list[i],
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  /**
   * The named arguments as an object, to call a partial with a small context of its own:
   * {{> bucket (args grain=... expr=...)}}. (A partial given hash arguments instead copies the
   * whole calling context into a new one on every call, which is most of the render time.)
   */
  args: (options: Handlebars.HelperOptions) => options.hash as Record<string, unknown>,
  /** Binds a value and writes its placeholder. */
  param: (value: unknown, options: Handlebars.HelperOptions) => bind(value, options.data as RenderData),
  /** "1, 2, 3": one ordinal per true flag and per element of each list, for GROUP BY. */
  ordinals(...args: unknown[]) {
    let n = 0;
    for (const a of args.slice(0, -1)) n += Array.isArray(a) ? a.length : a ? 1 : 0;
    return Array.from({ length: n }, (_, i) => i + 1).join(', ');
  },
  /** The block's non-empty lines joined with commas: a select list whose items come and go. */
  list(options: Handlebars.HelperOptions) {
    return endLine(lines(options.fn(this)).join(',\n'));
  },
  /** The block's non-empty lines joined with AND, on one line: join conditions that come and go. */
  all(options: Handlebars.HelperOptions) {
    return endLine(
      lines(options.fn(this))
        .map((l) => l.trim())
        .join(' AND '),
    );
  },
};

/**
 * A partial's leading comment is not part of its text. A partial of one line is an expression
 * written inside a line, so its file's final line break is not part of it either; longer partials
 * are blocks of whole lines.
 */
function partialSource(text: string): string {
  const body = text.replace(/^\s*\{\{!--[\s\S]*?--\}\}[ \t]*\n/, '');
  return body.trimEnd().includes('\n') ? body : body.trimEnd();
}

function endLine(text: string): string {
  return text ? `${text}\n` : text;
}

function lines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const kept = line.trimEnd();
    if (kept.length > 0) out.push(kept);
  }
  return out;
}

/** Data frames of blocks and partials copy the root's fields, so params is the one list of the render. */
function bind(value: unknown, data: RenderData): string {
  data.params.push(value);
  return data.placeholder(data.params.length);
}

/** Trailing blanks and empty lines out: templates write a line for every {{#if}} they open. */
function tidy(sql: string): string {
  return sql.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n').replace(/^\n|\n$/g, '');
}
