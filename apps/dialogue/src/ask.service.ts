import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditLog } from '@chatbi/audit';
import { LOCAL_PRINCIPAL, accessOf, callerKey, type Principal } from '@chatbi/auth';
import {
  ChatbiError,
  publicError,
  scopedRequestId,
  systemClock,
  type Clock,
  MAX_QUESTION_LENGTH,
  TOPICS,
  askRequestSchema,
  type AnsweredMessage,
  type AskRequest,
  type AskMessage,
  type AskResponse,
  type FailedMessage,
} from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { CONVERSATION_STORE, type ConversationStore } from './conversation.store';
import { CONVERSATION_HISTORY } from './history/conversation-history.provider';
import type { ConversationHistoryService } from './history/conversation-history.service';
import { AnswerMetrics } from './metrics/answer.metrics';
import { PendingAnswers } from './pending-answers';
import { RecentReplies } from './replies/recent-replies';
import { StageLiveness } from './stages/stage-liveness';

export interface AskOptions {
  /** How long a caller waits for the whole pipeline. */
  askTimeoutMs: number;
  /** Stamps askedAt, the day every later stage reads the question against. */
  clock?: Clock;
  /** How long, and how many, replies to callers' own request ids are kept for a repeat (10 minutes, 1000 unless given). */
  replies?: { ttlMs: number; capacity: number };
}

export const ASK_OPTIONS = Symbol('ASK_OPTIONS');

/**
 * The public edge of the pipeline: validates a question, sends it down the bus as the caller (their
 * roles and attributes choose the catalog's access rules further on), waits for the answer, and
 * records the outcome in the audit log.
 */
@Injectable()
export class AskService {
  private readonly logger = new Logger(AskService.name);
  private readonly pending = new PendingAnswers();
  private readonly replies: RecentReplies<AskResponse>;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(ASK_OPTIONS) private readonly options: AskOptions,
    @Inject(CONVERSATION_STORE) private readonly conversations: ConversationStore,
    @Optional() private readonly audit?: AuditLog,
    @Optional() @Inject(CONVERSATION_HISTORY) private readonly history?: ConversationHistoryService | null,
    @Optional() private readonly stages?: StageLiveness,
    @Optional() private readonly metrics?: AnswerMetrics,
  ) {
    const kept = options.replies ?? { ttlMs: 10 * 60_000, capacity: 1_000 };
    this.replies = new RecentReplies(kept.ttlMs, kept.capacity);
  }

  /**
   * principal: who asks, as the API authenticated them; the command line asks as LOCAL_PRINCIPAL.
   * Only a caller nobody authenticated may name a `user` in the body. The caller's own request id
   * (in the body, or from the API's envelope as `callerRequestId`) makes the question idempotent:
   * a repeat of it by the same caller gets the same reply, and another caller's id is another question.
   */
  async ask(body: unknown, principal: Principal = LOCAL_PRINCIPAL, callerRequestId?: string): Promise<AskResponse> {
    const parsed = askRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const ownId = callerRequestId ?? parsed.data.requestId;
    if (!ownId) {
      const id = randomUUID();
      return this.run(parsed.data, principal, id, id);
    }
    const requestId = scopedRequestId(callerKey(principal), ownId);
    return this.replies.reply(requestId, () => this.run(parsed.data, principal, ownId, requestId), repeatsTheSame);
  }

  private async run(request: AskRequest, principal: Principal, callerRequestId: string, requestId: string): Promise<AskResponse> {
    const question = normalizeQuestion(request.question);
    const user = principal.via === 'local' ? (request.user ?? principal.user) : principal.user;
    if (this.pending.has(requestId)) {
      throw new ChatbiError('REQUEST_IN_FLIGHT', `Your question ${callerRequestId} is still waiting for its answer; send another requestId, or none.`);
    }
    const sessionId = request.sessionId ?? randomUUID();
    if (request.sessionId) await this.checkOwner(sessionId, user);
    const message: AskMessage = {
      requestId,
      sessionId,
      user,
      access: accessOf(principal),
      askedAt: (this.options.clock ?? systemClock).now().toISOString(),
      timings: {},
      warnings: [],
      question,
    };
    this.stages?.assertAvailable();
    const started = performance.now();
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
    const audited = { kind: 'ask' as const, user, via: principal.via, requestId, sessionId, question };
    let answered: AnsweredMessage;
    try {
      answered = await answer;
    } catch (error) {
      const failure = ChatbiError.from(error);
      await this.audit?.record({ ...audited, outcome: failure.code, detail: failure.message, durationMs: Math.round(performance.now() - started) });
      const shown = publicError(failure, callerRequestId);
      if (shown !== failure) this.logger.warn(`${failure.code} for request ${callerRequestId} (${requestId}): ${failure.message}`);
      await this.history?.record(user, sessionId, callerRequestId, question, { error: shown.toBody() });
      throw shown;
    }
    await this.audit?.record({
      ...audited,
      outcome: 'answered',
      plan: answered.plan,
      sql: answered.sql.text,
      params: answered.sql.params,
      rowCount: answered.rows.length,
      durationMs: Math.round(performance.now() - started),
    });
    const response = { ...toResponse(answered), requestId: callerRequestId };
    await this.history?.record(user, sessionId, callerRequestId, question, { answer: response });
    return response;
  }

  /** Another user's session is answered as if it did not exist: its id tells nothing. */
  private async checkOwner(sessionId: string, user: string): Promise<void> {
    let owner: string | undefined;
    try {
      owner = await this.conversations.owner(sessionId);
    } catch (error) {
      this.logger.error(`session ${sessionId} not checked: ${(error as Error).message}`);
      throw new ChatbiError('METADATA_UNAVAILABLE', 'ChatBI cannot read its conversations right now; please try again later.');
    }
    if (owner !== undefined && owner !== user) {
      throw new ChatbiError('SESSION_NOT_FOUND', `There is no conversation ${sessionId} of yours; leave sessionId out to start one.`);
    }
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
    if (this.pending.settle(message.requestId, { ok: true, answer: message })) this.metrics?.stages(message.timings);
  }

  settleFailed(message: FailedMessage): void {
    if (this.pending.settle(message.requestId, { ok: false, failure: message })) this.metrics?.stages(message.timings);
  }
}

/** A failure a repeat would meet again (a question ChatBI cannot answer) is kept; a timeout or an outage is worth retrying. */
function repeatsTheSame(error: unknown): boolean {
  const status = ChatbiError.from(error).httpStatus;
  return status < 500 && status !== 409 && status !== 429;
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
