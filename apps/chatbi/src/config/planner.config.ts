import { z } from 'zod';
import type { JsonPlannerOptions, LlmPlannerOptions } from '@chatbi/json-planner';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const PLANNER_CHOICES = ['auto', 'offline', 'claude', 'openai'] as const;

/** Which planner fills the plan, and the endpoints of the LLM planners; part of the ChatBI configuration. */
export const plannerConfigShape = {
  /**
   * auto: Claude with ANTHROPIC_API_KEY, the OpenAI-compatible planner with CHATBI_OPENAI_MODEL,
   * the offline planner with neither. Both LLM planners fall back to the offline one.
   */
  CHATBI_PLANNER: z.enum(PLANNER_CHOICES).default('auto'),
  /** With a key the Claude planner can plan (and semantic operators have their oracle). */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** A Messages API endpoint other than Anthropic's (e.g. a gateway); the SDK's default when unset. */
  CHATBI_ANTHROPIC_BASE_URL: z.string().url().optional(),
  /** The Claude model of the planner. */
  CHATBI_ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
  /** An OpenAI-compatible chat-completions endpoint: vLLM (http://host:8000/v1), Ollama (http://host:11434/v1); OpenAI's own by default. */
  CHATBI_OPENAI_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+/, 'must be an http(s):// URL, e.g. http://127.0.0.1:8000/v1 (vLLM) or http://127.0.0.1:11434/v1 (Ollama)')
    .optional(),
  /** The model the endpoint serves, as it names it (Qwen/Qwen2.5-7B-Instruct on vLLM, qwen2.5:7b on Ollama). */
  CHATBI_OPENAI_MODEL: z.string().min(1).optional(),
  /** Sent as a bearer token; a self-hosted server without keys needs none. */
  CHATBI_OPENAI_API_KEY: z.string().min(1).optional(),
  /** An LLM planner's time for one question, retries and the repair turn included. */
  CHATBI_PLANNER_TIMEOUT_MS: positiveInt(20_000),
};

const plannerConfigSchema = z.object(plannerConfigShape);
export type PlannerConfig = z.infer<typeof plannerConfigSchema>;

/** The planner the settings choose, or the problems that keep them from choosing one. */
export function chosenPlanner(config: PlannerConfig): { planner: 'offline' | 'claude' | 'openai'; issues: string[] } {
  const openaiAsked = Boolean(config.CHATBI_OPENAI_BASE_URL || config.CHATBI_OPENAI_MODEL);
  let planner: 'offline' | 'claude' | 'openai';
  if (config.CHATBI_PLANNER !== 'auto') planner = config.CHATBI_PLANNER;
  else if (config.ANTHROPIC_API_KEY && openaiAsked) {
    return {
      planner: 'offline',
      issues: ['CHATBI_PLANNER: both ANTHROPIC_API_KEY and an OpenAI-compatible endpoint (CHATBI_OPENAI_*) are set; choose the planner with CHATBI_PLANNER=claude or CHATBI_PLANNER=openai'],
    };
  } else planner = config.ANTHROPIC_API_KEY ? 'claude' : openaiAsked ? 'openai' : 'offline';

  const issues: string[] = [];
  if (planner === 'claude' && !config.ANTHROPIC_API_KEY) issues.push('ANTHROPIC_API_KEY: the Claude planner (CHATBI_PLANNER=claude) needs a key');
  if (planner === 'openai') {
    if (!config.CHATBI_OPENAI_MODEL) issues.push('CHATBI_OPENAI_MODEL: the OpenAI-compatible planner needs the name of the model its endpoint serves');
    if (!config.CHATBI_OPENAI_BASE_URL && !config.CHATBI_OPENAI_API_KEY) {
      issues.push('CHATBI_OPENAI_API_KEY: without CHATBI_OPENAI_BASE_URL the planner calls OpenAI\'s API, which needs a key; set CHATBI_OPENAI_BASE_URL for a self-hosted server');
    }
  }
  return { planner, issues };
}

/** The json-planner's options: the chosen LLM planner on top of the offline one, or the offline planner alone. */
export function jsonPlannerOptionsOf(config: PlannerConfig): JsonPlannerOptions {
  const { planner, issues } = chosenPlanner(config);
  if (issues.length > 0) throw new Error(issues.join('\n'));
  const common: Pick<LlmPlannerOptions, 'timeoutMs'> = { timeoutMs: config.CHATBI_PLANNER_TIMEOUT_MS };
  if (planner === 'claude') {
    return { claude: { ...common, apiKey: config.ANTHROPIC_API_KEY!, baseURL: config.CHATBI_ANTHROPIC_BASE_URL, model: config.CHATBI_ANTHROPIC_MODEL } };
  }
  if (planner === 'openai') {
    return {
      openai: {
        ...common,
        // The SDK insists on a key; a server without keys ignores it.
        apiKey: config.CHATBI_OPENAI_API_KEY ?? 'no-key',
        baseURL: config.CHATBI_OPENAI_BASE_URL,
        model: config.CHATBI_OPENAI_MODEL!,
      },
    };
  }
  return {};
}
