import { z } from 'zod';

/** Body of POST /api/feedback. */
export const feedbackRequestSchema = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'requestId is the requestId of an answer (letters, digits and _ . : -, at most 64)'),
    useful: z.boolean({ error: 'useful must be true or false' }),
  })
  .strict();

export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export interface FeedbackReceipt {
  requestId: string;
  useful: boolean;
  view: string | null;
}

export interface FeedbackCounts {
  useful: number;
  notUseful: number;
}
