import { Logger } from '@nestjs/common';
import { ChatbiError, FailedMessage, MessageEnvelope, TOPICS, type Topic } from '@chatbi/contracts';
import type { MessageBus } from './message-bus';

const logger = new Logger('Stage');

/**
 * Runs one pipeline stage on a message: times it, publishes the result on the next topic, or
 * publishes a clear failure so that the caller always hears back.
 */
export async function runStage<In extends MessageEnvelope & { question: string; view?: string }, Out extends MessageEnvelope>(
  bus: MessageBus,
  stage: string,
  input: In,
  next: Topic,
  work: (input: In) => Promise<Out>,
): Promise<void> {
  const started = performance.now();
  let output: Out;
  try {
    output = await work(input);
  } catch (error) {
    const failure = ChatbiError.from(error);
    if (failure.code === 'INTERNAL') logger.error(`${stage} failed on ${input.requestId}`, error as Error);
    const failed: FailedMessage = {
      requestId: input.requestId,
      sessionId: input.sessionId,
      user: input.user,
      askedAt: input.askedAt,
      timings: { ...input.timings, [stage]: elapsed(started) },
      warnings: input.warnings,
      stage,
      question: input.question,
      error: failure.toBody(),
      ...(input.view ? { view: input.view } : {}),
    };
    await bus.publish(TOPICS.failed, input.sessionId, failed);
    return;
  }
  output.timings = { ...output.timings, [stage]: elapsed(started) };
  await bus.publish(next, input.sessionId, output);
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
