import type Anthropic from '@anthropic-ai/sdk';
import { Logger } from '@nestjs/common';
import type { TokenUsage } from '@chatbi/contracts';
import type { Planner, PlannerInput, PlannerOutput } from '../planner';
import { buildPlanPrompt } from './plan-prompt.builder';
import { checkToolPlan, type PlanCheck } from './plan-tool-input.validator';
import { PLAN_TOOL_NAME, planTool } from './plan.tool';
import { PlannerModelError, type PlannerModelClient, type PlannerModelReply } from './planner-model.client';

/**
 * Plans with Claude: one turn with the prompt and the plan tool, one repair turn with the
 * validation errors when the tool input is not a valid plan for the selected view, and the
 * fallback planner (offline) with a warning when that fails too or the API does. Tokens spent are
 * reported either way, from the API's usage.
 */
export class ClaudePlanner implements Planner {
  readonly name = 'claude';
  private readonly logger = new Logger(ClaudePlanner.name);

  constructor(
    private readonly client: PlannerModelClient,
    private readonly fallback: Planner,
    private readonly timeoutMs: number,
  ) {}

  async plan(input: PlannerInput): Promise<PlannerOutput> {
    const deadline = Date.now() + this.timeoutMs;
    const prompt = buildPlanPrompt(input);
    const tool = planTool();
    const spent: TokenUsage = { prompt: 0, response: 0 };
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt.user }];
    const turn = async (): Promise<{ reply: PlannerModelReply; check: PlanCheck }> => {
      const reply = await this.client.send({ system: prompt.system, messages, tool, deadline });
      spent.prompt += reply.usage.prompt;
      spent.response += reply.usage.response;
      return { reply, check: this.check(reply, input) };
    };

    let reason: string;
    try {
      const first = await turn();
      if (first.check.ok) return this.answer(first.check, spent);
      messages.push(assistantMessage(first.reply), repairMessage(first.reply, first.check.errors));
      const second = await turn();
      if (second.check.ok) return this.answer(second.check, spent);
      reason = `gave an invalid plan twice (${second.check.errors.slice(0, 2).join('; ')})`;
    } catch (error) {
      if (!(error instanceof PlannerModelError)) throw error;
      reason = error.reason;
    }
    this.logger.warn(`falling back to the ${this.fallback.name} planner: the Claude planner ${reason}`);
    const out = await this.fallback.plan(input);
    return {
      ...out,
      report: { ...out.report, tokens: spent.prompt + spent.response > 0 ? spent : out.report.tokens },
      warnings: [...(out.warnings ?? []), `The Claude planner ${reason}; the ${this.fallback.name} planner answered instead.`],
    };
  }

  private check(reply: PlannerModelReply, input: PlannerInput): PlanCheck {
    const call = toolCall(reply);
    if (!call) return { ok: false, errors: [`no call of ${PLAN_TOOL_NAME}: answer only by calling it`] };
    return checkToolPlan(call.input, input.view, input.catalog);
  }

  private answer(check: Extract<PlanCheck, { ok: true }>, spent: TokenUsage): PlannerOutput {
    return { plan: check.plan, report: { planner: this.name, unusedWords: [], guesses: [], tokens: spent } };
  }
}

function toolCall(reply: PlannerModelReply): Anthropic.ToolUseBlock | undefined {
  return reply.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === PLAN_TOOL_NAME);
}

function assistantMessage(reply: PlannerModelReply): Anthropic.MessageParam {
  const content = reply.content.length > 0 ? (reply.content as Anthropic.ContentBlockParam[]) : [{ type: 'text' as const, text: '(no answer)' }];
  return { role: 'assistant', content };
}

/** The user turn after an invalid answer: the errors as the tool's result (or as text without a tool call). */
function repairMessage(reply: PlannerModelReply, errors: string[]): Anthropic.MessageParam {
  const text = `The plan is invalid:\n${errors.map((e) => `- ${e}`).join('\n')}\nCall ${PLAN_TOOL_NAME} again with a corrected plan.`;
  const calls = reply.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
  if (calls.length === 0) return { role: 'user', content: text };
  return {
    role: 'user',
    content: calls.map((c) => ({ type: 'tool_result' as const, tool_use_id: c.id, is_error: true, content: text })),
  };
}
