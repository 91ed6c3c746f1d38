import type { SchemaMention, TextSpan } from '@chatbi/language';
import type { Guess } from './question-slots';

/** All the mentions the linker found on one stretch of the question. */
export interface MentionGroup extends TextSpan {
  mentions: SchemaMention[];
}

export type MentionMeaning =
  | { type: 'metric'; column: string }
  | { type: 'value'; column: string; value: string | number | boolean; others?: string[] }
  | { type: 'dimension'; column: string }
  | { type: 'time' }
  | { type: 'other' };

export interface ResolvedMention extends MentionGroup {
  meaning: MentionMeaning;
  /** Right after "by", 按, "per" and the like. */
  afterMarker: boolean;
}

/** Mentions come in text order; those on the same stretch form one group. */
export function groupMentions(mentions: readonly SchemaMention[]): MentionGroup[] {
  const groups: MentionGroup[] = [];
  for (const m of mentions) {
    const last = groups[groups.length - 1];
    if (last && last.start === m.start && last.end === m.end) last.mentions.push(m);
    else groups.push({ start: m.start, end: m.end, text: m.text, mentions: [m] });
  }
  return groups;
}

/**
 * Decides what one stretch means in the view: after "by" a dimension, else a metric, else an enum
 * value, else a dimension. Where it could be several columns (or is a typo) the choice is noted as
 * a guess; the linker already ordered the candidates by how the catalog ranks the term.
 */
export function resolveMention(g: MentionGroup, afterMarker: boolean, labelled: ReadonlySet<string>, guesses: Guess[]): ResolvedMention {
  const columns = (pred: (m: SchemaMention) => boolean) => unique(g.mentions.filter(pred).map((m) => m.column));
  const metrics = columns((m) => m.kind === 'column' && m.role === 'metric');
  const dims = columns((m) => m.kind === 'column' && (m.role === 'dimension' || (afterMarker && m.role === 'id')));
  const values = g.mentions.filter((m) => m.kind === 'value');
  const typo = g.mentions.every((m) => m.score < 1);
  const note = (chose: string, alternatives: string[]) => {
    if (alternatives.length > 0 || typo) guesses.push({ phrase: g.text, chose, alternatives });
  };
  let meaning: MentionMeaning;
  if (afterMarker && dims.length > 0) {
    meaning = { type: 'dimension', column: dims[0] };
    note(dims[0], dims.slice(1));
  } else if (metrics.length > 0) {
    meaning = { type: 'metric', column: metrics[0] };
    note(metrics[0], metrics.slice(1));
  } else if (values.length > 0) {
    // A value of a column the question also names ("the city beijing") beats values of other columns.
    const best = values.find((v) => labelled.has(v.column)) ?? values[0];
    const otherColumns = unique(values.filter((v) => v.column !== best.column && v.value === best.value).map((v) => v.column));
    meaning = { type: 'value', column: best.column, value: best.value!, ...(otherColumns.length > 0 ? { others: otherColumns } : {}) };
    const others = unique(values.filter((v) => v.column !== best.column).map((v) => `${v.column} = ${v.value}`));
    note(`${best.column} = ${best.value}`, others);
  } else if (dims.length > 0) {
    meaning = { type: 'dimension', column: dims[0] };
    note(dims[0], dims.slice(1));
  } else if (g.mentions.some((m) => m.kind === 'column' && m.role === 'time')) {
    meaning = { type: 'time' };
  } else {
    meaning = { type: 'other' };
  }
  return { ...g, meaning, afterMarker };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
