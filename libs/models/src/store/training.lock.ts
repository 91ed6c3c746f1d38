import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface TrainingLockOptions {
  /** Give up waiting after this long and go on without the lock (training twice is wasteful, not wrong). */
  waitMs?: number;
  /** A lock older than this is taken to be left behind by a crashed trainer. */
  staleMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

/** Releases the lock; calling it twice is harmless. */
export type ReleaseLock = () => void;

interface Holder {
  pid: number;
  host: string;
}

/**
 * A lock file beside the model cache, so that several processes sharing one models directory (the
 * services of distributed mode) train a missing or stale model once: the first takes the lock and
 * trains, the others wait and then find the model in the cache. Created with O_EXCL; a lock whose
 * process is gone (same host) or that is older than staleMs is removed.
 */
export class TrainingLock {
  constructor(readonly file: string) {}

  /**
   * Resolves with a release function once held; undefined when the wait timed out or was aborted.
   * A directory that cannot be written holds no cache to share, so there is nothing to lock: it
   * resolves at once.
   */
  async acquire(options: TrainingLockOptions = {}): Promise<ReleaseLock | undefined> {
    const deadline = Date.now() + (options.waitMs ?? 300_000);
    for (;;) {
      if (options.signal?.aborted) return undefined;
      let release: ReleaseLock | undefined;
      try {
        release = this.tryTake();
      } catch {
        return () => undefined;
      }
      if (release) return release;
      if (this.isStale(options.staleMs ?? 900_000)) {
        rmSync(this.file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    }
  }

  /** Who holds the lock now, if anyone. */
  holder(): Holder | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Holder>;
      return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
    } catch {
      return undefined;
    }
  }

  private tryTake(): ReleaseLock | undefined {
    mkdirSync(dirname(this.file), { recursive: true });
    let fd: number;
    try {
      fd = openSync(this.file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw error;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const holder = this.holder();
      if (!holder || (holder.pid === process.pid && holder.host === hostname())) rmSync(this.file, { force: true });
    };
  }

  private isStale(staleMs: number): boolean {
    let ageMs: number;
    try {
      ageMs = Date.now() - statSync(this.file).mtimeMs;
    } catch {
      return false; // released meanwhile
    }
    if (ageMs > staleMs) return true;
    const holder = this.holder();
    // Still being written by its taker: give it a moment before judging.
    if (!holder) return ageMs > 5_000;
    return holder.host === hostname() && !isAlive(holder.pid);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
