import { Injectable } from '@nestjs/common';
import type { SemanticProgress } from '@chatbi/contracts';

const KEEP_FINISHED_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/** The progress of semantic cascades by request id, kept a while after they finish for a last poll. */
@Injectable()
export class SemanticProgressRegistry {
  private readonly entries = new Map<string, { progress: SemanticProgress; finishedAt?: number }>();
  private readonly listeners: ((progress: SemanticProgress) => void)[] = [];

  /** Calls `listener` with every update from now on (distributed mode relays them to the HTTP edge). */
  onUpdate(listener: (progress: SemanticProgress) => void): void {
    this.listeners.push(listener);
  }

  update(progress: Omit<SemanticProgress, 'updatedAt'>): void {
    const now = Date.now();
    const finished = progress.state === 'done' || progress.state === 'failed';
    this.entries.delete(progress.requestId); // re-inserted last: the map stays in update order
    const entry = { progress: { ...progress, updatedAt: new Date(now).toISOString() }, finishedAt: finished ? now : undefined };
    this.entries.set(progress.requestId, entry);
    this.prune(now);
    for (const listener of this.listeners) listener(entry.progress);
  }

  get(requestId: string): SemanticProgress | undefined {
    return this.entries.get(requestId)?.progress;
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && !(entry.finishedAt && now - entry.finishedAt > KEEP_FINISHED_MS)) break;
      this.entries.delete(id);
    }
  }
}
