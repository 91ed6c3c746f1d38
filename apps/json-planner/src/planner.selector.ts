import { AnthropicMessagesClient } from './claude/anthropic-messages.client';
import type { JsonPlannerOptions } from './json-planner.options';
import { LlmPlanner } from './llm/llm-planner';
import type { OfflinePlanner } from './offline/offline-planner';
import { OpenAiChatClient } from './openai/openai-chat.client';
import type { Planner } from './planner';

/**
 * Claude when an Anthropic key is configured, else a model behind an OpenAI-compatible endpoint
 * when one is (both fall back to the offline planner); the offline planner alone otherwise.
 */
export function selectPlanner(options: JsonPlannerOptions, offline: OfflinePlanner): Planner {
  if (options.claude?.apiKey) return new LlmPlanner(new AnthropicMessagesClient(options.claude), offline, options.claude.timeoutMs);
  if (options.openai) return new LlmPlanner(new OpenAiChatClient(options.openai), offline, options.openai.timeoutMs);
  return offline;
}
