import type { AskAnswer, AskRequest, FeedbackReceipt, FeedbackRequest } from './answerTypes';

/** What the panel needs from ChatBI; two transports implement it (direct and through Superset). */
export interface ChatbiClient {
  ask(request: AskRequest): Promise<AskAnswer>;
  sendFeedback(request: FeedbackRequest): Promise<FeedbackReceipt>;
}

export const ASK_PATH = '/api/ask';
export const FEEDBACK_PATH = '/api/feedback';

/** "https://chatbi.example.com/" and " /chatbi " become "https://chatbi.example.com" and "/chatbi". */
export function normalizeBaseUrl(url: string | undefined | null): string {
  return (url ?? '').trim().replace(/\/+$/, '');
}
