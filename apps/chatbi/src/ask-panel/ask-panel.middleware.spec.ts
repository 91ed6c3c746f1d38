import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { loadConfig } from '../config/chatbi.config';
import { defaultAskPanelDir } from './ask-panel.location';
import { askPanelMiddleware } from './ask-panel.middleware';

describe('askPanelMiddleware', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ask-panel-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function appServing(panelDir: string) {
    const app = express();
    app.use(askPanelMiddleware(panelDir));
    app.post('/', (_req, res) => void res.status(201).send('api'));
    app.get('/api/catalog', (_req, res) => void res.json({ views: [] }));
    return app;
  }

  it('serves index.html at / and the bundle under /ask-panel/, with a same-origin CSP', async () => {
    writeFileSync(join(dir, 'index.html'), '<div id="chatbi-ask"></div>');
    writeFileSync(join(dir, 'ask-panel.js'), 'console.log(1)');
    const app = appServing(dir);
    const page = await request(app).get('/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).toContain('chatbi-ask');
    const script = await request(app).get('/ask-panel/ask-panel.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toBe('console.log(1)');
    const head = await request(app).head('/ask-panel/ask-panel.js').expect(200);
    expect(head.headers['content-length']).toBe('14');
  });

  it('serves only the files of the build directory, by exact name', async () => {
    writeFileSync(join(dir, 'index.html'), 'x');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.js'), 'x');
    const outside = `${dir}-outside.js`;
    writeFileSync(outside, 'secret');
    const app = appServing(dir);
    const escape = `..%2f${outside.split('/').pop()}`;
    for (const path of ['/ask-panel/missing.js', '/ask-panel/sub', '/ask-panel/sub/a.js', `/ask-panel/${escape}`, `/ask-panel/%2e%2e/${outside.split('/').pop()}`]) {
      const response = await request(app).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('secret');
    }
    expect((await request(app).get('/ask-panel/missing.js')).body).toEqual({ error: { code: 'NOT_FOUND', message: 'The Ask panel has no file missing.js.' } });
    rmSync(outside);
  });

  it('says how to build the panel when it is not built, and leaves the API alone', async () => {
    const app = appServing(join(dir, 'not-built'));
    const page = await request(app).get('/').expect(503);
    expect(page.text).toContain('npm ci --prefix superset-plugin');
    await request(app).post('/').expect(201);
    await request(app).get('/api/catalog').expect(200, { views: [] });
  });

  it('finds the plugin package build from the sources', () => {
    expect(defaultAskPanelDir()).toBe(join(__dirname, '..', '..', '..', '..', 'superset-plugin', 'dist', 'standalone'));
  });
});

describe('CHATBI_CORS_ORIGINS', () => {
  it('is empty by default and reads a comma-separated list of origins', () => {
    expect(loadConfig({}).CHATBI_CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CHATBI_CORS_ORIGINS: ' https://superset.example.com , http://localhost:8088 ' }).CHATBI_CORS_ORIGINS).toEqual([
      'https://superset.example.com',
      'http://localhost:8088',
    ]);
    expect(loadConfig({ CHATBI_CORS_ORIGINS: '*' }).CHATBI_CORS_ORIGINS).toEqual(['*']);
  });

  it.each(['https://superset.example.com/dashboard', 'superset.example.com', 'ftp://x'])('refuses %s with the setting named', (origin) => {
    expect(() => loadConfig({ CHATBI_CORS_ORIGINS: origin })).toThrow(/CHATBI_CORS_ORIGINS.*no path/);
  });
});
