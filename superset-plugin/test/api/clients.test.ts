import { SupersetClient } from '@superset-ui/core';
import { ChatbiApiError } from '../../src/api/ChatbiApiError';
import { createDirectClient } from '../../src/api/createDirectClient';
import { createSupersetProxyClient } from '../../src/api/createSupersetProxyClient';
import { recordedAnswer, recordedError } from '../helpers/fixtures';
import { ReplayServer } from '../helpers/replayServer';

describe('ChatBI clients', () => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await new ReplayServer().start();
  });

  afterEach(() => server.stop());

  it('direct: posts JSON with the bearer token and returns the answer', async () => {
    server.on('/api/ask', () => ({ status: 200, body: recordedAnswer('line') }));
    const answer = await createDirectClient({ apiUrl: `${server.url}/`, apiToken: 'abc' }).ask({ question: 'q', sessionId: 's-1' });
    expect(answer.requestId).toBe(recordedAnswer('line').requestId);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/ask', body: { question: 'q', sessionId: 's-1' } });
    expect(server.requests[0].headers).toMatchObject({ authorization: 'Bearer abc', 'content-type': 'application/json' });
  });

  it('direct: sends no Authorization header without a token', async () => {
    server.on('/api/feedback', (r) => ({ status: 200, body: { ...r.body, view: null } }));
    await createDirectClient({ apiUrl: server.url }).sendFeedback({ requestId: 'r', useful: false });
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[0].body).toEqual({ requestId: 'r', useful: false });
  });

  it('direct: turns ChatBI\'s error body into a ChatbiApiError with code, message and status', async () => {
    server.on('/api/ask', () => ({ status: 422, body: recordedError('follow-up-without-context') }));
    const error = await createDirectClient({ apiUrl: server.url }).ask({ question: 'what about Tianjin?' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbiApiError);
    expect(error).toMatchObject({ code: 'FOLLOW_UP_WITHOUT_CONTEXT', status: 422 });
  });

  it('direct: names a 401 as a token problem', async () => {
    server.on('/api/ask', () => ({ status: 401, body: 'no' }));
    const error = (await createDirectClient({ apiUrl: server.url }).ask({ question: 'q' }).catch((e: unknown) => e)) as ChatbiApiError;
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/API token/);
  });

  it('proxy: goes through SupersetClient to the blueprint with Superset\'s CSRF token', async () => {
    server.on('/chatbi/api/ask', () => ({ status: 200, body: recordedAnswer('follow-up') }));
    server.on('/chatbi/api/feedback', (r) => ({ status: 200, body: { ...r.body, view: 'user_activity_daily' } }));
    const [protocol, host] = server.url.split('//');
    SupersetClient.configure({ protocol: protocol as 'http:', host, csrfToken: 'csrf-1', mode: 'cors' });
    await SupersetClient.init();
    const client = createSupersetProxyClient('/chatbi');
    const answer = await client.ask({ question: 'what about the lite app?', sessionId: 's-2' });
    expect(answer.resolvedQuestion).toContain('→');
    await client.sendFeedback({ requestId: answer.requestId, useful: true });
    expect(server.requests.map((r) => [r.path, r.headers['x-csrftoken'], r.body])).toEqual([
      ['/chatbi/api/ask', 'csrf-1', { question: 'what about the lite app?', sessionId: 's-2' }],
      ['/chatbi/api/feedback', 'csrf-1', { requestId: answer.requestId, useful: true }],
    ]);
  });

  it('progress: GETs /api/ask/<requestId>/progress directly (with the token) and through the proxy', async () => {
    const progress = { requestId: 'panel-q-1', state: 'pending' };
    server.on('/api/ask/panel-q-1/progress', () => ({ status: 200, body: progress }));
    server.on('/chatbi/api/ask/panel-q-1/progress', () => ({ status: 200, body: progress }));
    await expect(createDirectClient({ apiUrl: server.url, apiToken: 'abc' }).progress('panel-q-1')).resolves.toEqual(progress);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api/ask/panel-q-1/progress', body: undefined });
    expect(server.requests[0].headers.authorization).toBe('Bearer abc');
    const [protocol, host] = server.url.split('//');
    SupersetClient.configure({ protocol: protocol as 'http:', host, csrfToken: 'csrf-1', mode: 'cors' });
    await SupersetClient.init();
    await expect(createSupersetProxyClient('/chatbi').progress('panel-q-1')).resolves.toEqual(progress);
    expect(server.requests[1]).toMatchObject({ method: 'GET', path: '/chatbi/api/ask/panel-q-1/progress' });
  });

  it('proxy: reads ChatBI\'s error body out of the response SupersetClient rejects with', async () => {
    server.on('/chatbi/api/ask', () => ({ status: 422, body: recordedError('follow-up-without-context') }));
    const [protocol, host] = server.url.split('//');
    SupersetClient.configure({ protocol: protocol as 'http:', host, csrfToken: 'csrf-1', mode: 'cors' });
    await SupersetClient.init();
    const error = await createSupersetProxyClient('/chatbi').ask({ question: 'what about Tianjin?' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FOLLOW_UP_WITHOUT_CONTEXT', status: 422 });
  });
});
