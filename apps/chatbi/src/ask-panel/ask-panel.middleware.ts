import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export const ASK_PANEL_ASSET_PREFIX = '/ask-panel/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page only talks to its own origin; emotion (Superset's styling) injects <style> elements. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the Ask panel built by superset-plugin at / (index.html) and its files under /ask-panel/.
 * Only the files present in the build directory are served, looked up by exact name. When the
 * panel has not been built, / says how to build it and the API keeps working.
 */
export function askPanelMiddleware(dir: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    if (path === '/' || path === '/index.html') {
      if (!sendFile(res, dir, 'index.html', req.method === 'HEAD')) sendNotBuilt(res, dir);
      return;
    }
    if (path.startsWith(ASK_PANEL_ASSET_PREFIX)) {
      const name = path.slice(ASK_PANEL_ASSET_PREFIX.length);
      if (!sendFile(res, dir, name, req.method === 'HEAD')) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `The Ask panel has no file ${name}.` } });
      }
      return;
    }
    next();
  };
}

function sendFile(res: Response, dir: string, name: string, headOnly: boolean): boolean {
  if (!builtFiles(dir).has(name)) return false;
  const body = readFileSync(join(dir, name));
  res.status(200);
  res.setHeader('content-type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
  res.setHeader('cache-control', 'no-cache');
  for (const [header, value] of Object.entries(PAGE_HEADERS)) res.setHeader(header, value);
  if (headOnly) res.setHeader('content-length', String(body.length)).end();
  else res.end(body);
  return true;
}

/** The regular files of the build directory; read per request so a rebuild is served at once. */
function builtFiles(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile()));
  } catch {
    return new Set();
  }
}

function sendNotBuilt(res: Response, dir: string): void {
  res.status(503).setHeader('content-type', 'text/html; charset=utf-8');
  for (const [header, value] of Object.entries(PAGE_HEADERS)) res.setHeader(header, value);
  res.end(`<!doctype html><meta charset="utf-8"><title>ChatBI</title>
<h1>The Ask panel is not built</h1>
<p>Nothing was found in <code>${escapeHtml(dir)}</code>. Build it once with
<code>npm ci --prefix superset-plugin</code> (installs and builds) and reload this page.</p>
<p>The HTTP API works without it: <code>POST /api/ask</code>.</p>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
