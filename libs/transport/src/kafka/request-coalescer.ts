/**
 * Turns many small requests into few large ones: requests made while a flush is running (or in the
 * same tick) wait and go together in the next flush, at most `maxBatch` at a time. Under no load a
 * request goes out at once; under load, batches grow by themselves (no timer, no added delay).
 * Requests keep their order, and flushes never overlap, so a later batch never overtakes an earlier one.
 */
export class RequestCoalescer<In, Out> {
  private queue: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: In[]) => Promise<Out[]>,
    private readonly maxBatch = 500,
  ) {}

  run(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** Requests waiting for a flush. */
  get pending(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.flush(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
      }
    }
    this.flushing = false;
  }
}
