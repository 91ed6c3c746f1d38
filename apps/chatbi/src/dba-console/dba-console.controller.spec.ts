import express from 'express';
import request from 'supertest';
import { loadConfig } from '../config/chatbi.config';
import { DbaConsoleController } from './dba-console.controller';

describe('DbaConsoleController', () => {
  const controller = new DbaConsoleController();
  const app = express();
  app.get('/console', (_req, res) => controller.page(res));
  app.get('/console/dba-console.js', (_req, res) => controller.script(res));
  app.get('/console/dba-console.css', (_req, res) => controller.style(res));

  it('serves the page, its script and its style, with a CSP that allows no inline code', async () => {
    const page = await request(app).get('/console').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.text).toContain('<script src="/console/dba-console.js" defer></script>');
    expect(page.text).not.toMatch(/<script>|style="/);
    const script = await request(app).get('/console/dba-console.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Server text reaches the page as text, never as markup.
    expect(script.text).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    expect((await request(app).get('/console/dba-console.css').expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');
  });
});

describe('CHATBI_ADMIN_TOKEN', () => {
  it('is optional, and when set is a long enough secret', () => {
    expect(loadConfig({}).CHATBI_ADMIN_TOKEN).toBeUndefined();
    expect(loadConfig({ CHATBI_ADMIN_TOKEN: 'f'.repeat(32) }).CHATBI_ADMIN_TOKEN).toBe('f'.repeat(32));
    expect(() => loadConfig({ CHATBI_ADMIN_TOKEN: 'secret' })).toThrow(/CHATBI_ADMIN_TOKEN: use at least 16 characters/);
  });
});
