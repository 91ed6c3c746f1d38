import { z } from 'zod';
import { ChatbiError, type CascadeProgress, type SemanticDecisionsMessage, type SemanticProgress, type SemanticRowsMessage } from '@chatbi/contracts';

const count = z.number().int().min(0);
const id = z.string().min(1).max(200);
const thresholds = z.array(z.object({ partition: count, low: z.number(), high: z.number() }));

const algorithmSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('supg-it'), targetPrecision: z.number().gt(0).lt(1), targetRecall: z.number().gt(0).lt(1), confidence: z.number().gt(0).lt(1), samplesPerIteration: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('gamcal'), alpha: z.number().gt(0).lt(1), batchSize: z.number().int().positive().optional(), exploration: z.number().min(0).max(1).optional() }),
  z.object({ kind: z.literal('proxy-only'), warmupRows: count.optional() }),
  z.object({ kind: z.literal('oracle-only') }),
]);

const rowsMessageSchema = z.object({
  jobId: id,
  requestId: id,
  partition: count,
  partitions: z.number().int().min(1).max(1024),
  task: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('filter'), instruction: z.string() }),
    z.object({ kind: z.literal('classify'), instruction: z.string(), labels: z.array(z.string()) }),
  ]),
  algorithm: algorithmSchema,
  budget: z.object({ maxOracleCalls: count, maxOracleTokens: count }),
  seed: z.number().int(),
  rows: z.array(z.object({ id, text: z.string().nullable() })),
  last: z.boolean(),
  sequence: count,
  rowCount: count.optional(),
  deadline: z.number(),
});

const progressSchema = z.object({ rowsSeen: count, rowsDecided: count, oracleCalls: count, oracleTokens: z.number().min(0), undecided: count, truncated: count.optional(), thresholds });

const semanticProgressSchema = progressSchema.extend({
  requestId: id,
  state: z.enum(['pending', 'reading', 'judging', 'aggregating', 'done', 'failed']),
  operator: count,
  operators: count,
  instruction: z.string(),
  rowsIn: count,
  updatedAt: z.string(),
});

const decisionsMessageSchema = z.object({
  jobId: id,
  partition: count,
  decisions: z.array(
    z.object({
      id,
      verdict: z.union([z.boolean(), z.string(), z.null()]),
      by: z.enum(['proxy', 'oracle', 'undecided']),
      reason: z.string().optional(),
      truncated: z.boolean().optional(),
    }),
  ),
  progress: progressSchema,
  done: z.boolean(),
  error: z.string().optional(),
  sequence: count,
  worker: z.string(),
  proxy: z.string(),
  oracle: z.string(),
});

export type ValidRowsMessage = z.infer<typeof rowsMessageSchema> & SemanticRowsMessage;

/** A rows batch as the worker may trust it; anything else is refused (the bus retries, then sets it aside). */
export function parseRowsMessage(message: unknown): ValidRowsMessage {
  const parsed = rowsMessageSchema.safeParse(message);
  if (!parsed.success) throw new ChatbiError('INVALID_REQUEST', `not a semantic rows message: ${describeIssues(parsed.error)}`);
  if (parsed.data.partition >= parsed.data.partitions) throw new ChatbiError('INVALID_REQUEST', `partition ${parsed.data.partition} of ${parsed.data.partitions}`);
  return parsed.data as ValidRowsMessage;
}

/** A decisions message, or why it is not one (the owner logs and drops it: there is nobody to answer). */
export function parseDecisionsMessage(message: unknown): SemanticDecisionsMessage | { invalid: string } {
  const parsed = decisionsMessageSchema.safeParse(message);
  return parsed.success ? parsed.data : { invalid: describeIssues(parsed.error) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
}

/** A progress snapshot relayed on chatbi.semantic-progress. */
export function parseProgressMessage(message: unknown): SemanticProgress {
  const parsed = semanticProgressSchema.safeParse(message);
  if (!parsed.success) throw new ChatbiError('INVALID_REQUEST', `not a semantic progress message: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Thresholds may be infinite while a policy has seen nothing; JSON has no Infinity. */
export function jsonSafe<P extends CascadeProgress>(progress: P): P {
  const bounded = (n: number, fallback: number) => (Number.isFinite(n) ? n : fallback);
  return { ...progress, thresholds: progress.thresholds.map((t) => ({ partition: t.partition, low: bounded(t.low, 0), high: bounded(t.high, 1) })) };
}
