import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@chatbi/auth';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** The embedded app's Prometheus metrics (process, heap, event loop), as every distributed service has. */
@Controller('metrics')
@Public()
export class MetricsController {
  private static registry?: Registry;

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return MetricsController.shared().metrics();
  }

  /** One registry per process: default metrics may be collected only once into it. */
  private static shared(): Registry {
    if (!this.registry) {
      this.registry = new Registry();
      collectDefaultMetrics({ register: this.registry, prefix: 'chatbi_' });
    }
    return this.registry;
  }
}
