import { AnthropicMessagesClient } from './claude/anthropic-messages.client';
import { ClaudePlanner } from './claude/claude-planner';
import type { JsonPlannerOptions } from './json-planner.options';
import type { OfflinePlanner } from './offline/offline-planner';
import type { Planner } from './planner';

/** Claude (falling back to the offline planner) when an API key is configured; the offline planner otherwise. */
export function selectPlanner(options: JsonPlannerOptions, offline: OfflinePlanner): Planner {
  const claude = options.claude;
  if (!claude?.apiKey) return offline;
  return new ClaudePlanner(new AnthropicMessagesClient(claude), offline, claude.timeoutMs);
}
