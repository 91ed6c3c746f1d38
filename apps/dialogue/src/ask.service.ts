import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ChatbiError,
  systemClock,
  type Clock,
  MAX_QUESTION_LENGTH,
  TOPICS,
  askRequestSchema,
  type AnsweredMessage,
  type AskMessage,
  type AskResponse,
  type FailedMessage,
} from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { PendingAnswers } from './pending-answers';

export interface AskOptions {
  /** How long a caller waits for the whole pipeline. */
  askTimeoutMs: number;
  /** Stamps askedAt, the day every later stage reads the question against. */
  clock?: Clock;
}

export const ASK_OPTIONS = Symbol('ASK_OPTIONS');

/** The public edge of the pipeline: validates a question, sends it down the bus, waits for the answer. */
@Injectable()
export class AskService {
  private readonly pending = new PendingAnswers();

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ASK_OPTIONS) private readonly options: AskOptions,
  ) {}

  /** signedUser: the user a trusted proxy signed for this request; it wins over the body's `user`. */
  async ask(body: unknown, signedUser?: string): Promise<AskResponse> {
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const question = normalizeQuestion(parsed.data.question);
    const requestId = parsed.data.requestId ?? randomUUID();
    const sessionId = parsed.data.sessionId ?? randomUUID();
    const message: AskMessage = {
      requestId,
      sessionId,
      user: signedUser ?? parsed.data.user ?? 'anonymous',
      askedAt: (this.options.clock ?? systemClock).now().toISOString(),
      timings: {},
      warnings: [],
      question,
    };
    const answer = this.pending.wait(requestId, this.options.askTimeoutMs);
    try {
      await this.bus.publish(TOPICS.ask, sessionId, message);
    } catch {
      this.pending.cancel(requestId);
      throw new ChatbiError(
        'PIPELINE_TIMEOUT',
        'The question could not be handed to the pipeline in time (the message bus is unavailable). Please try again in a moment.',
      );
    }
    return toResponse(await answer);
  }

  /** Questions of this instance still waiting for their answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Waits until every question asked here has its answer or error (a graceful shutdown), at most timeoutMs. */
  drain(timeoutMs: number): Promise<boolean> {
    return this.pending.whenIdle(timeoutMs);
  }

  settleAnswered(message: AnsweredMessage): void {
    this.pending.settle(message.requestId, { ok: true, answer: message });
  }

  settleFailed(message: FailedMessage): void {
    this.pending.settle(message.requestId, { ok: false, failure: message });
  }
}

/** Trims, drops control characters and enforces the length bounds with specific errors. */
export function normalizeQuestion(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const question = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (question.length === 0) throw new ChatbiError('QUESTION_EMPTY', 'Please type a question, for example "DAU of the main app over the last 7 days".');
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new ChatbiError(
      'QUESTION_TOO_LONG',
      `A question may have at most ${MAX_QUESTION_LENGTH} characters; this one has ${question.length}. Ask one thing at a time.`,
      { maxLength: MAX_QUESTION_LENGTH, length: question.length },
    );
  }
  return question;
}

export function toResponse(m: AnsweredMessage): AskResponse {
  return {
    requestId: m.requestId,
    sessionId: m.sessionId,
    user: m.user,
    question: m.question,
    resolvedQuestion: m.resolvedQuestion,
    view: m.view,
    plan: m.plan,
    sql: m.sql.text,
    sqlParams: m.sql.params,
    dialect: m.sql.dialect,
    columns: m.columns,
    rows: m.rows,
    truncated: m.truncated,
    chart: m.chart,
    timings: m.timings,
    tokens: m.planner.tokens,
    warnings: m.warnings,
    planner: m.planner,
    ...(m.completenessBy || m.viewRankedBy ? { decidedBy: { completeness: m.completenessBy, viewRanking: m.viewRankedBy } } : {}),
    ...(m.semanticReport ? { semantic: m.semanticReport } : {}),
    ...(m.total ? { total: m.total } : {}),
  };
}
