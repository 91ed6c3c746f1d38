import { TOPICS, type FailedMessage, type MessageEnvelope, type Topic } from '@chatbi/contracts';

/** What goes to chatbi.dead-letter: the message as it came, where from, and why it was set aside. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The message value as received (text, since it may not even be JSON). */
  value: string | null;
  consumer: string;
  attempts: number;
  error: string;
  failedAt: string;
}

/** Pipeline topics whose sender waits for an answer: a message set aside there must fail the question. */
const QUESTION_TOPICS = new Set<string>([TOPICS.ask, TOPICS.resolved, TOPICS.viewSelected, TOPICS.planned, TOPICS.rendered]);

/**
 * The chatbi.failed notice for a question whose message was set aside, so that the person who
 * asked hears a clear error instead of waiting for a timeout. Undefined for other topics.
 */
export function deadLetterFailure(topic: Topic | string, stage: string, message: unknown, attempts: number): FailedMessage | undefined {
  if (!QUESTION_TOPICS.has(topic) || !isEnvelope(message)) return undefined;
  const m = message as MessageEnvelope & { question?: unknown; view?: unknown };
  return {
    requestId: m.requestId,
    sessionId: m.sessionId,
    user: typeof m.user === 'string' ? m.user : 'anonymous',
    askedAt: typeof m.askedAt === 'string' ? m.askedAt : new Date().toISOString(),
    timings: m.timings && typeof m.timings === 'object' ? m.timings : {},
    warnings: Array.isArray(m.warnings) ? m.warnings : [],
    stage,
    question: typeof m.question === 'string' ? m.question : '',
    error: {
      code: 'INTERNAL',
      message: `The ${stage} stage failed on this question ${attempts} times in a row; it was set aside on ${TOPICS.deadLetter} for an operator. Please try again later.`,
      details: { stage, topic, attempts, deadLetterTopic: TOPICS.deadLetter },
    },
    ...(typeof m.view === 'string' ? { view: m.view } : {}),
  };
}

function isEnvelope(message: unknown): message is MessageEnvelope {
  const m = message as Partial<MessageEnvelope> | null;
  return typeof m === 'object' && m !== null && typeof m.requestId === 'string' && typeof m.sessionId === 'string';
}
