import type { Catalog, CatalogColumn, ColumnRole } from '@chatbi/catalog';
import { isEnglishStopword } from '../text/stopwords';
import { normalizeText } from '../text/text-normalizer';
import { FuzzyWordIndex } from './fuzzy-word.index';

export type MentionKind = 'column' | 'value';

/** One thing a catalog term can mean: a column of a view, or one enum value of it. */
export interface LinkTarget {
  view: string;
  column: string;
  role: ColumnRole;
  kind: MentionKind;
  value?: string | number;
  /** What the term is in the catalog: the column name, an alias, an enum value or its label. */
  source: 'name' | 'alias' | 'value' | 'label';
  /** Lower ranks first among targets of one term: the name, then aliases in the order written. */
  rank: number;
}

export interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a term ends here: the term as the catalog spells it (normalised) and its targets. */
  term?: string;
  targets?: LinkTarget[];
}

/** A term of Latin words only, kept for fuzzy matching word by word. */
export interface WordTerm {
  words: string[];
  node: TrieNode;
}

/** A Chinese term of at least two characters before a measure word (量, 数, 次数, 总量, ...), not a head count (人数). */
const MEASURE_SUFFIX = /^(.*[\u3400-\u9fff].*?[^人户])(?:总量|数量|次数|条数|量|数)$/;
const STEM_RANK_PENALTY = 50;

/** Every catalog term normalised for matching: `_`, `-` and `/` read as spaces, runs of spaces as one. */
export function termKey(text: string): string {
  return normalizeText(text).replace(/[_\-/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The lookup structures for linking questions to a catalog, built once per catalog: a character
 * trie of every term (exact matching, Latin and Chinese alike), the Latin terms by first word and
 * a fuzzy index of their words (typo matching).
 */
export class SchemaIndex {
  readonly root: TrieNode = { children: new Map() };
  readonly termsByFirstWord = new Map<string, WordTerm[]>();
  readonly vocabulary = new Set<string>();
  readonly fuzzy: FuzzyWordIndex;
  /** Every distinct term with its targets, for similarity search. */
  readonly terms: { term: string; targets: LinkTarget[] }[] = [];
  /** Latin terms of several words by the stem of each content word, for terms whose words a question scatters. */
  readonly termsByStem = new Map<string, WordTerm[]>();
  /** Metric terms of several Latin words by their last word: "search uv", "search ctr" for a bare "uv", "ctr". */
  readonly metricTermsByLastWord = new Map<string, WordTerm[]>();
  /** Stems of every Latin word and every pair of Chinese characters in the catalog's terms and descriptions. */
  private readonly known = new Set<string>();

  constructor(catalog: Catalog) {
    for (const view of catalog.views) {
      for (const column of view.columns) this.addColumn(view.name, column);
      this.learn([view.name, view.description, ...view.aliases.en, ...view.aliases.zh]);
      for (const column of view.columns) this.learn([column.description]);
    }
    for (const { term } of this.terms) this.learn([term]);
    this.addMeasureStems();
    this.fuzzy = new FuzzyWordIndex(this.vocabulary);
    for (const list of this.termsByFirstWord.values()) {
      for (const term of list) {
        if (term.words.length < 2) continue;
        if (term.node.targets!.some((t) => t.kind === 'column' && t.role === 'metric')) {
          const last = term.words[term.words.length - 1];
          this.metricTermsByLastWord.set(last, [...(this.metricTermsByLastWord.get(last) ?? []), term]);
        }
        for (const stem of new Set(term.words.filter((w) => !isEnglishStopword(w)).map(stemWord))) {
          const entries = this.termsByStem.get(stem) ?? [];
          entries.push(term);
          this.termsByStem.set(stem, entries);
        }
      }
    }
  }

  /**
   * Chinese metric names end in a measure word that questions often drop or change: 视频播放量 is
   * asked as 多少次视频播放, 发布数 as 发布量, 反馈量 as 多少条反馈. The stem of a metric term links
   * to the metric too, unless the stem is a catalog term of its own (用户数 does not make 用户 a metric).
   */
  private addMeasureStems(): void {
    const stems = new Map<string, LinkTarget[]>();
    for (const { term, targets } of this.terms) {
      const stem = MEASURE_SUFFIX.exec(term)?.[1];
      const metrics = targets.filter((t) => t.kind === 'column' && t.role === 'metric');
      if (!stem || metrics.length === 0 || this.find(stem)) continue;
      stems.set(stem, [...(stems.get(stem) ?? []), ...metrics.map((t) => ({ ...t, rank: t.rank + STEM_RANK_PENALTY }))]);
    }
    for (const [stem, targets] of stems) for (const t of targets) this.insert(stem, t, false);
  }

  /**
   * Whether the catalog knows a word at all: a Latin word whose stem appears in some term or
   * description, or a Chinese run sharing a pair of characters with one. A word it does not know
   * ("Lhasa", 新疆) names something the warehouse cannot filter by.
   */
  knows(word: string): boolean {
    const w = normalizeText(word);
    if (/^[a-z0-9]/.test(w)) return this.known.has(stemWord(w));
    for (let i = 0; i + 1 < w.length; i++) if (this.known.has(w.slice(i, i + 2))) return true;
    return w.length === 1;
  }

  private learn(texts: readonly string[]): void {
    for (const text of texts) {
      const t = normalizeText(text);
      for (const m of t.matchAll(/[a-z0-9]+/g)) this.known.add(stemWord(m[0]));
      for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) for (let i = 0; i + 1 < run.length; i++) this.known.add(run.slice(i, i + 2));
    }
  }

  /** What a whole term means in the catalog (its targets), if it is one. */
  targetsOf(term: string): readonly LinkTarget[] {
    return this.find(term)?.targets ?? [];
  }

  private find(term: string): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (const ch of term) node = node?.children.get(ch);
    return node?.targets ? node : undefined;
  }

  private addColumn(view: string, column: CatalogColumn): void {
    const base = { view, column: column.name, role: column.role };
    this.add(column.name, { ...base, kind: 'column', source: 'name', rank: 0 });
    column.aliases.en.forEach((a, i) => this.add(a, { ...base, kind: 'column', source: 'alias', rank: i + 1 }));
    column.aliases.zh.forEach((a, i) => this.add(a, { ...base, kind: 'column', source: 'alias', rank: i + 1 }));
    // 新增粉丝 is asked as 新增粉丝数 or 新增粉丝量: a Chinese metric term with a measure word after it is the same term.
    if (column.role === 'metric') {
      for (const [i, alias] of column.aliases.zh.entries()) {
        const key = termKey(alias);
        if (!/[\u3400-\u9fff]$/.test(key) || /[数量率比额]$/.test(key)) continue;
        for (const suffix of ['数', '量', '数量', '次数']) this.insert(`${key}${suffix}`, { ...base, kind: 'column', source: 'alias', rank: i + 1 + STEM_RANK_PENALTY }, false);
      }
    }
    for (const v of column.values) {
      // A code that is also a function word (the airport code AND) would be read in every "and": it is not a term.
      if (typeof v.value === 'string' && isEnglishStopword(termKey(v.value))) continue;
      const value = { ...base, kind: 'value' as const, value: v.value };
      if (typeof v.value === 'string') this.add(v.value, { ...value, source: 'value', rank: 0 });
      if (v.label) this.add(v.label, { ...value, source: 'label', rank: 1 });
      v.aliases.en.forEach((a, i) => this.add(a, { ...value, source: 'alias', rank: i + 2 }));
      v.aliases.zh.forEach((a, i) => this.add(a, { ...value, source: 'alias', rank: i + 2 }));
    }
  }

  private add(raw: string, target: LinkTarget): void {
    const key = termKey(raw);
    // A bare number ("2", "2026") would match every count and date in questions.
    if (key.length === 0 || /^\d+(?:\.\d+)?$/.test(key)) return;
    if (/^[a-z0-9 ]+$/.test(key) && key.replace(/ /g, '').length < 2) return;
    const inflected = termVariants(key);
    for (const variant of inflected) this.insert(variant, target, true);
    // "page views" written "pageviews": matched exactly only, so the typo index stays small.
    if (/^[a-z0-9 ]+$/.test(key) && key.includes(' ')) {
      for (const variant of inflected) this.insert(variant.replace(/ /g, ''), target, false);
    }
  }

  private insert(term: string, target: LinkTarget, fuzzy: boolean): void {
    let node = this.root;
    for (const ch of term) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map() };
        node.children.set(ch, next);
      }
      node = next;
    }
    if (!node.targets) {
      node.term = term;
      node.targets = [];
      this.terms.push({ term, targets: node.targets });
      if (fuzzy && /^[a-z0-9 ]+$/.test(term)) {
        const words = term.split(' ');
        words.forEach((w) => this.vocabulary.add(w));
        const list = this.termsByFirstWord.get(words[0]);
        const entry = { words, node };
        if (list) list.push(entry);
        else this.termsByFirstWord.set(words[0], [entry]);
      }
    }
    const same = node.targets.find(
      (t) => t.view === target.view && t.column === target.column && t.kind === target.kind && t.value === target.value,
    );
    if (!same) node.targets.push(target);
    else if (target.rank < same.rank) Object.assign(same, target);
  }
}

/** The term and its plural, or its singular when it looks plural already ("views" -> "view"). */
export function termVariants(term: string): string[] {
  const out = [term];
  if (!/[a-z]$/.test(term)) return out;
  const cut = term.lastIndexOf(' ') + 1;
  const head = term.slice(0, cut);
  const last = term.slice(cut);
  if (last.length < 2 || /\d/.test(last)) return out;
  if (/ies$/.test(last)) {
    if (last.length > 4) out.push(`${head}${last.slice(0, -3)}y`);
  } else if (/(?:sh|ch|x|z|ss)es$/.test(last)) {
    out.push(`${head}${last.slice(0, -2)}`);
  } else if (/[^s]s$/.test(last)) {
    if (last.length > 4) out.push(`${head}${last.slice(0, -1)}`);
  } else if (/(?:ss|x|z|ch|sh)$/.test(last)) {
    out.push(`${head}${last}es`);
  } else if (/[^aeiou]y$/.test(last)) {
    out.push(`${head}${last.slice(0, -1)}ies`);
  } else {
    out.push(`${head}${last}s`);
  }
  return out;
}

/** A crude English stem, enough to meet "videos published" in "how many videos did they publish". */
export function stemWord(word: string): string {
  if (word.length <= 3) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  if (/ied$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^e]ed$/.test(word) && word.length > 4) return word.slice(0, -2);
  if (/ing$/.test(word) && word.length > 5) return word.slice(0, -3);
  return word;
}
