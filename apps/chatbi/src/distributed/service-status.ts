import type { Registry } from 'prom-client';
import type { KafkaBus, KafkaBusStatus } from '@chatbi/transport';
import { Readiness, type ReadinessCheck, type ReadinessReport } from '../health/readiness';

export type ServicePhase = 'starting' | 'serving' | 'draining';

/** What /health reports: which service and instance this is, its phase, its readiness checks and its Kafka consumers. */
export class ServiceStatus {
  phase: ServicePhase = 'starting';
  readonly readiness: Readiness;

  constructor(
    readonly service: string,
    readonly instanceId: string,
    readonly bus: KafkaBus,
    readonly registry: Registry,
    checks: ReadinessCheck[],
  ) {
    this.readiness = new Readiness([kafkaCheck(bus), ...checks]);
  }

  /** Ready: serving (not starting or draining) and every check passes. */
  async report(): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    return { ...report, ready: report.ready && this.phase === 'serving' };
  }

  kafka(): KafkaBusStatus {
    return this.bus.status();
  }
}

/** The producer is connected and every consumer is a member of its group. */
function kafkaCheck(bus: KafkaBus): ReadinessCheck {
  return {
    name: 'kafka',
    check: async () => {
      if (bus.ready()) return;
      const { producer, consumers } = bus.status();
      const out = Object.values(consumers).filter((c) => c.state !== 'joined').map((c) => `${c.group} ${c.state}`);
      throw new Error([producer === 'connected' ? '' : 'producer disconnected', ...out].filter(Boolean).join('; '));
    },
  };
}
