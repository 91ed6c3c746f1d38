/** Every error the pipeline can answer with. The HTTP status is part of the contract. */
export const ERROR_CODES = {
  QUESTION_EMPTY: 400,
  QUESTION_TOO_LONG: 400,
  INVALID_REQUEST: 400,
  REQUEST_TOO_LARGE: 413,
  FOLLOW_UP_WITHOUT_CONTEXT: 422,
  NO_METRIC_FOUND: 422,
  NO_VIEW_COVERS: 422,
  /** The reading is unsure: `details.candidates` holds the readings to choose from, each a question to send back. */
  NEEDS_CLARIFICATION: 422,
  /** A question the warehouse cannot answer by its nature: about the future, or about causes. */
  UNANSWERABLE: 422,
  PLAN_INVALID: 422,
  UNKNOWN_COLUMN: 422,
  SEMANTIC_INSTRUCTION_EMPTY: 400,
  SEMANTIC_INSTRUCTION_TOO_LONG: 400,
  SEMANTIC_LABELS_INVALID: 400,
  CATALOG_INVALID: 500,
  CATALOG_EDIT_INVALID: 422,
  ADMIN_TOKEN_REQUIRED: 401,
  ADMIN_FORBIDDEN: 403,
  /** Authentication is configured and the request brought no credentials. */
  AUTH_REQUIRED: 401,
  /** The bearer token (API token, JWT) is unknown, revoked, expired or does not verify. */
  AUTH_INVALID: 401,
  /** Authenticated, but the token's scopes (or the request's origin) do not allow this. */
  FORBIDDEN: 403,
  /** Another user's session, or one that does not exist where it must. */
  SESSION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  /** The caller already has a question with this requestId waiting for its answer. */
  REQUEST_IN_FLIGHT: 409,
  /** POST bodies are JSON. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many requests for this token (or user) in the last minute; details.retryAfterSeconds says when to try again. */
  RATE_LIMITED: 429,
  /** X-ChatBI-User from a trusted proxy is not base64url JSON of a user. */
  TRUSTED_USER_MALFORMED: 401,
  /** X-ChatBI-Signature does not match X-ChatBI-User under CHATBI_TRUSTED_PROXY_SECRET. */
  TRUSTED_USER_BAD_SIGNATURE: 401,
  /** The signed user's iat is more than 5 minutes old or more than 1 minute ahead. */
  TRUSTED_USER_EXPIRED: 401,
  WAREHOUSE_UNAVAILABLE: 503,
  /** The metadata database (conversations, audit) cannot be written, e.g. its disk is full. */
  METADATA_UNAVAILABLE: 503,
  /** The metadata database's disk is full and the audit log, which is required (CHATBI_AUDIT=required), cannot record the question: its answer is withheld. */
  STORAGE_FULL: 507,
  QUERY_FAILED: 502,
  QUERY_TIMEOUT: 504,
  /** A semantic operator needs an LLM oracle and none is configured. */
  ORACLE_UNAVAILABLE: 503,
  /** More rows reach a semantic operator than it may judge. */
  TOO_MANY_ROWS: 422,
  PIPELINE_TIMEOUT: 504,
  /** A stage the question needs has no instance alive and ready (distributed mode): said at once instead of a timeout. */
  PIPELINE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An error that is safe to show to the person who asked: its message says what to do. */
export class ChatbiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ChatbiError';
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static from(error: unknown): ChatbiError {
    if (error instanceof ChatbiError) return error;
    return new ChatbiError('INTERNAL', 'Something went wrong inside ChatBI; the error was logged.');
  }
}
