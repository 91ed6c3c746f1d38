import { z } from 'zod';
import { askRequestSchema } from './ask.schema';
import type { ErrorBody } from './error-codes';
import type { AskResponse } from './messages';

/**
 * A question from another product line on the chatbi.api.requests topic (key: the session id, so a
 * conversation's turns are answered in order). The caller's requestId keys the reply.
 */
export const kafkaAskRequestSchema = askRequestSchema.extend({
  requestId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'requestId may hold letters, digits and _ . : - (at most 100)'),
  /** The caller's credentials, as the HTTP API takes them in headers of the same names. */
  auth: z
    .object({
      authorization: z.string().max(8192).optional(),
      'x-chatbi-user': z.string().max(8192).optional(),
      'x-chatbi-signature': z.string().max(200).optional(),
    })
    .strict()
    .optional(),
});

export type KafkaAskRequest = z.infer<typeof kafkaAskRequestSchema>;

/** The reply on chatbi.api.replies, keyed by the request's requestId: the HTTP answer or its error. */
export type KafkaAskReply =
  | { requestId: string; ok: true; answer: AskResponse }
  | { requestId: string | null; ok: false; error: ErrorBody };
