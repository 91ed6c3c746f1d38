import { ChatbiError, type HeartbeatMessage } from '@chatbi/contracts';

export interface StageLivenessOptions {
  /** The services a question passes through after dialogue. */
  stages: string[];
  /** A stage with no ready heartbeat for this long is down. */
  silentAfterMs: number;
  now?: () => number;
}

/**
 * Which stages downstream have an instance alive and ready, from their heartbeats: dialogue answers
 * PIPELINE_UNAVAILABLE at once when one has none, instead of a caller waiting for the pipeline timeout.
 */
export class StageLiveness {
  /** Per stage, per instance: when it last said it was ready, and what failed when it last said it was not. */
  private readonly ready = new Map<string, Map<string, number>>();
  private readonly lastFailing = new Map<string, string[]>();
  private readonly listeningSince: number;

  constructor(private readonly options: StageLivenessOptions) {
    this.listeningSince = this.now();
  }

  seen(heartbeat: HeartbeatMessage): void {
    if (!this.options.stages.includes(heartbeat.service)) return;
    const instances = this.ready.get(heartbeat.service) ?? new Map<string, number>();
    this.ready.set(heartbeat.service, instances);
    if (heartbeat.ready) {
      instances.set(heartbeat.instance, this.now());
      this.lastFailing.delete(heartbeat.service);
    } else {
      instances.delete(heartbeat.instance);
      this.lastFailing.set(heartbeat.service, heartbeat.failing);
    }
  }

  /**
   * The stages with no instance ready within the window. Right after start-up nothing is known yet:
   * a stage counts as down only once dialogue has listened for a whole window.
   */
  down(): string[] {
    const now = this.now();
    if (now - this.listeningSince < this.options.silentAfterMs) return [];
    return this.options.stages.filter((stage) => {
      const instances = this.ready.get(stage);
      return !instances || ![...instances.values()].some((at) => now - at <= this.options.silentAfterMs);
    });
  }

  /** Throws PIPELINE_UNAVAILABLE (503) naming the stages that are down. */
  assertAvailable(): void {
    const down = this.down();
    if (down.length === 0) return;
    const why = down.map((stage) => (this.lastFailing.get(stage)?.length ? `${stage} (not ready: ${this.lastFailing.get(stage)!.join(', ')})` : stage));
    throw new ChatbiError(
      'PIPELINE_UNAVAILABLE',
      `ChatBI cannot answer right now: no instance of ${why.join(' and ')} is running and ready. Please try again in a moment.`,
      { stages: down },
    );
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
