import { Injectable } from '@nestjs/common';
import type { SemanticProgress } from '@chatbi/contracts';

const KEEP_FINISHED_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/** The progress of semantic cascades by request id, kept a while after they finish for a last poll. */
@Injectable()
export class SemanticProgressRegistry {
  private readonly entries = new Map<string, { progress: SemanticProgress; finishedAt?: number }>();

  update(progress: Omit<SemanticProgress, 'updatedAt'>): void {
    const now = Date.now();
    const finished = progress.state === 'done' || progress.state === 'failed';
    this.entries.delete(progress.requestId); // re-inserted last: the map stays in update order
    this.entries.set(progress.requestId, { progress: { ...progress, updatedAt: new Date(now).toISOString() }, finishedAt: finished ? now : undefined });
    this.prune(now);
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
