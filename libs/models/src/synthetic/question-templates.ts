import type { Language } from './catalog-lexicon';

/**
 * Question shapes with slots: {m} and {m2} metrics, {d} a dimension to group by, {v} and {v2}
 * values of one dimension, {t} a time range, {g} a grain, {c} a period comparison, {n} a count.
 * Whether a filled template is complete (label 1) follows from its slots alone: a metric, and a
 * dimension, value, time range, grain or comparison (paper §4.1). Dropping the metric or the
 * dimension from complete shapes gives the follow-ups (label 0).
 */
export interface QuestionTemplate {
  lang: Language;
  text: string;
  /** Openers ("show me", 帮我看下) and closers may wrap it. */
  framed: boolean;
}

const en = (text: string, framed = true): QuestionTemplate => ({ lang: 'en', text, framed });
const zh = (text: string, framed = true): QuestionTemplate => ({ lang: 'zh', text, framed });

export const COMPLETE_TEMPLATES: readonly QuestionTemplate[] = [
  en('{m} {t}'),
  en('{m} of {v} {t}'),
  en('{m} for {v} {t}'),
  en('{m} in {v} {t}'),
  en('{t} {m} of {v}'),
  en('{v} {m} {t}'),
  en('{m} by {d} {t}'),
  en('{m} per {d} {t}'),
  en('{m} by {d} for {v}'),
  en('{t} {m} by {d}'),
  en('{m} and {m2} {t}'),
  en('{m} and {m2} of {v} {t}'),
  en('top {n} {d} by {m} {t}'),
  en('{d} with the highest {m} {t}'),
  en('{m} {t} {c}'),
  en('{m} of {v} {t} with {c}'),
  en('{m} {c}'),
  en('{m} of {v} {c}'),
  en('{m} {g}'),
  en('{g} {m} of {v}'),
  en('{m} trend {t}'),
  en('{m} of {v} vs {v2} {t}'),
  en('{m} of {v}'),
  en('{m} by {d}'),
  en('how many {m} {t}'),
  en('how many {m} did {v} have {t}'),
  en('{m} broken down by {d} {t}'),
  en('{m} among {v} {t}'),
  en('the {n} lowest {d} by {m} {t}'),
  en('{m} split by {d} and {v}'),
  en('what about {m} {t}?', false),
  en('and {m} of {v}?', false),
  en('how about {m} by {d}', false),
  en('what about {m} in {v} {t}', false),
  zh('{t}{m}'),
  zh('{t}{v}的{m}'),
  zh('{t}{v}{m}'),
  zh('{v}{t}的{m}'),
  zh('{t}各{d}的{m}'),
  zh('{t}分{d}的{m}'),
  zh('{t}按{d}看{m}'),
  zh('{t}{m}按{d}分'),
  zh('{t}{v}的{m}和{m2}'),
  zh('{t}{m}最高的{n}个{d}'),
  zh('{t}{m}前{n}的{d}'),
  zh('{t}{v}{m}{c}'),
  zh('{t}{m}及{c}'),
  zh('{v}{m}的{c}'),
  zh('{g}{m}'),
  zh('{v}{g}的{m}'),
  zh('{t}{m}趋势'),
  zh('{v}和{v2}的{m}对比{t}'),
  zh('{v}的{m}'),
  zh('各{d}的{m}'),
  zh('{t}{v}有多少{m}'),
  zh('{t}{m}最低的{n}个{d}'),
  zh('{v}用户{t}的{m}'),
  zh('{t}{m}分{d}情况'),
  zh('那{v}的{m}呢', false),
  zh('{t}的{m}呢', false),
  zh('换成{t}{v}的{m}', false),
  zh('{v}{m}呢', false),
];

export const FOLLOW_UP_TEMPLATES: readonly QuestionTemplate[] = [
  en('what about {v}?', false),
  en('and {v}?', false),
  en('how about {v}', false),
  en('{v}?', false),
  en('for {v}', false),
  en('only {v}', false),
  en('just {v}', false),
  en('switch to {v}', false),
  en('same for {v}', false),
  en('what about {v} and {v2}', false),
  en('what about {t}?', false),
  en('how about {t}', false),
  en('and {t}?', false),
  en('{t}?', false),
  en('for {t} instead', false),
  en('change it to {t}', false),
  en('by {d}', false),
  en('by {d} instead', false),
  en('break it down by {d}', false),
  en('split by {d}', false),
  en('group by {d}', false),
  en('per {d}', false),
  en('{c}?', false),
  en('and {c}?', false),
  en('with {c}', false),
  en('add {c}', false),
  en('{v} {t}', false),
  en('what about {v} {t}', false),
  en('top {n}', false),
  en('top {n} {d}', false),
  en('{g}', false),
  en('{g} please', false),
  en('what about {m}?', false),
  en('and {m}?', false),
  en('how about {m}', false),
  en('{m}?', false),
  en('{m}', false),
  en('show {m} instead', false),
  en('switch to {m}', false),
  en('also {m}', false),
  en('and the {m}', false),
  zh('{v}呢', false),
  zh('那{v}呢', false),
  zh('{v}的呢', false),
  zh('换成{v}', false),
  zh('只看{v}', false),
  zh('{v}和{v2}呢', false),
  zh('看下{v}', false),
  zh('{t}呢', false),
  zh('那{t}呢', false),
  zh('换成{t}', false),
  zh('改成{t}', false),
  zh('{t}的呢', false),
  zh('按{d}拆分', false),
  zh('分{d}看看', false),
  zh('按{d}', false),
  zh('换成按{d}', false),
  zh('各{d}呢', false),
  zh('{c}呢', false),
  zh('加上{c}', false),
  zh('看下{c}', false),
  zh('{c}', false),
  zh('{v}{t}呢', false),
  zh('{t}{v}的呢', false),
  zh('前{n}呢', false),
  zh('前{n}名', false),
  zh('{g}看', false),
  zh('{m}呢', false),
  zh('那{m}呢', false),
  zh('换成{m}', false),
  zh('看看{m}', false),
  zh('{m}', false),
  zh('{m}怎么样', false),
  zh('再加上{m}', false),
];

const SLOT = /\{(m2?|d|v2?|t|g|c|n)\}/g;

export type Slot = 'm' | 'm2' | 'd' | 'v' | 'v2' | 't' | 'g' | 'c' | 'n';

export function slotsOf(template: QuestionTemplate): Set<Slot> {
  return new Set([...template.text.matchAll(SLOT)].map((m) => m[1] as Slot));
}

/** Equation 3 of the paper on a template's slots. */
export function isCompleteShape(slots: ReadonlySet<Slot>): boolean {
  const metric = slots.has('m');
  const dimension = slots.has('d') || slots.has('v') || slots.has('t') || slots.has('g') || slots.has('c');
  return metric && dimension;
}
