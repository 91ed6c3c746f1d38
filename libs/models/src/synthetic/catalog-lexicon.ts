import type { Catalog, CatalogColumn } from '@chatbi/catalog';
import { termKey, termVariants } from '@chatbi/language';

export type Language = 'en' | 'zh';

/** Ways a question may name one thing, per language. */
export interface Surfaces {
  en: string[];
  zh: string[];
}

export interface LexiconValue {
  value: string | number;
  forms: Surfaces;
}

export interface LexiconColumn {
  column: string;
  forms: Surfaces;
  values: LexiconValue[];
}

/** What the generator may say about one view: its metrics, group-by dimensions and filter values. */
export interface ViewLexicon {
  view: string;
  width: number;
  metrics: LexiconColumn[];
  dimensions: LexiconColumn[];
  /** Dimensions with enum values, for filters. */
  valued: LexiconColumn[];
  hasTime: boolean;
}

/** One slot of a generated question and the catalog role it stands for. */
export interface SlotMention {
  role: 'metric' | 'dimension' | 'value';
  form: string;
}

/**
 * The catalog's vocabulary arranged for question generation, and the single-view rule applied to
 * what a generated question names: the views that hold every mentioned metric, dimension and value
 * (by the same surface form, in the same role), the one with the fewest columns first.
 */
export class CatalogLexicon {
  readonly views: ViewLexicon[];
  private readonly formsByView = new Map<string, { metric: Set<string>; dimension: Set<string>; value: Set<string> }>();

  constructor(readonly catalog: Catalog) {
    this.views = catalog.views.map((v) => {
      const metrics = v.columns.filter((c) => c.role === 'metric').map((c) => lexiconColumn(c));
      const dimensions = v.columns.filter((c) => c.role === 'dimension').map((c) => lexiconColumn(c));
      return {
        view: v.name,
        width: v.columns.length,
        metrics: metrics.filter((m) => m.forms.en.length + m.forms.zh.length > 0),
        dimensions: dimensions.filter((d) => d.forms.en.length + d.forms.zh.length > 0),
        valued: dimensions.filter((d) => d.values.length > 0),
        hasTime: v.columns.some((c) => c.role === 'time'),
      };
    });
    for (const lex of this.views) {
      const keys = (cols: LexiconColumn[]) => new Set(cols.flatMap((c) => [...c.forms.en, ...c.forms.zh]).flatMap(keyVariants));
      this.formsByView.set(lex.view, {
        metric: keys(lex.metrics),
        dimension: keys(lex.dimensions),
        value: new Set(lex.valued.flatMap((d) => d.values.flatMap((v) => [...v.forms.en, ...v.forms.zh])).flatMap(keyVariants)),
      });
    }
  }

  /** Views holding everything the slots name, fewest columns first, then by name. */
  coveringViews(slots: readonly SlotMention[]): string[] {
    return this.views
      .filter((lex) => {
        const forms = this.formsByView.get(lex.view)!;
        return slots.every((s) => forms[s.role].has(termKey(s.form)));
      })
      .sort((a, b) => a.width - b.width || a.view.localeCompare(b.view))
      .map((lex) => lex.view);
  }
}

function lexiconColumn(c: CatalogColumn): LexiconColumn {
  return {
    column: c.name,
    // Questions may name a column by its key (schema linking reads keys as terms): forms of last resort.
    forms: surfaces(c.aliases.en.length + c.aliases.zh.length > 0 ? c.aliases.en : [c.name.replace(/_/g, ' ')], c.aliases.zh),
    // A value with neither label nor aliases (a drafted catalog's) is named by the value itself.
    values: c.values
      .map((v) => ({
        value: v.value,
        forms: surfaces(
          [...(v.label ? [v.label] : []), ...v.aliases.en, ...(!v.label && v.aliases.en.length === 0 && typeof v.value === 'string' ? [v.value] : [])],
          v.aliases.zh.length > 0 ? v.aliases.zh : v.label ? [v.label] : [],
        ),
      }))
      .filter((v) => v.forms.en.length + v.forms.zh.length > 0),
  };
}

function surfaces(en: readonly string[], zh: readonly string[]): Surfaces {
  const usable = (s: string) => s.trim().length > 0 && !/^\d+$/.test(s.trim());
  return { en: [...new Set(en.filter(usable))], zh: [...new Set(zh.filter(usable))] };
}

function keyVariants(form: string): string[] {
  return termVariants(termKey(form));
}
