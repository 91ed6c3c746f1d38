import { Controller, Get, Header, Res } from '@nestjs/common';
import { Public } from '@chatbi/auth';
import type { Response } from 'express';
import { CatalogRegistry } from '@chatbi/catalog';
import { ServiceStatus } from './service-status';

/**
 * Probes and /metrics of one service: /health/live answers while the process does (liveness: a
 * Kafka outage must not restart every pod); /health/ready and /health answer 200 when the service
 * serves and every readiness check passes (Kafka groups joined, metadata database, the service's
 * own: warehouse, stages downstream), 503 naming the failing checks otherwise.
 */
@Controller()
@Public()
export class ServiceOpsController {
  constructor(
    private readonly status: ServiceStatus,
    private readonly catalogs: CatalogRegistry,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok', service: this.status.service, instance: this.status.instanceId, phase: this.status.phase };
  }

  @Get(['health', 'health/ready'])
  async ready(@Res() response: Response): Promise<void> {
    const { ready, checks } = await this.status.report();
    let catalog: string | null = null;
    try {
      catalog = this.catalogs.current().hash;
    } catch {
      catalog = null;
    }
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : this.status.phase === 'serving' ? 'degraded' : this.status.phase,
      service: this.status.service,
      instance: this.status.instanceId,
      catalog,
      checks,
      kafka: this.status.kafka(),
    });
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.status.registry.metrics();
  }
}
