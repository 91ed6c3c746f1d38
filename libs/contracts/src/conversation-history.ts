import type { ErrorBody } from './error-codes';
import type { AskResponse } from './messages';

/** One of the caller's past conversations, as GET /api/conversations lists them (newest first). */
export interface ConversationSummary {
  sessionId: string;
  /** Its first question. */
  title: string;
  questions: number;
  startedAt: string;
  lastAskedAt: string;
}

/** A question of a reopened conversation (GET /api/conversations/:sessionId) with what came back. */
export type ConversationRecord =
  | { requestId: string; question: string; askedAt: string; answer: AskResponse }
  | { requestId: string; question: string; askedAt: string; error: ErrorBody };

export interface ConversationDetail {
  sessionId: string;
  turns: ConversationRecord[];
}
