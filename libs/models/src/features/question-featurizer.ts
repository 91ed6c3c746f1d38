import type { Catalog } from '@chatbi/catalog';
import { normalizeText } from '@chatbi/language';
import type { FeatureBag } from '../classifier/bag-classifier';
import { catalogTags, isCatalogTag } from './catalog-tags';
import { bucketOf } from './feature-hash';
import { textNgrams } from './text-ngrams';

export interface FeatureConfig {
  /** Size of the hashed feature space (rows of the embedding table). */
  buckets: number;
  /** How much more a catalog tag weighs than a surface n-gram. */
  tagWeight: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { buckets: 1 << 15, tagWeight: 2 };

const BIAS = '<bias>';

/** Turns a question into the hashed feature bag both classifiers read. */
export class QuestionFeaturizer {
  constructor(
    private readonly catalog: Catalog,
    readonly config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
  ) {}

  /** The named features, deduplicated, the bias first. */
  features(question: string): string[] {
    const text = normalizeText(question);
    return [...new Set([BIAS, ...textNgrams(text), ...catalogTags(this.catalog, text)])];
  }

  featurize(question: string): FeatureBag {
    return bagOf(this.features(question), this.config);
  }
}

/** Hashes named features into buckets; weights are 1/sqrt(n) so that long and short questions weigh alike. */
export function bagOf(features: readonly string[], config: FeatureConfig): FeatureBag {
  const weight = 1 / Math.sqrt(features.length);
  const ids = new Int32Array(features.length);
  const weights = new Float32Array(features.length);
  features.forEach((f, i) => {
    ids[i] = bucketOf(f, config.buckets);
    weights[i] = isCatalogTag(f) ? weight * config.tagWeight : weight;
  });
  return { ids, weights };
}
