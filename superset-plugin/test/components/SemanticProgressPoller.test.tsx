import React from 'react';
import { act, render } from '@testing-library/react';
import type { AskProgress } from '../../src/api/answerTypes';
import SemanticProgressPoller from '../../src/components/SemanticProgressPoller';
import { semanticSummary } from '../../src/components/semanticText';

type RunningProgress = Exclude<AskProgress, { state: 'pending' }>;

const judging = (rowsSeen: number, oracleCalls: number): RunningProgress => ({
  requestId: 'panel-q-1',
  state: 'judging',
  operator: 0,
  operators: 1,
  instruction: 'complains about login',
  rowsIn: 412,
  rowsSeen,
  rowsDecided: rowsSeen,
  oracleCalls,
  undecided: 1,
  thresholds: [
    { partition: 0, low: 0.123, high: 0.91 },
    { partition: 1, low: null, high: 0.875 },
  ],
});

describe('SemanticProgressPoller', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Lets the timers run for ms and the poll's promise settle. */
  const elapse = (ms: number) => act(async () => void (await jest.advanceTimersByTimeAsync(ms)));
  const line = () => document.querySelector('.semantic-progress')?.textContent ?? null;

  it('polls every 500 ms, one poll at a time, and shows rows seen, LLM calls and thresholds', async () => {
    const replies: AskProgress[] = [{ requestId: 'panel-q-1', state: 'pending' }, judging(200, 40), judging(412, 58)];
    const fetchProgress = jest.fn(async () => replies.shift() ?? judging(412, 58));
    render(<SemanticProgressPoller requestId="panel-q-1" fetchProgress={fetchProgress} />);

    expect(fetchProgress).not.toHaveBeenCalled();
    await elapse(499);
    expect(fetchProgress).not.toHaveBeenCalled();
    await elapse(1);
    expect(fetchProgress).toHaveBeenCalledWith('panel-q-1');
    expect(line()).toBeNull(); // pending: no cascade yet
    await elapse(500);
    expect(fetchProgress).toHaveBeenCalledTimes(2);
    expect(line()).toBe('Judging “complains about login”: 200 of 412 rows seen, 40 sent to the LLM, 1 undecided · thresholds 0.12–0.91, −∞–0.88');
    await elapse(500);
    expect(line()).toContain('412 of 412 rows seen, 58 sent to the LLM');
  });

  it('waits for a slow poll before scheduling the next', async () => {
    let release!: (p: AskProgress) => void;
    const fetchProgress = jest.fn(() => new Promise<AskProgress>((resolve) => (release = resolve)));
    render(<SemanticProgressPoller requestId="panel-q-1" fetchProgress={fetchProgress} />);
    await elapse(2_000);
    expect(fetchProgress).toHaveBeenCalledTimes(1);
    await act(async () => release(judging(10, 2)));
    await elapse(500);
    expect(fetchProgress).toHaveBeenCalledTimes(2);
  });

  it('stops when unmounted: the answer arrived', async () => {
    const fetchProgress = jest.fn(async () => judging(10, 2));
    const { unmount } = render(<SemanticProgressPoller requestId="panel-q-1" fetchProgress={fetchProgress} />);
    await elapse(1_000);
    expect(fetchProgress).toHaveBeenCalledTimes(2);
    unmount();
    await elapse(5_000);
    expect(fetchProgress).toHaveBeenCalledTimes(2);
  });

  it('stops when the cascade is done, and after three failed polls in a row', async () => {
    const done = jest.fn(async (): Promise<AskProgress> => ({ ...judging(412, 58), state: 'done' }));
    render(<SemanticProgressPoller requestId="panel-q-1" fetchProgress={done} />);
    await elapse(5_000);
    expect(done).toHaveBeenCalledTimes(1);
    expect(line()).toMatch(/^Judged “complains about login”: 412 of 412 rows seen/);

    const failing = jest.fn(async (): Promise<AskProgress> => {
      throw new Error('404');
    });
    render(<SemanticProgressPoller requestId="panel-q-2" fetchProgress={failing} />);
    await elapse(10_000);
    expect(failing).toHaveBeenCalledTimes(3);
  });

  it('words the final report as "N rows judged, M by the LLM, U undecided"', () => {
    const report = {
      op: 'ai_filter' as const,
      instruction: 'complains about login',
      algorithm: 'gamcal',
      rowsIn: 412,
      rowsOut: 37,
      proxyDecided: 351,
      oracleDecided: 58,
      undecided: 3,
      undecidedReasons: { 'oracle timed out': 2, 'text is empty': 1 },
      oracleCalls: 60,
      thresholds: [],
    };
    expect(semanticSummary(report)).toBe('412 rows judged, 58 by the LLM, 3 undecided (2 oracle timed out, 1 text is empty)');
    expect(semanticSummary({ ...report, undecided: 0, undecidedReasons: {} })).toBe('412 rows judged, 58 by the LLM, 0 undecided');
  });
});
