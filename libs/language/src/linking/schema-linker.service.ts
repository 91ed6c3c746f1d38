import type { Catalog, ColumnRole } from '@chatbi/catalog';
import { isEnglishStopword } from '../text/stopwords';
import { normalizeText } from '../text/text-normalizer';
import { selectMostCovering, type TextSpan } from '../text/text-span';
import { uncoveredWords } from '../text/uncovered-words';
import { isLatinWordChar } from '../text/word-tokenizer';
import { isDegreeWordOfQuestion } from './question-words';
import { type LinkTarget, type MentionKind, SchemaIndex, type TrieNode, type WordTerm, stemWord, termVariants } from './schema-index';
import { windowScorer } from './string-similarity';

/** A stretch of the question that names a column, or an enum value of a column, of one view. */
export interface SchemaMention extends TextSpan {
  view: string;
  column: string;
  role: ColumnRole;
  kind: MentionKind;
  /** The catalog value, for kind 'value'. */
  value?: string | number;
  /** 1 for an exact match, less for a typo. */
  score: number;
  /** The catalog term that matched, normalised. */
  term: string;
  source: LinkTarget['source'];
  rank: number;
  /** A term whose words the question scatters ("videos ... publish" for "videos published"): every word's span; the mention's own span is the last word. */
  parts?: TextSpan[];
}

export interface LinkResult {
  /** The normalised question; spans index into it. */
  text: string;
  /** In text order; one span may carry several mentions (several views, or several columns of one). */
  mentions: SchemaMention[];
  /** Words no mention covers, stopwords included. */
  unusedWords: TextSpan[];
}

export interface LinkOptions {
  /** Only these views; by default every view of the catalog. */
  views?: readonly string[];
  /** The text is already normalised (normalizeText). */
  normalized?: boolean;
}

export interface ClosestTerm {
  view: string;
  column: string;
  term: string;
  score: number;
}

interface Candidate {
  start: number;
  end: number;
  term: string;
  targets: LinkTarget[];
  score: number;
  parts?: TextSpan[];
}

/** A bare last word of a metric term ("uv" for "search uv"), read within one view only. */
const SUFFIX_SCORE = 0.85;
/** Words of a scattered term may lie at most this many words apart. */
const SCATTER_WINDOW = 6;
const SCATTER_SCORE = 0.9;

const caches = new WeakMap<Catalog, SchemaLinker>();
const AUXILIARY = /^(was|were|is|are|been|being|be|got|get|gets) +(?=[a-z])/;
const CLOSEST_TEXT_LIMIT = 120;

/**
 * Links a question to catalog columns and enum values, across every view at once: longest match
 * first, no two spans overlapping, Chinese matched as substrings, Latin words on word boundaries,
 * and typos in Latin words of five letters or more matched with a score below 1.
 */
export class SchemaLinker {
  private readonly index: SchemaIndex;

  constructor(readonly catalog: Catalog) {
    this.index = new SchemaIndex(catalog);
  }

  /** One linker per catalog object, built on first use. */
  static for(catalog: Catalog): SchemaLinker {
    let linker = caches.get(catalog);
    if (!linker) {
      linker = new SchemaLinker(catalog);
      caches.set(catalog, linker);
    }
    return linker;
  }

  link(question: string, options: LinkOptions = {}): LinkResult {
    const text = options.normalized ? question : normalizeText(question);
    const views = options.views ? new Set(options.views) : undefined;
    const matchText = text.replace(/[_\-/]/g, ' ');
    const candidates = [...this.exactCandidates(matchText), ...this.fuzzyCandidates(matchText)]
      .map((c) => (views ? { ...c, targets: c.targets.filter((t) => views.has(t.view)) } : c))
      .filter((c) => c.targets.length > 0 && !isDegreeWordOfQuestion(matchText, c.start, c.end));
    const chosen = selectMostCovering(dedupeSpans(candidates), (a, b) => b.score - a.score);
    const scattered = this.scatteredCandidates(matchText, chosen, views);
    if (views) scattered.push(...this.suffixCandidates(matchText, [...chosen, ...scattered], views));
    const mentions: SchemaMention[] = [];
    for (const c of [...chosen, ...scattered].sort((a, b) => a.start - b.start)) {
      const targets = [...c.targets].sort((a, b) => a.rank - b.rank);
      for (const t of targets) {
        mentions.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), score: c.score, term: c.term, ...t, ...(c.parts ? { parts: c.parts } : {}) });
      }
    }
    return { text, mentions, unusedWords: uncoveredWords(text, [...chosen, ...scattered.flatMap((c) => c.parts ?? [])]) };
  }

  /**
   * The columns whose names or aliases look most like some words of the question (its first
   * CLOSEST_TEXT_LIMIT characters: this is for error messages, and its cost grows with length).
   */
  closest(question: string, options: { views?: readonly string[]; roles?: readonly ColumnRole[]; limit?: number } = {}): ClosestTerm[] {
    const text = normalizeText(question.slice(0, CLOSEST_TEXT_LIMIT)).replace(/[_\-/]/g, ' ');
    const score = windowScorer(text);
    const best = new Map<string, ClosestTerm>();
    for (const { term, targets } of this.index.terms) {
      const relevant = targets.filter(
        (t) => t.kind === 'column' && (!options.views || options.views.includes(t.view)) && (!options.roles || options.roles.includes(t.role)),
      );
      if (relevant.length === 0) continue;
      const similarity = score(term);
      for (const t of relevant) {
        const key = `${t.view}.${t.column}`;
        const prior = best.get(key);
        if (!prior || similarity > prior.score) best.set(key, { view: t.view, column: t.column, term, score: similarity });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, options.limit ?? 3);
  }

  /** Whether the catalog knows the word at all (see SchemaIndex.knows). */
  knows(word: string): boolean {
    return this.index.knows(word);
  }

  private exactCandidates(text: string): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === ' ' || (isLatinWordChar(ch) && isLatinWordChar(text[i - 1]))) continue;
      let node: TrieNode | undefined = this.index.root;
      let j = i;
      while (node && j < text.length) {
        if (text[j] === ' ') {
          node = node.children.get(' ');
          while (text[j] === ' ') j++;
          // "videos were published" reads as the term "videos published": an auxiliary the term does not hold is skipped.
          const auxiliary = AUXILIARY.exec(text.slice(j, j + 8));
          if (node && auxiliary && !walks(node, `${auxiliary[1]} `)) j += auxiliary[0].length;
          continue;
        }
        node = node.children.get(text[j]);
        j++;
        if (node?.targets && !(isLatinWordChar(text[j - 1]) && isLatinWordChar(text[j]))) {
          out.push({ start: i, end: j, term: node.term!, targets: node.targets, score: 1 });
        }
      }
    }
    return out;
  }

  /**
   * Terms of several words whose words the question has, in any order, near each other and not
   * already read as other terms: "how many videos did each creator tier publish" holds "videos
   * published", "distinct creators were active" holds "active creators". Each word is used once.
   */
  private scatteredCandidates(text: string, chosen: readonly Candidate[], views: ReadonlySet<string> | undefined): Candidate[] {
    const tokens = [...text.matchAll(/[a-z0-9]+/g)]
      .map((m, i) => ({ start: m.index!, end: m.index! + m[0].length, word: m[0], i }))
      .filter((t) => !chosen.some((c) => c.start < t.end && t.start < c.end) && !isEnglishStopword(t.word));
    const taken = new Set<number>();
    const out: Candidate[] = [];
    const terms = new Map<string, WordTerm>();
    for (const t of tokens) for (const term of this.index.termsByStem.get(stemWord(t.word)) ?? []) terms.set(term.node.term!, term);
    const ranked = [...terms.values()].sort((a, b) => b.words.length - a.words.length);
    for (const term of ranked) {
      const targets = views ? term.node.targets!.filter((x) => views.has(x.view)) : term.node.targets!;
      if (targets.length === 0) continue;
      const stems = [...new Set(term.words.filter((w) => !isEnglishStopword(w)).map(stemWord))];
      if (stems.length < 2) continue;
      const picked = stems.map((stem) => tokens.find((t) => !taken.has(t.i) && stemWord(t.word) === stem));
      if (picked.some((p) => p === undefined)) continue;
      const found = picked as (typeof tokens)[number][];
      const order = found.map((t) => t.i);
      if (Math.max(...order) - Math.min(...order) > SCATTER_WINDOW) continue;
      found.forEach((t) => taken.add(t.i));
      const last = found.reduce((a, b) => (b.start > a.start ? b : a));
      out.push({ start: last.start, end: last.end, term: term.node.term!, targets, score: SCATTER_SCORE, parts: found.map((t) => ({ start: t.start, end: t.end, text: t.word })) });
    }
    return out;
  }

  /**
   * In the view a question is read against, a word left alone that is the last word of exactly one
   * metric term of the view stands for it: "search pv uv ctr" asks for search uv and search ctr.
   */
  private suffixCandidates(text: string, taken: readonly Candidate[], views: ReadonlySet<string>): Candidate[] {
    const out: Candidate[] = [];
    for (const m of text.matchAll(/[a-z0-9]+/g)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (taken.some((c) => c.start < end && start < c.end || c.parts?.some((p) => p.start < end && start < p.end))) continue;
      // A function word ("per" of stay_time_per) joins the question's words; it names no metric alone.
      if (isEnglishStopword(m[0])) continue;
      // A word naming an entity of the view ("users": the user id) is that entity, not a metric about it.
      if (termVariants(m[0]).some((v) => this.index.targetsOf(v).some((x) => views.has(x.view) && x.kind === 'column' && x.role !== 'metric'))) continue;
      const terms = (this.index.metricTermsByLastWord.get(m[0]) ?? []).filter((t) => t.node.targets!.some((x) => views.has(x.view)));
      const position = (t: LinkTarget) => this.catalog.view(t.view)?.columns.findIndex((c) => c.name === t.column) ?? 0;
      const targets = mergeTargetsOf(terms.map((t) => t.node.targets!.filter((x) => views.has(x.view) && x.kind === 'column' && x.role === 'metric')))
        .sort((a, b) => position(a) - position(b))
        .map((t, i) => ({ ...t, rank: i }));
      // A word a few metrics end with ("clicks": result clicks, suggestion clicks): the catalog's order decides, and the
      // choice is reported as a guess; a word many end with is too general to stand for one.
      const columns = new Set(targets.map((t) => `${t.view}.${t.column}`));
      if (columns.size === 0 || columns.size > 3) continue;
      out.push({ start, end, term: terms[0].node.term!, targets, score: SUFFIX_SCORE });
    }
    return out;
  }

  private fuzzyCandidates(text: string): Candidate[] {
    const tokens = [...text.matchAll(/[a-z0-9]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, word: m[0] }));
    const options = tokens.map((t) => {
      const list: { word: string; edits: number }[] = [];
      if (this.index.vocabulary.has(t.word)) list.push({ word: t.word, edits: 0 });
      else if (!isEnglishStopword(t.word) && !/\d/.test(t.word)) list.push(...this.index.fuzzy.lookup(t.word));
      return list;
    });
    const out: Candidate[] = [];
    tokens.forEach((first, i) => {
      for (const option of options[i]) {
        for (const term of this.index.termsByFirstWord.get(option.word) ?? []) {
          let edits = option.edits;
          let k = 1;
          for (; k < term.words.length; k++) {
            const token = tokens[i + k];
            if (!token || text.slice(tokens[i + k - 1].end, token.start).trim() !== '') break;
            const hit = options[i + k].find((o) => o.word === term.words[k]);
            if (!hit) break;
            edits += hit.edits;
          }
          if (k < term.words.length || edits === 0) continue;
          const length = term.node.term!.length;
          out.push({
            start: first.start,
            end: tokens[i + k - 1].end,
            term: term.node.term!,
            targets: term.node.targets!,
            score: Math.round((1 - edits / (length + 1)) * 1000) / 1000,
          });
        }
      }
    });
    return out;
  }
}

/** Whether the trie holds `text` from `node` on. */
function walks(node: TrieNode, text: string): boolean {
  let at: TrieNode | undefined = node;
  for (const ch of text) {
    at = at.children.get(ch);
    if (!at) return false;
  }
  return true;
}

/** One candidate per span: an exact match hides typo matches of the same words, fewer edits beat more. */
function dedupeSpans(candidates: Candidate[]): Candidate[] {
  const bySpan = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.start}:${c.end}`;
    const prior = bySpan.get(key);
    if (!prior || c.score > prior.score) bySpan.set(key, c);
    else if (c.score === prior.score && c !== prior) {
      bySpan.set(key, { ...prior, targets: mergeTargets(prior.targets, c.targets) });
    }
  }
  return [...bySpan.values()];
}

function mergeTargetsOf(lists: LinkTarget[][]): LinkTarget[] {
  return lists.reduce((all, list) => mergeTargets(all, list), [] as LinkTarget[]);
}

function mergeTargets(a: LinkTarget[], b: LinkTarget[]): LinkTarget[] {
  const out = [...a];
  for (const t of b) {
    if (!out.some((o) => o.view === t.view && o.column === t.column && o.kind === t.kind && o.value === t.value)) out.push(t);
  }
  return out;
}
