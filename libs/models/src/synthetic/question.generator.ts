import type { SeededRandom } from '../seeded-random';
import type { Language, LexiconColumn, SlotMention, Surfaces, ViewLexicon } from './catalog-lexicon';
import { CLOSERS, COMPARISON_PHRASES, GRAIN_PHRASES, OPENERS, RANK_COUNTS, TIME_PHRASES } from './phrase-banks';
import { slotsOf, type QuestionTemplate } from './question-templates';

export interface FilledQuestion {
  text: string;
  lang: Language;
  /** What the question names from the catalog, for the single-view label. */
  mentions: SlotMention[];
}

/**
 * Fills question templates with one view's vocabulary. Slots take a random surface form in the
 * template's language (English forms stand in where a column has no Chinese alias); framed
 * templates sometimes get an opener and a closer; a few English words get a typo, as users type.
 */
export class QuestionGenerator {
  constructor(private readonly random: SeededRandom) {}

  fill(template: QuestionTemplate, view: ViewLexicon): FilledQuestion | undefined {
    const r = this.random;
    const lang = template.lang;
    const slots = slotsOf(template);
    const mentions: SlotMention[] = [];
    const values: Record<string, string> = {};

    if (slots.has('m')) {
      if (view.metrics.length === 0) return undefined;
      const [first, second] = this.distinct(view.metrics, slots.has('m2') ? 2 : 1);
      if (!first || (slots.has('m2') && !second)) return undefined;
      values.m = this.form(first.forms, lang);
      mentions.push({ role: 'metric', form: values.m });
      if (second) {
        values.m2 = this.form(second.forms, lang);
        mentions.push({ role: 'metric', form: values.m2 });
      }
    }
    let valueColumn: LexiconColumn | undefined;
    if (slots.has('v')) {
      if (view.valued.length === 0) return undefined;
      valueColumn = r.pick(view.valued);
      const [a, b] = this.distinct(valueColumn.values, slots.has('v2') ? 2 : 1);
      if (!a || (slots.has('v2') && !b)) return undefined;
      values.v = this.form(a.forms, lang);
      mentions.push({ role: 'value', form: values.v });
      if (b) {
        values.v2 = this.form(b.forms, lang);
        mentions.push({ role: 'value', form: values.v2 });
      }
    }
    if (slots.has('d')) {
      const options = view.dimensions.filter((d) => d.column !== valueColumn?.column);
      if (options.length === 0) return undefined;
      values.d = this.form(r.pick(options).forms, lang);
      mentions.push({ role: 'dimension', form: values.d });
    }
    if (slots.has('t')) values.t = r.pick(TIME_PHRASES[lang]);
    if (slots.has('g')) values.g = r.pick(GRAIN_PHRASES[lang]);
    if (slots.has('c')) values.c = r.pick(COMPARISON_PHRASES[lang]);
    if (slots.has('n')) values.n = r.pick(RANK_COUNTS[lang]);
    if (!view.hasTime && (values.t || values.g || values.c)) return undefined;

    let text = template.text.replace(/\{(m2?|d|v2?|t|g|c|n)\}/g, (_, slot: string) => values[slot]);
    if (template.framed && r.chance(0.5)) text = this.frame(text, lang);
    text = lang === 'en' ? this.roughen(text) : text;
    return { text: tidy(text, lang), lang, mentions };
  }

  private form(forms: Surfaces, lang: Language): string {
    const list = forms[lang].length > 0 ? forms[lang] : forms[lang === 'en' ? 'zh' : 'en'];
    return this.random.pick(list);
  }

  private distinct<T>(items: readonly T[], n: number): T[] {
    if (items.length < n) return [];
    const first = this.random.pick(items);
    if (n === 1) return [first];
    const rest = items.filter((i) => i !== first);
    return [first, this.random.pick(rest)];
  }

  private frame(text: string, lang: Language): string {
    const opener = this.random.pick(OPENERS[lang]);
    const closer = this.random.pick(CLOSERS[lang]);
    return lang === 'en' ? `${opener} ${text}${closer}` : `${opener}${text}${closer}`;
  }

  /** Capitalises the first letter now and then and swaps two letters of a long word rarely. */
  private roughen(text: string): string {
    let out = text;
    if (this.random.chance(0.3)) out = out.replace(/^\s*([a-z])/, (m) => m.toUpperCase());
    if (this.random.chance(0.05)) {
      const words = out.split(' ');
      const long = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{6,}$/.test(w));
      if (long.length > 0) {
        const { w, i } = this.random.pick(long);
        const at = 1 + this.random.int(w.length - 3);
        words[i] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
        out = words.join(' ');
      }
    }
    return out;
  }
}

function tidy(text: string, lang: Language): string {
  const spaced = text.replace(/\s+/g, ' ').replace(/\s+([?？,])/g, '$1').trim();
  return lang === 'zh' ? spaced.replace(/([\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '$1') : spaced;
}
