import type { Registry } from 'prom-client';
import type { KafkaBus, KafkaBusStatus } from '@chatbi/transport';

export type ServicePhase = 'starting' | 'serving' | 'draining';

/** What /health reports: which service and instance this is, its phase and its Kafka consumers. */
export class ServiceStatus {
  phase: ServicePhase = 'starting';

  constructor(
    readonly service: string,
    readonly instanceId: string,
    readonly bus: KafkaBus,
    readonly registry: Registry,
  ) {}

  healthy(): boolean {
    return this.phase === 'serving' && this.bus.ready();
  }

  kafka(): KafkaBusStatus {
    return this.bus.status();
  }
}
