import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { Public } from '@chatbi/auth';
import { METRICS_REGISTRY } from '@chatbi/transport';

/** The embedded app's Prometheus metrics: process, heap, event loop, and the answers' (as every distributed service has). */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
