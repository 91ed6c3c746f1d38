import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '@chatbi/auth';
import type { Response } from 'express';
import { defaultDbaConsoleDir } from './dba-console.location';

/** Same-origin only, no inline script or style: the page talks to this server's API and nothing else. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/**
 * The DBA console at /console: one page, one script and one style sheet, dependency-free. The page
 * reads the advisor's endpoints and edits the catalog through /api/admin/catalog, which are guarded
 * there (admin token, or this machine only).
 */
@Controller('console')
@Public()
export class DbaConsoleController {
  private readonly dir = defaultDbaConsoleDir();

  @Get()
  page(@Res() res: Response): void {
    this.send(res, 'dba-console.html', 'text/html; charset=utf-8');
  }

  @Get('dba-console.js')
  script(@Res() res: Response): void {
    this.send(res, 'dba-console.js', 'text/javascript; charset=utf-8');
  }

  @Get('dba-console.css')
  style(@Res() res: Response): void {
    this.send(res, 'dba-console.css', 'text/css; charset=utf-8');
  }

  private send(res: Response, file: string, type: string): void {
    // Read per request: a few kB, and an edited page is served without a restart.
    const body = readFileSync(join(this.dir, file));
    res.status(200).setHeader('content-type', type);
    for (const [header, value] of Object.entries(PAGE_HEADERS)) res.setHeader(header, value);
    res.end(body);
  }
}
