import type { Catalog } from '@chatbi/catalog';
import { normalizeText } from '@chatbi/language';

/**
 * The baseline the view model is measured against: each view is one document of everything the
 * catalog says about it (names, descriptions, aliases, enum values, in both languages); a question
 * goes to the view whose TF-IDF vector is nearest (cosine). Terms are Latin words and Chinese
 * character bigrams.
 */
export class TfidfViewBaseline {
  private readonly idf = new Map<string, number>();
  private readonly vectors: { view: string; weights: Map<string, number>; norm: number }[];

  constructor(catalog: Catalog) {
    const documents = catalog.views.map((v) => {
      const texts = [v.name, v.description, ...v.aliases.en, ...v.aliases.zh];
      for (const c of v.columns) {
        texts.push(c.name, c.description, ...c.aliases.en, ...c.aliases.zh);
        for (const value of c.values) texts.push(String(value.value), value.label ?? '', ...value.aliases.en, ...value.aliases.zh);
      }
      return { view: v.name, counts: countTerms(texts.join(' \n ')) };
    });
    for (const d of documents) for (const term of d.counts.keys()) this.idf.set(term, (this.idf.get(term) ?? 0) + 1);
    for (const [term, df] of this.idf) this.idf.set(term, Math.log((1 + documents.length) / (1 + df)) + 1);
    this.vectors = documents.map((d) => {
      const weights = this.weigh(d.counts);
      return { view: d.view, weights, norm: norm(weights) };
    });
  }

  nearest(question: string): string {
    const q = this.weigh(countTerms(question));
    const qNorm = norm(q) || 1;
    let best = this.vectors[0].view;
    let bestScore = -1;
    for (const v of this.vectors) {
      let dot = 0;
      for (const [term, w] of q) dot += w * (v.weights.get(term) ?? 0);
      const score = dot / (qNorm * (v.norm || 1));
      if (score > bestScore) {
        bestScore = score;
        best = v.view;
      }
    }
    return best;
  }

  private weigh(counts: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [term, n] of counts) {
      const idf = this.idf.get(term);
      if (idf !== undefined) out.set(term, (1 + Math.log(n)) * idf);
    }
    return out;
  }
}

function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const normalized = normalizeText(text).replace(/_/g, ' ');
  for (const m of normalized.matchAll(/[a-z0-9]+|[\u3400-\u9fff]+/g)) {
    const token = m[0];
    if (/^[a-z0-9]/.test(token)) add(token);
    else if (token.length === 1) add(token);
    else for (let i = 0; i + 2 <= token.length; i++) add(token.slice(i, i + 2));
  }
  return counts;
}

function norm(v: Map<string, number>): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}
