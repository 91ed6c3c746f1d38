import { Logger } from '@nestjs/common';
import { TOPICS, type HeartbeatMessage } from '@chatbi/contracts';
import type { MessageBus } from '@chatbi/transport';
import type { ServiceStatus } from './service-status';

/** Says on chatbi.heartbeats every few seconds that this instance is alive, and whether it is ready (dialogue follows them). */
export class HeartbeatPublisher {
  private readonly logger = new Logger(HeartbeatPublisher.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: MessageBus,
    private readonly status: ServiceStatus,
    private readonly intervalMs: number,
  ) {}

  /** The first heartbeat now (so that a restarted stage counts at once), then one every interval. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating after a last heartbeat (a draining instance says it is not ready, so dialogue need not wait for its silence). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beat();
  }

  private async beat(): Promise<void> {
    const { ready, checks } = await this.status.report();
    const heartbeat: HeartbeatMessage = {
      service: this.status.service,
      instance: this.status.instanceId,
      ready,
      failing: Object.entries(checks).filter(([, r]) => !r.ok).map(([name]) => name),
      sentAt: new Date().toISOString(),
    };
    await this.bus.publish(TOPICS.heartbeats, this.status.service, heartbeat).catch((error: unknown) => this.logger.debug(`heartbeat not sent: ${String(error)}`));
  }
}
