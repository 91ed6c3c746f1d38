import type { Catalog } from '@chatbi/catalog';
import { fnv1a } from '../features/feature-hash';
import { defaultTrainingSizes } from '../model.trainer';
import { completenessSet, viewSelectionSet } from '../synthetic/training-sets';

/**
 * Generated training questions to paraphrase, in a fixed order spread over both training sets and
 * every template (by hash), skipping those the cache has: the same catalog, seed and cache give the
 * same questions to ask about.
 */
export function paraphraseCandidates(catalog: Catalog, seed: number, cached: ReadonlyMap<string, unknown>, limit: number): string[] {
  const sizes = defaultTrainingSizes(catalog);
  const texts = [
    ...viewSelectionSet(catalog, { seed, size: sizes.perView }).examples,
    ...completenessSet(catalog, { seed, size: sizes.completeness }).examples,
  ]
    .filter((e) => e.split === 'train' && !cached.has(e.text))
    .map((e) => e.text);
  return [...new Set(texts)].sort((a, b) => fnv1a(a) - fnv1a(b) || a.localeCompare(b)).slice(0, limit);
}
