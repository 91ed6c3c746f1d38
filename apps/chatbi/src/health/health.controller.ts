import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@chatbi/auth';
import { CatalogRegistry } from '@chatbi/catalog';
import { Readiness } from './readiness';

/**
 * The embedded app's probes: /health/live (the process answers), /health/ready and /health (the
 * warehouse and the metadata database answer; 503 naming the failing check otherwise).
 */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly catalogs: CatalogRegistry,
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get(['', 'ready'])
  async ready(@Res() response: Response): Promise<void> {
    const { ready, checks } = await this.readiness.report();
    const catalog = this.catalogs.current();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks, catalog: catalog.hash, views: catalog.views.length });
  }
}
