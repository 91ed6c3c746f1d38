/** How the json-planner stage plans: the offline planner always, Claude on top when a key is configured. */
export interface JsonPlannerOptions {
  claude?: ClaudePlannerOptions;
}

export interface ClaudePlannerOptions {
  apiKey: string;
  /** Another endpoint speaking the Messages API (a proxy, a gateway, a local test server). */
  baseURL?: string;
  model: string;
  /** The whole Claude planning of one question may take this long, retries and the repair turn included. */
  timeoutMs: number;
  /** Retries of one request after a 429, a 5xx or a dropped connection. */
  maxRetries?: number;
  /** First backoff delay; each retry doubles it (with jitter), a Retry-After header can lengthen it. */
  retryBaseDelayMs?: number;
  maxResponseTokens?: number;
}

export const JSON_PLANNER_OPTIONS = Symbol('JSON_PLANNER_OPTIONS');

export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-4-6';
export const DEFAULT_PLANNER_TIMEOUT_MS = 20_000;
