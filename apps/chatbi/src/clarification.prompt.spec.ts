import { PassThrough } from 'node:stream';
import { ChatbiError, type ClarificationCandidate } from '@chatbi/contracts';
import { candidatesOf, formatCandidates, pickCandidate, promptCandidate } from './clarification.prompt';

const candidates: ClarificationCandidate[] = [
  { kind: 'value', label: 'Nanjing', column: 'city', view: 'user_activity_daily', question: 'DAU in Nanjing' },
  { kind: 'column', label: 'channel', column: 'channel', view: 'user_activity_daily', question: 'DAU by channel' },
];

describe('clarification prompt', () => {
  it('reads the candidates of NEEDS_CLARIFICATION only', () => {
    expect(candidatesOf(new ChatbiError('NEEDS_CLARIFICATION', 'unsure', { words: ['x'], candidates }))).toEqual(candidates);
    expect(candidatesOf(new ChatbiError('NO_METRIC_FOUND', 'no metric', { candidates }))).toEqual([]);
    expect(candidatesOf(new Error('boom'))).toEqual([]);
  });

  it('numbers each reading with where it comes from and the question it asks', () => {
    expect(formatCandidates(candidates)).toBe(
      ['Did you mean:', '  1. Nanjing (a value of user_activity_daily.city): DAU in Nanjing', '  2. channel (the column user_activity_daily.channel): DAU by channel'].join('\n'),
    );
  });

  it('picks by number and nothing else', () => {
    expect(pickCandidate(candidates, ' 2 ')).toBe(candidates[1]);
    expect(pickCandidate(candidates, '3')).toBeUndefined();
    expect(pickCandidate(candidates, '0')).toBeUndefined();
    expect(pickCandidate(candidates, 'Nanjing')).toBeUndefined();
    expect(pickCandidate(candidates, '')).toBeUndefined();
  });

  it('prompts and reads the choice from the input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const chosen = promptCandidate(candidates, input, output);
    input.end('1\n');
    expect(await chosen).toBe(candidates[0]);
    expect(written).toContain('  1. Nanjing');
    expect(written).toContain('Choose 1-2 (Enter for none): ');
  });

  it('chooses none when the input ends without an answer', async () => {
    const input = new PassThrough();
    const chosen = promptCandidate(candidates, input, new PassThrough());
    input.end();
    expect(await chosen).toBeUndefined();
  });
});
