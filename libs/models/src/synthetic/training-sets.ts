import type { Catalog } from '@chatbi/catalog';
import { SeededRandom } from '../seeded-random';
import { CatalogLexicon, type Language } from './catalog-lexicon';
import { SMALL_TALK } from './phrase-banks';
import { COMPLETE_TEMPLATES, FOLLOW_UP_TEMPLATES, isCompleteShape, slotsOf, type QuestionTemplate } from './question-templates';
import { QuestionGenerator } from './question.generator';

export type Split = 'train' | 'validation';

export interface LabelledQuestion {
  text: string;
  label: number;
  lang: Language;
  split: Split;
  /** Added from the paraphrase cache rather than generated. */
  paraphrase?: boolean;
}

export interface TrainingSet {
  labels: string[];
  examples: LabelledQuestion[];
}

/** More phrasings of a generated question (from an LLM, cached in a file); they keep its label and split. */
export type Paraphrases = ReadonlyMap<string, readonly string[]>;

export interface TrainingSetOptions {
  seed: number;
  /** Questions generated per source view (view selection) or in all (completeness). */
  size: number;
  paraphrases?: Paraphrases;
}

/**
 * One template in five is kept out of training: the validation questions are phrased in shapes the
 * model has not seen, which makes the accuracy on them an honest estimate.
 */
export const VALIDATION_EVERY = 5;

const splitOf = (index: number): Split => (index % VALIDATION_EVERY === VALIDATION_EVERY - 1 ? 'validation' : 'train');

interface IndexedTemplate {
  template: QuestionTemplate;
  split: Split;
}

const index = (templates: readonly QuestionTemplate[]): IndexedTemplate[] => templates.map((template, i) => ({ template, split: splitOf(i) }));

/**
 * Questions for single view selection, labelled with the view that holds everything they name and
 * has the fewest columns (paper §4.2 and Figure 5): complete questions and metric-only follow-ups
 * from every view, the same number from each.
 */
export function viewSelectionSet(catalog: Catalog, options: TrainingSetOptions): TrainingSet {
  const lexicon = new CatalogLexicon(catalog);
  const random = new SeededRandom(options.seed).fork('view-selection');
  const generator = new QuestionGenerator(random);
  const labels = catalog.views.map((v) => v.name);
  const templates = index([...COMPLETE_TEMPLATES, ...FOLLOW_UP_TEMPLATES.filter((t) => slotsOf(t).has('m'))]);
  const out = new Deduplicated();
  for (const view of lexicon.views) {
    for (let made = 0, tries = 0; made < options.size && tries < options.size * 20; tries++) {
      const { template, split } = random.pick(templates);
      const filled = generator.fill(template, view);
      if (!filled) continue;
      const label = labels.indexOf(lexicon.coveringViews(filled.mentions)[0]);
      if (label < 0) continue;
      if (out.add({ text: filled.text, label, lang: filled.lang, split })) made++;
    }
  }
  return { labels, examples: withParaphrases(out.items, options.paraphrases) };
}

/**
 * Questions for multi-round dialogue matching: complete ones (label 1) and the same shapes with the
 * metric or the dimension dropped, plus small talk (label 0), half and half.
 */
export function completenessSet(catalog: Catalog, options: TrainingSetOptions): TrainingSet {
  const lexicon = new CatalogLexicon(catalog);
  const random = new SeededRandom(options.seed).fork('completeness');
  const generator = new QuestionGenerator(random);
  const complete = index(COMPLETE_TEMPLATES);
  const followUps = index(FOLLOW_UP_TEMPLATES);
  const smallTalk = (['en', 'zh'] as const).flatMap((lang) => SMALL_TALK[lang].map((text, i) => ({ text, lang, split: splitOf(i) })));
  const out = new Deduplicated();
  const wanted = [options.size - Math.floor(options.size / 2), Math.floor(options.size / 2)];
  const made = [0, 0];
  for (let tries = 0; made[0] + made[1] < options.size && tries < options.size * 20; tries++) {
    const label = made[1] < wanted[1] && (made[0] >= wanted[0] || random.chance(0.5)) ? 1 : 0;
    if (label === 0 && random.chance(0.12)) {
      const talk = random.pick(smallTalk);
      if (out.add({ text: talk.text, label: 0, lang: talk.lang, split: talk.split })) made[0]++;
      continue;
    }
    const { template, split } = random.pick(label === 1 ? complete : followUps);
    const filled = generator.fill(template, random.pick(lexicon.views));
    if (filled && out.add({ text: filled.text, label: isCompleteShape(slotsOf(template)) ? 1 : 0, lang: filled.lang, split })) made[label]++;
  }
  return { labels: ['follow-up', 'complete'], examples: withParaphrases(out.items, options.paraphrases) };
}

/** Keeps the first of identical questions, so that no text appears with two labels or in both splits. */
class Deduplicated {
  readonly items: LabelledQuestion[] = [];
  private readonly seen = new Set<string>();

  add(item: LabelledQuestion): boolean {
    const key = item.text.toLowerCase();
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.items.push(item);
    return true;
  }
}

function withParaphrases(items: LabelledQuestion[], paraphrases: Paraphrases | undefined): LabelledQuestion[] {
  if (!paraphrases || paraphrases.size === 0) return items;
  const out = new Deduplicated();
  for (const item of items) {
    out.add(item);
    for (const text of paraphrases.get(item.text) ?? []) out.add({ ...item, text, paraphrase: true });
  }
  return out.items;
}
