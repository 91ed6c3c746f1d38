interface Entry<T> {
  expiresAt: number;
  reply: Promise<T>;
}

/**
 * Replies to the callers' own request ids, kept for a while (at most `capacity`, oldest first out)
 * so that a caller who repeats a request id, e.g. after losing the reply, gets the same reply
 * again instead of a second run or silence. A repeat while the first is still running shares it.
 */
export class RecentReplies<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The reply kept for key, else work()'s. A failure is kept only when `keepFailure` says a repeat
   * would fail the same way (a bad question); one worth retrying (a timeout, an outage) is not.
   */
  reply(key: string, work: () => Promise<T>, keepFailure: (error: unknown) => boolean): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && kept.expiresAt > this.now()) return kept.reply;
    const reply = work();
    this.entries.delete(key);
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, reply });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    reply.catch((error: unknown) => {
      if (!keepFailure(error) && this.entries.get(key)?.reply === reply) this.entries.delete(key);
    });
    return reply;
  }

  get size(): number {
    return this.entries.size;
  }
}
