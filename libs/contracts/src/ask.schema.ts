import { z } from 'zod';

export const MAX_QUESTION_LENGTH = 2000;

/** Body of POST /api/ask. Length is checked in the service so that the error code is specific. */
export const askRequestSchema = z
  .object({
    question: z.string(),
    sessionId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'sessionId may hold letters, digits and _ . : - (at most 100)')
      .optional(),
    user: z.string().max(200).optional(),
    /** The caller's own id for this question, e.g. to poll GET /api/ask/:requestId/progress while it runs. */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'requestId may hold letters, digits and _ . : - (8 to 100)')
      .optional(),
  })
  .strict();

export type AskRequest = z.infer<typeof askRequestSchema>;
