import type { ApiErrorBody, ClarificationCandidate } from './answerTypes';

/** An error the panel shows in place: ChatBI's own code and message, or one describing the transport. */
export class ChatbiApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ChatbiApiError';
  }

  /** NEEDS_CLARIFICATION: the readings ChatBI offers; empty for other errors. */
  get candidates(): ClarificationCandidate[] {
    return clarificationCandidates(this);
  }

  static isErrorBody(body: unknown): body is ApiErrorBody {
    const error = (body as ApiErrorBody | null)?.error;
    return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
  }

  /** Reads a failed response: ChatBI's {error} body when there is one, the HTTP status otherwise. */
  static fromBody(status: number, body: unknown, where: string): ChatbiApiError {
    if (ChatbiApiError.isErrorBody(body)) return new ChatbiApiError(body.error.code, body.error.message, status, body.error.details);
    if (status === 401 || status === 403) {
      return new ChatbiApiError('UNAUTHORIZED', `${where} refused the request (HTTP ${status}); check the API token or your Superset login.`, status);
    }
    if (status === 404) {
      return new ChatbiApiError('NOT_FOUND', `${where} has no ChatBI API at this address (HTTP 404); check the ChatBI API URL.`, status);
    }
    return new ChatbiApiError('HTTP_ERROR', `${where} answered HTTP ${status} without a ChatBI error body.`, status);
  }
}

/** The readings of a NEEDS_CLARIFICATION error ({code, details.candidates}); none for other errors. */
export function clarificationCandidates(error: { code: string; details?: Record<string, unknown> }): ClarificationCandidate[] {
  const candidates = error.details?.candidates;
  if (error.code !== 'NEEDS_CLARIFICATION' || !Array.isArray(candidates)) return [];
  return candidates.filter((c): c is ClarificationCandidate => typeof c?.question === 'string' && typeof c?.label === 'string');
}
