import type Anthropic from '@anthropic-ai/sdk';
import type { TokenUsage } from '@chatbi/contracts';

export interface PlannerModelRequest {
  system: string;
  messages: Anthropic.MessageParam[];
  tool: Anthropic.Tool;
  /** Epoch milliseconds: the request, its retries included, must be over by then. */
  deadline: number;
}

export interface PlannerModelReply {
  content: Anthropic.ContentBlock[];
  usage: TokenUsage;
  stopReason: string | null;
  /** HTTP attempts it took (1 without retries). */
  attempts: number;
}

/** Sends one planning turn to a model that must answer with a call of the given tool. */
export interface PlannerModelClient {
  send(request: PlannerModelRequest): Promise<PlannerModelReply>;
}

/** A model call that failed for good; `reason` completes "The Claude planner ...". */
export class PlannerModelError extends Error {
  constructor(
    readonly reason: string,
    readonly spent: TokenUsage = { prompt: 0, response: 0 },
  ) {
    super(reason);
    this.name = 'PlannerModelError';
  }
}
