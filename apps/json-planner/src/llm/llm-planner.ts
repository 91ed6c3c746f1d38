import { Logger } from '@nestjs/common';
import type { TokenUsage } from '@chatbi/contracts';
import type { Planner, PlannerInput, PlannerOutput } from '../planner';
import { buildPlanPrompt } from './plan-prompt.builder';
import { checkToolPlan, type PlanCheck } from './plan-tool-input.validator';
import { planTool } from './plan-tool.schema';
import { NO_TOKENS, PlannerModelError, addUsage, type PlannerModelAnswer, type PlannerModelClient } from './planner-model.client';

/**
 * Plans with an LLM (Claude, or a model behind an OpenAI-compatible endpoint): one turn with the
 * prompt and the selected view's plan tool, one repair turn with the validation errors when the
 * tool input is not a valid plan for the view, and the fallback planner (offline) with a warning
 * when that fails too or the API does. Tokens spent are reported either way, from the API's usage.
 */
export class LlmPlanner<M = unknown> implements Planner {
  readonly name: string;
  private readonly logger = new Logger(LlmPlanner.name);

  constructor(
    private readonly client: PlannerModelClient<M>,
    private readonly fallback: Planner,
    private readonly timeoutMs: number,
  ) {
    this.name = client.name;
  }

  async plan(input: PlannerInput): Promise<PlannerOutput> {
    const deadline = Date.now() + this.timeoutMs;
    const request = { prompt: buildPlanPrompt(input), tool: planTool(input.view, input.catalog), deadline };
    let spent = NO_TOKENS;
    const turn = async (repair?: { answer: PlannerModelAnswer<M>; errors: string[] }) => {
      const answer = await this.client.send({ ...request, ...(repair ? { repair } : {}) });
      spent = addUsage(spent, answer.usage);
      return { answer, check: this.check(answer, input) };
    };

    let reason: string;
    try {
      const first = await turn();
      if (first.check.ok) return this.answer(first.check, spent);
      const second = await turn({ answer: first.answer, errors: first.check.errors });
      if (second.check.ok) return this.answer(second.check, spent);
      reason = `gave an invalid plan twice (${second.check.errors.slice(0, 2).join('; ')})`;
    } catch (error) {
      if (!(error instanceof PlannerModelError)) throw error;
      reason = error.reason;
    }
    this.logger.warn(`falling back to the ${this.fallback.name} planner: the ${this.client.label} planner ${reason}`);
    const out = await this.fallback.plan(input);
    return {
      ...out,
      report: { ...out.report, tokens: spent === NO_TOKENS ? out.report.tokens : spent },
      warnings: [...(out.warnings ?? []), `The ${this.client.label} planner ${reason}; the ${this.fallback.name} planner answered instead.`],
    };
  }

  private check(answer: PlannerModelAnswer<M>, input: PlannerInput): PlanCheck {
    if (!answer.toolInput.ok) return { ok: false, errors: [answer.toolInput.error] };
    return checkToolPlan(answer.toolInput.value, input.view, input.catalog);
  }

  private answer(check: Extract<PlanCheck, { ok: true }>, spent: TokenUsage): PlannerOutput {
    return { plan: check.plan, report: { planner: this.name, unusedWords: [], guesses: [], tokens: spent } };
  }
}
