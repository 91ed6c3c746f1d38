/** How the json-planner stage plans: the offline planner always, an LLM planner on top when one is configured. */
export interface JsonPlannerOptions {
  claude?: ClaudePlannerOptions;
  openai?: OpenAiPlannerOptions;
}

/** An LLM planner's endpoint, model and patience. */
export interface LlmPlannerOptions {
  apiKey: string;
  /** Another endpoint speaking the same API (a proxy, a gateway, a self-hosted server, a local test server). */
  baseURL?: string;
  model: string;
  /** The whole planning of one question may take this long, retries and the repair turn included. */
  timeoutMs: number;
  /** Retries of one request after a 429, a 5xx or a dropped connection. */
  maxRetries?: number;
  /** First backoff delay; each retry doubles it (with jitter), a Retry-After header can lengthen it. */
  retryBaseDelayMs?: number;
  maxResponseTokens?: number;
}

/** Claude through the Messages API. */
export type ClaudePlannerOptions = LlmPlannerOptions;

/** A model behind an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, an in-house gateway, OpenAI). */
export type OpenAiPlannerOptions = LlmPlannerOptions;

export const JSON_PLANNER_OPTIONS = Symbol('JSON_PLANNER_OPTIONS');
