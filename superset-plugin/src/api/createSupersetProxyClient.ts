import { SupersetClient } from '@superset-ui/core';
import type { AskAnswer, AskProgress, ConversationDetail, ConversationSummary, FeedbackReceipt } from './answerTypes';
import { ChatbiApiError } from './ChatbiApiError';
import { ASK_PATH, conversationPath, conversationsPath, FEEDBACK_PATH, normalizeBaseUrl, progressPath, type ChatbiClient } from './ChatbiClient';

type SupersetPost = (request: { endpoint: string; jsonPayload: Record<string, unknown> }) => Promise<{ json?: unknown }>;
type SupersetGet = (request: { endpoint: string }) => Promise<{ json?: unknown }>;

/**
 * Calls ChatBI through a same-origin proxy blueprint in Superset (for example /chatbi/api/ask).
 * SupersetClient adds Superset's CSRF token and session cookie, so the proxy can keep Superset's
 * login and CSRF checks, and ChatBI's token stays on the server.
 */
export function createSupersetProxyClient(
  proxyPath: string,
  post: SupersetPost = (r) => SupersetClient.post(r),
  get: SupersetGet = (r) => SupersetClient.get(r),
): ChatbiClient {
  const base = normalizeBaseUrl(proxyPath) || '/chatbi';
  const where = `Superset's ChatBI proxy at ${base}`;

  async function send<T>(path: string, body?: Record<string, unknown>): Promise<T> {
    try {
      const { json } = body === undefined ? await get({ endpoint: `${base}${path}` }) : await post({ endpoint: `${base}${path}`, jsonPayload: body });
      return json as T;
    } catch (failure) {
      throw await toApiError(failure, where);
    }
  }

  return {
    ask: (request) => send<AskAnswer>(ASK_PATH, { ...request }),
    sendFeedback: (request) => send<FeedbackReceipt>(FEEDBACK_PATH, { ...request }),
    // The proxy must forward GET /api/ask/<id>/progress too; without it the panel shows no progress.
    progress: (requestId) => send<AskProgress>(progressPath(requestId)),
    conversations: (search) => send<ConversationSummary[]>(conversationsPath(search)),
    conversation: (sessionId) => send<ConversationDetail>(conversationPath(sessionId)),
  };
}

/** SupersetClient rejects with the raw Response on an HTTP error and with an Error when offline. */
async function toApiError(failure: unknown, where: string): Promise<ChatbiApiError> {
  if (failure instanceof ChatbiApiError) return failure;
  const response = failure as Partial<Response> | undefined;
  if (response && typeof response.status === 'number' && typeof response.text === 'function') {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return ChatbiApiError.fromBody(response.status, body, where);
  }
  return new ChatbiApiError('NETWORK_ERROR', `Could not reach ${where}: ${failure instanceof Error ? failure.message : String(failure)}`);
}
