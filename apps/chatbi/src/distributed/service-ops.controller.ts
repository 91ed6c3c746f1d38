import { Controller, Get, Header, Res } from '@nestjs/common';
import { Public } from '@chatbi/auth';
import type { Response } from 'express';
import { CatalogRegistry } from '@chatbi/catalog';
import { ServiceStatus } from './service-status';

/** /health (200 when serving with every consumer in its group, 503 otherwise) and /metrics for Prometheus. */
@Controller()
@Public()
export class ServiceOpsController {
  constructor(
    private readonly status: ServiceStatus,
    private readonly catalogs: CatalogRegistry,
  ) {}

  @Get('health')
  health(@Res() response: Response): void {
    const healthy = this.status.healthy();
    let catalog: string | null = null;
    try {
      catalog = this.catalogs.current().hash;
    } catch {
      catalog = null;
    }
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : this.status.phase === 'serving' ? 'degraded' : this.status.phase,
      service: this.status.service,
      instance: this.status.instanceId,
      catalog,
      kafka: this.status.kafka(),
    });
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.status.registry.metrics();
  }
}
