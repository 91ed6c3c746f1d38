import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type { ClaudePlannerOptions } from '../json-planner.options';
import { PlannerModelError, type PlannerModelClient, type PlannerModelReply, type PlannerModelRequest } from './planner-model.client';
import { retryWithBackoff, type RetryDecision } from './retry-with-backoff';

const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
const DEFAULT_MAX_RESPONSE_TOKENS = 1_024;

/**
 * The Messages API through @anthropic-ai/sdk. Retries are ours, not the SDK's, so that they share
 * the planner's one deadline: 429 and 5xx answers and dropped connections are retried with
 * exponential backoff (longer when the server sends Retry-After); a timeout is not, since the
 * time it had is gone. The model must call the plan tool (tool_choice).
 */
export class AnthropicMessagesClient implements PlannerModelClient {
  private readonly sdk: Anthropic;

  constructor(private readonly options: ClaudePlannerOptions) {
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: 0,
      timeout: options.timeoutMs,
      logLevel: 'off',
    });
  }

  async send(request: PlannerModelRequest): Promise<PlannerModelReply> {
    const policy = {
      maxRetries: this.options.maxRetries ?? DEFAULT_MAX_RETRIES,
      baseDelayMs: this.options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
      maxDelayMs: MAX_RETRY_DELAY_MS,
      deadline: request.deadline,
    };
    const attempt = () => {
      const remaining = request.deadline - Date.now();
      if (remaining <= 0) throw new APIConnectionTimeoutError();
      return this.sdk.messages.create(
        {
          model: this.options.model,
          max_tokens: this.options.maxResponseTokens ?? DEFAULT_MAX_RESPONSE_TOKENS,
          // The rules and the tool are the same for every question: a cached prefix.
          system: [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }],
          messages: request.messages,
          tools: [request.tool],
          tool_choice: { type: 'tool', name: request.tool.name },
        },
        { timeout: remaining, maxRetries: 0 },
      );
    };
    try {
      const { value, attempts } = await retryWithBackoff(attempt, classify, policy);
      const usage = value.usage;
      return {
        content: value.content,
        stopReason: value.stop_reason,
        usage: {
          prompt: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
          response: usage.output_tokens,
        },
        attempts,
      };
    } catch (error) {
      throw new PlannerModelError(describe(error, this.options.timeoutMs));
    }
  }
}

function classify(error: unknown): RetryDecision {
  if (error instanceof APIConnectionTimeoutError) return { retry: false };
  if (error instanceof APIConnectionError) return { retry: true };
  if (error instanceof APIError && typeof error.status === 'number') {
    const retry = error.status === 429 || error.status >= 500;
    return { retry, afterMs: retry ? retryAfterMs(error.headers) : undefined };
  }
  return { retry: false };
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers?.get('retry-after'));
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  return undefined;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof APIConnectionTimeoutError) return `did not answer within ${timeoutMs} ms`;
  if (error instanceof APIConnectionError) return 'could not reach the Messages API';
  if (error instanceof APIError && typeof error.status === 'number') {
    if (error.status === 429) return 'was rate limited by the Messages API (429) on every try';
    if (error.status >= 500) return `got server errors from the Messages API (${error.status}) on every try`;
    if (error.status === 401 || error.status === 403) return `was refused by the Messages API (${error.status}): check ANTHROPIC_API_KEY`;
    return `got an error from the Messages API (${error.status}: ${error.apiMessage ?? 'no message'})`;
  }
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}
