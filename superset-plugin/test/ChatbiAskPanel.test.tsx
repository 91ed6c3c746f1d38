import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ThemeProvider, supersetTheme } from '@superset-ui/core';
import ChatbiAskPanel from '../src/ChatbiAskPanel';
import type { ChatbiAskPanelProps } from '../src/types';
import { recordedAnswer, recordedError } from './helpers/fixtures';
import { ReplayServer, heldReply } from './helpers/replayServer';

describe('ChatbiAskPanel', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await new ReplayServer().start();
  });

  afterEach(() => server.stop());

  function renderPanel(props: Partial<ChatbiAskPanelProps> = {}) {
    return render(
      <ThemeProvider theme={supersetTheme}>
        <ChatbiAskPanel width={900} height={700} connection="direct" apiUrl={server.url} apiToken="" sessionMode="conversation" deltaColors="green-up" {...props} />
      </ThemeProvider>,
    );
  }

  function ask(question: string) {
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: question } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
  }

  const turns = () => Array.from(document.querySelectorAll<HTMLElement>('article.turn'));
  const answered = async (count: number) => waitFor(() => expect(turns().filter((t) => t.dataset.status !== 'running')).toHaveLength(count));
  const cells = (turn: HTMLElement) => Array.from(turn.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));

  it('shows a running indicator while the question is in flight, then the line chart, table, view and SQL', async () => {
    const line = recordedAnswer('line');
    const held = heldReply({ status: 200, body: line });
    server.on('/api/ask', held.handler);
    renderPanel({ apiToken: 'token-1' });
    ask('DAU of the main app over the last 7 days');

    const running = await screen.findByRole('status');
    expect(running.textContent).toMatch(/Running…/);
    expect(turns()[0].getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('button', { name: 'Asking…' }) as HTMLButtonElement).disabled).toBe(true);
    held.release();
    await answered(1);

    const turn = turns()[0];
    expect(turn.dataset.status).toBe('answered');
    expect(turn.querySelector('.view')!.textContent).toBe('user_activity_daily');
    expect(turn.querySelector('.resolved')).toBeNull();
    const points = turn.querySelectorAll('svg[role="img"] circle.point');
    expect(Array.from(points, (p) => Number(p.getAttribute('data-value')))).toEqual(line.rows.map((r) => r.dau));
    expect(cells(turn)).toEqual(line.rows.map((r) => [String(r.event_day), String(r.dau)]));
    expect(turn.querySelector('details.sql pre')!.textContent).toBe(line.sql);
    expect(turn.querySelector('details.sql')!.hasAttribute('open')).toBe(false);
    expect(turn.querySelector('details.sql .params')!.textContent).toContain('$3 = "main"');

    const [request] = server.asks();
    expect(request.headers.authorization).toBe('Bearer token-1');
    expect(request.body).toEqual({
      question: 'DAU of the main app over the last 7 days',
      sessionId: expect.stringMatching(/^panel-[0-9a-f]{24}$/),
      requestId: expect.stringMatching(/^panel-q-[0-9a-f]{24}$/),
    });
  });

  it('sends follow-ups in the same session and shows the question as ChatBI understood it', async () => {
    const replies = [recordedAnswer('line'), recordedAnswer('follow-up')];
    server.on('/api/ask', () => ({ status: 200, body: replies.shift() }));
    renderPanel();
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    ask('what about the lite app?');
    await answered(2);

    const [first, second] = server.asks().map((r) => r.body.sessionId);
    expect(second).toBe(first);
    const turn = turns()[1];
    expect(turn.querySelector('.resolved q')!.textContent).toBe('DAU of the main app over the last 7 days → what about the lite app?');
    expect(cells(turn)[0]).toEqual(['2026-11-14', '74']);
  });

  it('starts a new session for every question in single mode and after "New conversation"', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('bar') }));
    renderPanel({ sessionMode: 'single' });
    expect(screen.queryByRole('button', { name: 'New conversation' })).toBeNull();
    ask('top 5 cities by DAU last week');
    await answered(1);
    ask('top 5 cities by DAU last week');
    await answered(2);
    const [a, b] = server.asks().map((r) => r.body.sessionId);
    expect(a).not.toBe(b);
  });

  it('forgets the conversation on "New conversation"', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('line') }));
    renderPanel();
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(turns()).toHaveLength(0);
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    const [a, b] = server.asks().map((r) => r.body.sessionId);
    expect(a).not.toBe(b);
  });

  it('shows an API error in place with its code and message, and the next question still works', async () => {
    const replies = [{ status: 422, body: recordedError('follow-up-without-context') }, { status: 200, body: recordedAnswer('line') }];
    server.on('/api/ask', () => replies.shift()!);
    renderPanel();
    ask('what about Tianjin?');
    await answered(1);
    const alert = within(turns()[0]).getByRole('alert');
    expect(alert.querySelector('.code')!.textContent).toBe('FOLLOW_UP_WITHOUT_CONTEXT');
    expect(alert.textContent).toContain('What would you like to know about Tianjin?');
    ask('DAU of the main app over the last 7 days');
    await answered(2);
    expect(turns()[1].dataset.status).toBe('answered');
  });

  it('says clearly when ChatBI cannot be reached', async () => {
    const url = server.url;
    await server.stop();
    // jsdom reports the refused connection on the console as a browser would; the panel's message is what counts.
    const console = jest.spyOn(global.console, 'error').mockImplementation(() => undefined);
    renderPanel({ apiUrl: url });
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    const alert = within(turns()[0]).getByRole('alert');
    expect(alert.querySelector('.code')!.textContent).toBe('NETWORK_ERROR');
    expect(alert.textContent).toContain(`Could not reach ChatBI at ${url}`);
    console.mockRestore();
  });

  it('explains an HTTP error without a ChatBI body', async () => {
    server.on('/api/ask', () => ({ status: 404, body: 'Not Found' }));
    renderPanel();
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    expect(within(turns()[0]).getByRole('alert').textContent).toMatch(/NOT_FOUND.*check the ChatBI API URL/);
  });

  it('draws a single number with its changes, coloured by direction', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('number') }));
    renderPanel();
    ask('DAU of the main app on 2026-11-18 with day-on-day and week-on-week change as diff and ratio');
    await answered(1);
    const card = turns()[0].querySelector('.big-number')!;
    expect(card.querySelector('.value')!.textContent).toBe('153');
    const deltas = Array.from(card.querySelectorAll<HTMLElement>('.delta'), (d) => [d.textContent, d.dataset.direction, d.style.color]);
    expect(deltas).toEqual([
      ['DoD▲ +5.5%', 'up', 'rgb(46, 139, 87)'],
      ['DoD▲ +8', 'up', 'rgb(46, 139, 87)'],
      ['WoW▼ -5.6%', 'down', 'rgb(208, 52, 44)'],
      ['WoW▼ -9', 'down', 'rgb(208, 52, 44)'],
    ]);
    expect(turns()[0].querySelector('table')).toBeNull();
  });

  it('colours increases red when asked to (the convention of Chinese markets)', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('number') }));
    renderPanel({ deltaColors: 'red-up' });
    ask('DAU of the main app on 2026-11-18 with day-on-day and week-on-week change as diff and ratio');
    await answered(1);
    const up = turns()[0].querySelector<HTMLElement>('.delta[data-direction="up"]')!;
    expect(up.style.color).toBe('rgb(208, 52, 44)');
  });

  it('draws bars for categories and one line per group', async () => {
    const replies = [recordedAnswer('bar'), recordedAnswer('grouped-line')];
    server.on('/api/ask', () => ({ status: 200, body: replies.shift() }));
    renderPanel();
    ask('top 5 cities by DAU last week');
    await answered(1);
    const bars = turns()[0].querySelectorAll('rect.bar');
    expect(Array.from(bars, (b) => [b.getAttribute('data-x'), Number(b.getAttribute('data-value'))])).toEqual(recordedAnswer('bar').rows.map((r) => [r.city, r.dau]));

    ask('DAU by app over the last 3 days');
    await answered(2);
    const series = Array.from(turns()[1].querySelectorAll('g.series'), (g) => [g.getAttribute('data-series'), g.querySelectorAll('circle.point').length]);
    expect(series).toEqual([
      ['large_font', 3],
      ['lite', 3],
      ['main', 3],
      ['white_label', 3],
    ]);
    expect(Array.from(turns()[1].querySelectorAll('.legend li'), (li) => li.textContent)).toEqual(['large_font', 'lite', 'main', 'white_label']);
  });

  it('shows the progress of a semantic cascade while it runs, then who judged the rows', async () => {
    const answer = {
      ...recordedAnswer('number'),
      semantic: [
        {
          op: 'ai_filter' as const,
          instruction: 'complains about login',
          algorithm: 'gamcal',
          rowsIn: 412,
          rowsOut: 37,
          proxyDecided: 351,
          oracleDecided: 58,
          undecided: 3,
          undecidedReasons: { 'oracle timed out': 3 },
          oracleCalls: 61,
          thresholds: [{ partition: 0, low: 0.1, high: 0.9 }],
        },
      ],
    };
    const held = heldReply({ status: 200, body: answer });
    server.on('/api/ask', held.handler);
    renderPanel();
    ask('how many feedback messages last week complained about login?');
    await waitFor(() => expect(server.asks()).toHaveLength(1));
    const { requestId } = server.asks()[0].body;
    const progressPath = `/api/ask/${requestId}/progress`;
    server.on(progressPath, () => ({
      status: 200,
      body: { requestId, state: 'judging', operator: 0, operators: 1, instruction: 'complains about login', rowsIn: 412, rowsSeen: 200, rowsDecided: 190, oracleCalls: 40, undecided: 1, thresholds: [{ partition: 0, low: 0.2, high: 0.8 }] },
    }));
    const progress = await within(turns()[0]).findByText(/200 of 412 rows seen, 40 sent to the LLM/, undefined, { timeout: 3_000 });
    expect(progress.textContent).toContain('thresholds 0.20–0.80');

    held.release();
    await answered(1);
    expect(turns()[0].querySelector('.semantic-progress')).toBeNull();
    expect(turns()[0].querySelector('.semantic-summary li')!.textContent).toBe('complains about login: 412 rows judged, 58 by the LLM, 3 undecided (3 oracle timed out)');
    const polls = server.requests.filter((r) => r.path === progressPath).length;
    await new Promise((r) => setTimeout(r, 700));
    expect(server.requests.filter((r) => r.path === progressPath)).toHaveLength(polls);
  });

  it('sends "was this useful?" for the answer\'s requestId and says so', async () => {
    const line = recordedAnswer('line');
    server.on('/api/ask', () => ({ status: 200, body: line }));
    server.on('/api/feedback', (r) => ({ status: 200, body: { ...r.body, view: 'user_activity_daily' } }));
    renderPanel();
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    fireEvent.click(within(turns()[0]).getByRole('button', { name: 'Yes' }));
    await screen.findByText('Thanks, noted.');
    expect(server.requests.find((r) => r.path === '/api/feedback')!.body).toEqual({ requestId: line.requestId, useful: true });
    expect(within(turns()[0]).getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a feedback error in place', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('line') }));
    server.on('/api/feedback', () => ({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'No question with requestId x was answered here.' } } }));
    renderPanel();
    ask('DAU of the main app over the last 7 days');
    await answered(1);
    fireEvent.click(within(turns()[0]).getByRole('button', { name: 'No' }));
    const alert = await within(turns()[0]).findByRole('alert');
    expect(alert.textContent).toBe('INVALID_REQUESTNo question with requestId x was answered here.');
  });

  it('asks an example question from the empty state', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('line') }));
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: '近7天主版DAU' }));
    await answered(1);
    expect(server.asks()[0].body.question).toBe('近7天主版DAU');
  });

  it('does not send an empty question', () => {
    renderPanel();
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: '   ' } });
    expect((screen.getByRole('button', { name: 'Ask' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByLabelText('Question').closest('form')!);
    expect(turns()).toHaveLength(0);
  });
});
