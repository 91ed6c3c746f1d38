import { z } from 'zod';

export const MODEL_KINDS = ['completeness', 'view-ranking'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * Bumped whenever features, generated data or the network change, so that a model cached by an
 * older build is retrained rather than read with the wrong features.
 */
export const MODEL_FORMAT_VERSION = 'bag-v2';

export const modelCardSchema = z.object({
  kind: z.enum(MODEL_KINDS),
  formatVersion: z.string(),
  description: z.string(),
  labels: z.array(z.string()).min(2),
  catalogHash: z.string(),
  /** sha256 of the paraphrase cache the training read, null without one. */
  paraphrasesSha256: z.string().nullable(),
  seed: z.number().int(),
  trainedAt: z.string(),
  trainSeconds: z.number().nonnegative(),
  data: z.object({
    generated: z.number().int().nonnegative(),
    train: z.number().int().nonnegative(),
    validation: z.number().int().nonnegative(),
    paraphrases: z.number().int().nonnegative(),
    byLabel: z.record(z.string(), z.number().int().nonnegative()),
    byLanguage: z.record(z.string(), z.number().int().nonnegative()),
  }),
  /** Accuracy on generated questions whose templates training never saw. */
  validationAccuracy: z.number().min(0).max(1),
  trainAccuracy: z.number().min(0).max(1),
  architecture: z.object({
    buckets: z.number().int().positive(),
    hidden: z.number().int().positive(),
    classes: z.number().int().positive(),
    tagWeight: z.number().positive(),
    epochs: z.number().int().positive(),
    learningRate: z.number().positive(),
    featureDropout: z.number().min(0).max(1),
  }),
  onnx: z.object({ file: z.string(), bytes: z.number().int().positive(), sha256: z.string().length(64), opset: z.number().int() }),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
