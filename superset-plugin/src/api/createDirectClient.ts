import type { AskAnswer, AskProgress, ConversationDetail, ConversationSummary, FeedbackReceipt } from './answerTypes';
import { ChatbiApiError } from './ChatbiApiError';
import { ASK_PATH, conversationPath, conversationsPath, FEEDBACK_PATH, normalizeBaseUrl, progressPath, type ChatbiClient } from './ChatbiClient';

export interface DirectClientOptions {
  /** ChatBI's base URL; empty means the page's own origin (the embedded app's page at /). */
  apiUrl: string;
  /** Sent as "Authorization: Bearer <token>" when set. */
  apiToken?: string;
  fetchImpl?: typeof fetch;
}

/**
 * Calls the ChatBI API with the browser's fetch. From inside Superset this is a cross-origin call:
 * ChatBI must allow Superset's origin (CHATBI_CORS_ORIGINS) and Superset's CSP must allow ChatBI in
 * connect-src.
 */
export function createDirectClient(options: DirectClientOptions): ChatbiClient {
  const base = normalizeBaseUrl(options.apiUrl);
  const where = base ? `ChatBI at ${base}` : 'ChatBI';
  const readHeaders: Record<string, string> = { accept: 'application/json' };
  if (options.apiToken?.trim()) readHeaders.authorization = `Bearer ${options.apiToken.trim()}`;
  const headers = { ...readHeaders, 'content-type': 'application/json' };

  async function call<T>(path: string, body?: unknown): Promise<T> {
    const fetchImpl = options.fetchImpl ?? fetch;
    let response: Response;
    try {
      const init: RequestInit = body === undefined ? { method: 'GET', headers: readHeaders } : { method: 'POST', headers, body: JSON.stringify(body) };
      response = await fetchImpl(`${base}${path}`, init);
    } catch {
      throw new ChatbiApiError(
        'NETWORK_ERROR',
        `Could not reach ${where}. Check that it is running and, from Superset, that it allows this origin (CHATBI_CORS_ORIGINS) and that Superset's CSP lists it in connect-src.`,
      );
    }
    const parsed = await readJson(response);
    if (!response.ok) throw ChatbiApiError.fromBody(response.status, parsed, where);
    if (parsed === undefined) throw new ChatbiApiError('BAD_RESPONSE', `${where} answered with something that is not JSON.`, response.status);
    return parsed as T;
  }

  return {
    ask: (request) => call<AskAnswer>(ASK_PATH, request),
    sendFeedback: (request) => call<FeedbackReceipt>(FEEDBACK_PATH, request),
    progress: (requestId) => call<AskProgress>(progressPath(requestId)),
    conversations: (search) => call<ConversationSummary[]>(conversationsPath(search)),
    conversation: (sessionId) => call<ConversationDetail>(conversationPath(sessionId)),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
