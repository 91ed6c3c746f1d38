import type { TokenUsage } from '@chatbi/contracts';
import type { PlanPrompt } from './plan-prompt.builder';
import type { PlanTool } from './plan-tool.schema';

/** One planning turn: the prompt and tool of the question, and for a repair turn the refused answer. */
export interface PlannerModelRequest<M> {
  prompt: PlanPrompt;
  tool: PlanTool;
  /** The answer that was refused and why, sent back so that the model corrects it. */
  repair?: { answer: PlannerModelAnswer<M>; errors: string[] };
  /** Epoch milliseconds: the request, its retries included, must be over by then. */
  deadline: number;
}

export type ToolInput = { ok: true; value: unknown } | { ok: false; error: string };

export interface PlannerModelAnswer<M> {
  /** The plan tool's input, or why the answer has none (no call, arguments that are not JSON). */
  toolInput: ToolInput;
  usage: TokenUsage;
  /** HTTP attempts it took (1 without retries). */
  attempts: number;
  /** The provider's own message, replayed in a repair turn. */
  message: M;
}

/** Sends one planning turn to a model that must answer with a call of the plan tool. */
export interface PlannerModelClient<M = unknown> {
  /** The planner's name in reports ("claude", "openai"). */
  readonly name: string;
  /** How warnings call it: "The Claude planner ...". */
  readonly label: string;
  send(request: PlannerModelRequest<M>): Promise<PlannerModelAnswer<M>>;
}

/** A model call that failed for good; `reason` completes "The Claude planner ...". */
export class PlannerModelError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PlannerModelError';
  }
}

/** The text a repair turn answers an invalid plan with. */
export function repairText(errors: string[], toolName: string): string {
  return `The plan is invalid:\n${errors.map((e) => `- ${e}`).join('\n')}\nCall ${toolName} again with a corrected plan.`;
}

export const NO_TOKENS: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}
