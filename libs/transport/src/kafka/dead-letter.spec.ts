import { TOPICS } from '@chatbi/contracts';
import { deadLetterFailure } from './dead-letter';

describe('deadLetterFailure', () => {
  const message = { requestId: 'r1', sessionId: 's1', user: 'u', askedAt: '2026-01-01T00:00:00Z', timings: { dialogue: 1 }, warnings: [], question: 'DAU', view: 'v' };

  it('fails a question whose pipeline message was set aside, naming the stage and the dead-letter topic', () => {
    const failure = deadLetterFailure(TOPICS.planned, 'sql-templater', message, 4)!;
    expect(failure).toMatchObject({ requestId: 'r1', sessionId: 's1', stage: 'sql-templater', question: 'DAU', view: 'v' });
    expect(failure.error.code).toBe('INTERNAL');
    expect(failure.error.message).toContain('4 times');
    expect(failure.error.message).toContain(TOPICS.deadLetter);
  });

  it('sends no notice for answers, failures or messages that are not questions', () => {
    expect(deadLetterFailure(TOPICS.answered, 'view-advisor', message, 4)).toBeUndefined();
    expect(deadLetterFailure(TOPICS.failed, 'dialogue', message, 4)).toBeUndefined();
    expect(deadLetterFailure(TOPICS.ask, 'dialogue', { question: 'no ids' }, 4)).toBeUndefined();
  });
});
