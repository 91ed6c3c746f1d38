import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ApiTokenStore } from '@chatbi/auth';
import { AskService, ChatbiGrpcServer } from '@chatbi/dialogue';
import type { AskResponse } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { rawHttp } from '@chatbi/testing';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { stopGracefully } from '../apps/chatbi/src/graceful-stop';
import { GrpcClient } from './distributed-clients';

jest.setTimeout(300_000);

/** Who reads what: the iOS team only iOS rows and no city; everyone else every row. */
const ACCESS_YAML = `version: 1
access:
  - { role: ios-team, view: user_activity_daily, rows: "os = :user.os", hide: [city] }
  - { role: everyone, view: "*" }
`;

/**
 * The security review's findings (issue 20) against the embedded app over real HTTP: first as the
 * zero-config local ChatBI (no credentials), then with API tokens, whose first one makes every
 * caller authenticate. Each test names the finding it keeps fixed.
 */
describe('access: the security review findings over HTTP', () => {
  let dataDir: string;
  let catalogDir: string;
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-access-'));
    catalogDir = join(dataDir, 'catalog');
    cpSync(DEMO_CATALOG_DIR, catalogDir, { recursive: true });
    writeFileSync(join(catalogDir, 'access.yaml'), ACCESS_YAML);
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_CATALOG_DIR: catalogDir }), { logLevels: ['error'] });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });

  let stopped = false;
  afterAll(async () => {
    if (!stopped) await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, options: { headers?: Record<string, string>; body?: string | object } = {}) =>
    rawHttp(port, { method, path, ...options });

  const ask = (body: object, headers: Record<string, string> = {}) => call('POST', '/api/ask', { body, headers });

  describe('a ChatBI without credentials', () => {
    it('refuses a page that rebinds its own name to 127.0.0.1, on the admin API and on /api/ask (finding 1)', async () => {
      const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
      const edit = await call('POST', '/api/admin/catalog/apply', { headers: evil, body: { file: 'evil.yaml', text: 'version: 1\nviews: []\n' } });
      expect(edit.status).toBe(403);
      const answer = await ask({ question: 'DAU over the last 7 days' }, evil);
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('FORBIDDEN');
      expect(answer.text).not.toMatch(/"rows"/);
      expect((await call('GET', '/api/admin/catalog/files', { headers: { host: `localhost:${port}` } })).json.files.map((f: { name: string }) => f.name)).not.toContain('evil.yaml');
    });

    it('lets its own host through, to a catalog whose rules give a caller without roles no view', async () => {
      const answer = await ask({ question: 'DAU of the main app over the last 7 days' }, { host: `localhost:${port}` });
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toBe('NO_METRIC_FOUND');
    });

    it('takes a proxied request (X-Real-IP and friends) as not from this machine (finding 10)', async () => {
      for (const name of ['x-real-ip', 'x-forwarded-for', 'forwarded']) {
        const reply = await call('GET', '/api/admin/catalog/files', { headers: { [name]: name === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } });
        expect([name, reply.status]).toEqual([name, 403]);
      }
      expect((await call('GET', '/api/admin/catalog/files')).status).toBe(200);
      expect((await call('GET', '/api/advisor/misses', { headers: { 'x-real-ip': '203.0.113.9' } })).status).toBe(403);
    });

    it('refuses form and text bodies from a foreign origin before reading them (finding 13)', async () => {
      const form = await call('POST', '/api/ask', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
        body: 'question=DAU+over+the+last+7+days',
      });
      expect(form.status).toBe(415);
      const text = await call('POST', '/api/ask', { headers: { 'content-type': 'text/plain' }, body: '{"question":"DAU over the last 7 days"}' });
      expect(text.status).toBe(415);
      const foreignJson = await ask({ question: 'DAU over the last 7 days' }, { origin: 'http://evil.example' });
      expect(foreignJson.status).toBe(403);
    });

    it('validates a catalog file over 100 KB and refuses bodies over 2 MB with 413 (a question: QUESTION_TOO_LONG), not 500 (finding 5)', async () => {
      const original = readFileSync(join(catalogDir, 'user-activity-daily.yaml'), 'utf8');
      const padded = `${original}\n${'# a long comment that pads the file past a hundred kilobytes\n'.repeat(2_500)}`;
      expect(padded.length).toBeGreaterThan(100_000);
      const big = await call('POST', '/api/admin/catalog/validate', { body: { file: 'user-activity-daily.yaml', text: padded } });
      expect(big.status).toBe(200);
      expect(big.json.valid).toBe(true);
      const huge = await call('POST', '/api/admin/catalog/validate', { body: { file: 'x.yaml', text: 'x'.repeat(3 * 1024 * 1024) } });
      expect(huge.status).toBe(413);
      expect(huge.json.error.code).toBe('REQUEST_TOO_LARGE');
      const question = await ask({ question: 'x'.repeat(3 * 1024 * 1024) });
      expect([question.status, question.json.error.code]).toEqual([400, 'QUESTION_TOO_LONG']);
    });

    it('refuses a YAML alias bomb with 422, saving nothing (finding 6)', async () => {
      const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
      const bomb = `version: 1\nl0: &l0 ["lol"]\n${levels.join('\n')}\nviews: *l9\n`;
      const reply = await call('POST', '/api/admin/catalog/apply', { body: { file: 'bomb.yaml', text: bomb } });
      expect(reply.status).toBe(422);
      expect(reply.json.error.code).toBe('CATALOG_EDIT_INVALID');
      expect((await call('GET', '/api/admin/catalog/files')).json.files.map((f: { name: string }) => f.name)).not.toContain('bomb.yaml');
    });

    it('neither lists, reads, backs up nor writes through a link to a file outside the catalog (finding 11)', async () => {
      const secret = join(dataDir, 'secret.yaml');
      writeFileSync(secret, 'version: 1\n# TOP-SECRET\nviews: []\n');
      symlinkSync(secret, join(catalogDir, 'leak.yaml'));
      try {
        const files = await call('GET', '/api/admin/catalog/files');
        expect(files.json.files.map((f: { name: string }) => f.name)).not.toContain('leak.yaml');
        const read = await call('GET', '/api/admin/catalog/files/leak.yaml');
        expect(read.status).toBeGreaterThanOrEqual(400);
        expect(read.text).not.toContain('TOP-SECRET');
        const write = await call('POST', '/api/admin/catalog/apply', { body: { file: 'leak.yaml', text: 'version: 1\nrelationships: []\naccess: [{ role: x, view: "*" }]\n' } });
        expect(write.status).toBe(422);
        expect(readFileSync(secret, 'utf8')).toContain('TOP-SECRET');
      } finally {
        rmSync(join(catalogDir, 'leak.yaml'));
      }
    });
  });

  describe('with API tokens', () => {
    let alice: string;
    let bob: string;

    beforeAll(async () => {
      const tokens = app.get(ApiTokenStore);
      alice = (await tokens.create({ name: 'alice', user: 'alice', scopes: ['ask'], roles: ['everyone'] })).token;
      bob = (await tokens.create({ name: 'bob', user: 'bob', scopes: ['ask'], roles: ['ios-team'], attributes: { os: 'ios' } })).token;
    });

    const as = (token: string) => ({ authorization: `Bearer ${token}` });

    it('asks every caller for credentials once a token exists', async () => {
      expect((await ask({ question: 'DAU over the last 7 days' })).status).toBe(401);
      expect((await ask({ question: 'DAU over the last 7 days' }, { authorization: 'Bearer chatbi_nope' })).status).toBe(401);
    });

    it('shows an advisor reader only the views their roles see, an admin every view', async () => {
      const tokens = app.get(ApiTokenStore);
      const iosAnalyst = (await tokens.create({ name: 'ios-analyst', user: 'carol', scopes: ['advisor:read'], roles: ['ios-team'], attributes: { os: 'ios' } })).token;
      const dba = (await tokens.create({ name: 'dba', user: 'dave', scopes: ['advisor:read', 'admin'], roles: [] })).token;
      const views = async (token: string) => ((await call('GET', '/api/advisor/usage', { headers: as(token) })).json as { view: string }[]).map((u) => u.view).sort();
      expect(await views(iosAnalyst)).toEqual(['user_activity_daily']);
      const all = await views(dba);
      expect(all).toContain('user_activity_daily');
      expect(all.length).toBeGreaterThan(1);
    });

    it('shows the advisor log to no plain asker and another user\'s session to nobody (finding 2)', async () => {
      expect((await call('GET', '/api/advisor/misses', { headers: as(bob) })).status).toBe(403);
      const started = await ask({ question: 'DAU over the last 7 days' }, as(alice));
      expect(started.status).toBe(200);
      const hijack = await ask({ question: 'by os', sessionId: started.json.sessionId }, as(bob));
      expect(hijack.status).toBe(404);
      expect(hijack.json.error.code).toBe('SESSION_NOT_FOUND');
      expect((await ask({ question: 'by os', sessionId: started.json.sessionId }, as(alice))).status).toBe(200);
    });

    it('keeps request ids per user: the same id in flight for two users answers each their own question (finding 4)', async () => {
      const requestId = 'shared-request-0001';
      const [forAlice, forBob] = await Promise.all([
        ask({ question: 'DAU of the main app over the last 7 days', requestId }, as(alice)),
        ask({ question: 'DAU of the lite app yesterday', requestId }, as(bob)),
      ]);
      expect([forAlice.status, forBob.status]).toEqual([200, 200]);
      expect(forAlice.json.requestId).toBe(requestId);
      expect(forAlice.json.plan.filters).toContainEqual({ column: 'app_name', op: '=', value: 'main' });
      expect(forBob.json.plan.filters).toContainEqual({ column: 'app_name', op: '=', value: 'lite' });
    });

    it('gives two users with different roles different rows for the same question, in a follow-up too', async () => {
      const question = { question: 'DAU by os over the last 7 days' };
      const all = (await ask(question, as(alice))).json as AskResponse;
      const ios = (await ask(question, as(bob))).json as AskResponse;
      expect(all.rows.map((r) => r.os)).toEqual(expect.arrayContaining(['ios', 'android']));
      expect(new Set(ios.rows.map((r) => r.os))).toEqual(new Set(['ios']));
      const key = (r: Record<string, unknown>) => `${all.plan.time?.grain ? r[all.plan.time.column] : ''}|${r.os}`;
      const iosOfAll = new Map(all.rows.filter((r) => r.os === 'ios').map((r) => [key(r), r.dau]));
      expect(new Map(ios.rows.map((r) => [key(r), r.dau]))).toEqual(iosOfAll);

      const followUp = (await ask({ question: 'only android', sessionId: ios.sessionId }, as(bob))).json as AskResponse;
      expect(followUp.rows.every((r) => r.os !== 'android')).toBe(true);
    });

    it('applies the same rules over gRPC, whose callers authenticate with metadata', async () => {
      const grpc = new GrpcClient(`127.0.0.1:${await app.get(ChatbiGrpcServer).listen('127.0.0.1', 0)}`);
      try {
        const question = { question: 'DAU by os over the last 7 days' };
        expect(await grpc.ask(question)).toMatchObject({ status: 'error', code: 'AUTH_REQUIRED' });
        const all = await grpc.ask(question, as(alice));
        const ios = await grpc.ask(question, as(bob));
        expect(all.answer!.rows.map((r) => r.os)).toEqual(expect.arrayContaining(['ios', 'android']));
        expect(new Set(ios.answer!.rows.map((r) => r.os))).toEqual(new Set(['ios']));
        const http = (await ask(question, as(bob))).json as AskResponse;
        expect(ios.answer!.rows).toEqual(http.rows);
      } finally {
        grpc.close();
      }
    });

    it('tells an anonymous caller nothing of files or engine text when the warehouse fails (findings 7 and 8)', async () => {
      const warehouse = join(dataDir, 'demo-small.duckdb');
      const broken = join(dataDir, 'broken.duckdb');
      writeFileSync(broken, 'this is not a DuckDB database file '.repeat(200));
      renameSync(warehouse, `${warehouse}.kept`);
      renameSync(broken, warehouse);
      const failed = await ask({ question: 'DAU over the last 7 days' }, as(alice));
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect(failed.text).not.toContain(dataDir);
      expect(failed.text).not.toMatch(/duckdb|IO Error|Catalog Error|\.kept/i);
      renameSync(`${warehouse}.kept`, warehouse);
      expect((await ask({ question: 'DAU over the last 7 days' }, as(alice))).status).toBe(200);
    });

    it('serves Prometheus metrics to anyone, as the distributed services do', async () => {
      const metrics = await call('GET', '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toMatch(/^chatbi_process_cpu_seconds_total/m);
    });

    it('on stop answers the question in flight, then takes no more (SIGTERM drain)', async () => {
      const asks = app.get(AskService);
      const pending = ask({ question: 'DAU of the main app by os over the last 30 days' }, as(alice));
      for (let waited = 0; asks.inFlight === 0 && waited < 10_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      expect(asks.inFlight).toBe(1);
      stopped = true;
      await stopGracefully(app, 20_000);
      expect((await pending).status).toBe(200);
      await expect(ask({ question: 'DAU yesterday' }, as(alice))).rejects.toThrow();
    });
  });
});
