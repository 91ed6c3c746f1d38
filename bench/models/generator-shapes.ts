import type { Catalog } from '@chatbi/catalog';
import {
  CLOSERS,
  COMPARISON_PHRASES,
  COMPLETE_TEMPLATES,
  FOLLOW_UP_TEMPLATES,
  GRAIN_PHRASES,
  OPENERS,
  RANK_COUNTS,
  SMALL_TALK,
  TIME_PHRASES,
  CatalogLexicon,
  type QuestionTemplate,
} from '@chatbi/models';

/**
 * Whether the question generator could produce a question at all, with any seed: each template
 * becomes a pattern whose slots accept every catalog form and phrase the generator draws from
 * (openers and closers included). A held-out question that matches one is not a phrasing the
 * generator lacks; the benchmark lists them.
 */
export class GeneratorShapes {
  private readonly patterns: { template: string; pattern: RegExp }[];
  private readonly smallTalk: Set<string>;

  constructor(catalog: Catalog) {
    const lexicon = new CatalogLexicon(catalog);
    const forms = (pick: (v: (typeof lexicon.views)[number]) => { forms: { en: string[]; zh: string[] } }[]) =>
      lexicon.views.flatMap((v) => pick(v).flatMap((c) => [...c.forms.en, ...c.forms.zh]));
    const vocabulary: Record<string, string[]> = {
      m: forms((v) => v.metrics),
      d: forms((v) => v.dimensions),
      v: forms((v) => v.valued.flatMap((d) => d.values)),
      t: [...TIME_PHRASES.en, ...TIME_PHRASES.zh],
      g: [...GRAIN_PHRASES.en, ...GRAIN_PHRASES.zh],
      c: [...COMPARISON_PHRASES.en, ...COMPARISON_PHRASES.zh],
      n: [...RANK_COUNTS.en, ...RANK_COUNTS.zh],
    };
    vocabulary.m2 = vocabulary.m;
    vocabulary.v2 = vocabulary.v;
    const alternation = (items: string[]) => `(?:${[...new Set(items.map(shapeKey))].sort((a, b) => b.length - a.length).map(escape).join('|')})`;
    const slot = Object.fromEntries(Object.entries(vocabulary).map(([k, items]) => [k, alternation(items)]));
    const openers = alternation([...OPENERS.en, ...OPENERS.zh].filter(Boolean));
    const closers = alternation([...CLOSERS.en, ...CLOSERS.zh].filter((c) => c.trim().length > 0));
    const toPattern = (t: QuestionTemplate) => {
      const body = t.text
        .split(/(\{(?:m2?|d|v2?|t|g|c|n)\})/)
        .map((part) => (/^\{.+\}$/.test(part) ? slot[part.slice(1, -1)] : escape(lighten(part))))
        .join('')
        .trim();
      const framed = t.framed ? `(?:${openers} ?)?${body}(?: ?${closers})?` : body;
      return { template: t.text, pattern: new RegExp(`^${framed}$`) };
    };
    this.patterns = [...COMPLETE_TEMPLATES, ...FOLLOW_UP_TEMPLATES].map(toPattern);
    this.smallTalk = new Set([...SMALL_TALK.en, ...SMALL_TALK.zh].map(shapeKey));
  }

  /** The template that could have produced the question, if any. */
  producedBy(question: string): string | undefined {
    const key = shapeKey(question);
    if (this.smallTalk.has(key)) return 'small talk';
    return this.patterns.find((p) => p.pattern.test(key))?.template;
  }
}

/** Lower case, no end punctuation, single spaces, none between Chinese characters. */
function shapeKey(text: string): string {
  return lighten(text).trim();
}

function lighten(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?？!！.。,，]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/([\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '$1');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
