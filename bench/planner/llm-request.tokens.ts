import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { Catalog } from '@chatbi/catalog';
import { planJsonSchema, type Plan } from '@chatbi/contracts';
import {
  PLAN_TOOL_NAME,
  anthropicRequestBody,
  buildPlanPrompt,
  chatCompletionsRequestBody,
  planTool,
  type PlanPrompt,
  type PlanTool,
  type PlannerInput,
} from '@chatbi/json-planner';
import { countTokens } from './approximate-tokenizer';
import { buildFullCatalogPrompt } from './full-catalog.prompt';

/** One request's input tokens: the prefix that is the same for every question on the view, and the rest. */
export interface RequestTokens {
  fixed: number;
  varying: number;
  /** The tool definition's share of `fixed`. */
  tool: number;
}

/** What each provider is sent for one question: its first request, and a repair turn's request. */
export interface QuestionTokens {
  anthropic: { first: RequestTokens; repair: RequestTokens };
  openai: { first: RequestTokens; repair: RequestTokens };
}

const MODEL = { model: 'bench' };
/** The repair turn a question would take if its first plan were refused with one error line. */
const REPAIR_ERRORS = ['filters.0.value: flagship is not a value of app_name; its values are main (Main app), lite'];

/**
 * Counts every part of the requests the LLM planners send for a question, built by the same code
 * the planners send them with: the tool definition, the system prompt, every message. For the
 * repair turn the refused answer is the plan the pipeline answered the question with.
 */
export function questionTokens(input: PlannerInput, answered: Plan | undefined): QuestionTokens {
  const request = { prompt: buildPlanPrompt(input), tool: planTool(input.view, input.catalog) };
  const plan = answered ?? { view: input.view.name, metrics: [] };
  const claudeAnswer = {
    toolInput: { ok: true as const, value: plan },
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    attempts: 1,
    message: { content: [{ type: 'tool_use', id: 'toolu_bench', name: PLAN_TOOL_NAME, input: plan }] } as unknown as Anthropic.Message,
  };
  const openaiAnswer = {
    ...claudeAnswer,
    message: {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id: 'call_bench', type: 'function', function: { name: PLAN_TOOL_NAME, arguments: JSON.stringify(plan) } }],
    } as OpenAI.Chat.Completions.ChatCompletionMessage,
  };
  return {
    anthropic: {
      first: anthropicTokens(anthropicRequestBody(request, MODEL)),
      repair: anthropicTokens(anthropicRequestBody({ ...request, repair: { answer: claudeAnswer, errors: REPAIR_ERRORS } }, MODEL)),
    },
    openai: {
      first: chatTokens(chatCompletionsRequestBody(request, MODEL)),
      repair: chatTokens(chatCompletionsRequestBody({ ...request, repair: { answer: openaiAnswer, errors: REPAIR_ERRORS } }, MODEL)),
    },
  };
}

/** The paper's baseline counted the same way: the whole catalog in the prompt and the whole plan schema as the tool. */
export function fullSchemaTokens(question: string, catalog: Catalog, today: string): RequestTokens {
  const prompt: PlanPrompt = buildFullCatalogPrompt(question, catalog, today);
  const { $schema: _dialect, ...schema } = planJsonSchema();
  const tool: PlanTool = { name: PLAN_TOOL_NAME, description: 'Submit the JSON plan for the question.', parameters: schema };
  return anthropicTokens(anthropicRequestBody({ prompt, tool }, MODEL));
}

/**
 * A Messages API request: tools, then system blocks, then message blocks, in the order the API
 * reads them; everything up to the last cache_control breakpoint is the fixed prefix.
 */
export function anthropicTokens(body: Anthropic.MessageCreateParams): RequestTokens {
  const parts: { tokens: number; breakpoint: boolean }[] = [];
  for (const tool of body.tools ?? []) parts.push({ tokens: countTokens(JSON.stringify(tool)), breakpoint: 'cache_control' in tool && Boolean(tool.cache_control) });
  const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
  for (const block of system) parts.push({ tokens: countTokens(block.text), breakpoint: Boolean(block.cache_control) });
  for (const m of body.messages) {
    const blocks = typeof m.content === 'string' ? [m.content] : m.content;
    for (const block of blocks) {
      const text = typeof block === 'string' ? block : block.type === 'text' ? block.text : JSON.stringify(block);
      parts.push({ tokens: countTokens(text), breakpoint: typeof block !== 'string' && 'cache_control' in block && Boolean(block.cache_control) });
    }
  }
  const cut = parts.map((p) => p.breakpoint).lastIndexOf(true) + 1;
  const sum = (list: typeof parts) => list.reduce((n, p) => n + p.tokens, 0);
  return { fixed: sum(parts.slice(0, cut)), varying: sum(parts.slice(cut)), tool: countTokens(JSON.stringify(body.tools ?? [])) };
}

/**
 * A chat-completions request: the tools and the leading system message are the prefix a server's
 * prompt cache (OpenAI's automatic caching, vLLM's prefix caching) keeps across a view's questions.
 */
export function chatTokens(body: OpenAI.Chat.Completions.ChatCompletionCreateParams): RequestTokens {
  const tool = countTokens(JSON.stringify(body.tools ?? []));
  const text = (m: OpenAI.Chat.Completions.ChatCompletionMessageParam) => {
    const content = typeof m.content === 'string' ? m.content : m.content ? JSON.stringify(m.content) : '';
    const calls = 'tool_calls' in m && m.tool_calls ? JSON.stringify(m.tool_calls) : '';
    return countTokens(content) + countTokens(calls);
  };
  const [first, ...rest] = body.messages;
  const system = first?.role === 'system' ? text(first) : 0;
  const others = first?.role === 'system' ? rest : body.messages;
  return { fixed: tool + system, varying: others.reduce((n, m) => n + text(m), 0), tool };
}
