import type { AskAnswer, AskProgress, AskRequest, FeedbackReceipt, FeedbackRequest } from './answerTypes';

/** What the panel needs from ChatBI; two transports implement it (direct and through Superset). */
export interface ChatbiClient {
  ask(request: AskRequest): Promise<AskAnswer>;
  sendFeedback(request: FeedbackRequest): Promise<FeedbackReceipt>;
  /** Progress of a question sent with this requestId ("pending" until a semantic cascade starts). */
  progress(requestId: string): Promise<AskProgress>;
}

export const ASK_PATH = '/api/ask';
export const FEEDBACK_PATH = '/api/feedback';
export const progressPath = (requestId: string) => `${ASK_PATH}/${encodeURIComponent(requestId)}/progress`;

/** "https://chatbi.example.com/" and " /chatbi " become "https://chatbi.example.com" and "/chatbi". */
export function normalizeBaseUrl(url: string | undefined | null): string {
  return (url ?? '').trim().replace(/\/+$/, '');
}
