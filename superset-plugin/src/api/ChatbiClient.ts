import type { AskAnswer, AskProgress, AskRequest, ConversationDetail, ConversationSummary, FeedbackReceipt, FeedbackRequest } from './answerTypes';

/** What the panel needs from ChatBI; two transports implement it (direct and through Superset). */
export interface ChatbiClient {
  ask(request: AskRequest): Promise<AskAnswer>;
  sendFeedback(request: FeedbackRequest): Promise<FeedbackReceipt>;
  /** Progress of a question sent with this requestId ("pending" until a semantic cascade starts). */
  progress(requestId: string): Promise<AskProgress>;
  /** The caller's past conversations, newest first; with a search, those with a question containing it. */
  conversations(search: string): Promise<ConversationSummary[]>;
  /** One of them with every answer, to show again. */
  conversation(sessionId: string): Promise<ConversationDetail>;
}

export const ASK_PATH = '/api/ask';
export const FEEDBACK_PATH = '/api/feedback';
export const progressPath = (requestId: string) => `${ASK_PATH}/${encodeURIComponent(requestId)}/progress`;
export const conversationsPath = (search: string) => `/api/conversations${search.trim() ? `?search=${encodeURIComponent(search.trim())}` : ''}`;
export const conversationPath = (sessionId: string) => `/api/conversations/${encodeURIComponent(sessionId)}`;

/** "https://chatbi.example.com/" and " /chatbi " become "https://chatbi.example.com" and "/chatbi". */
export function normalizeBaseUrl(url: string | undefined | null): string {
  return (url ?? '').trim().replace(/\/+$/, '');
}
