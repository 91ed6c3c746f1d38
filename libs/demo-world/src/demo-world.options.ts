import { resolve } from 'node:path';

export type DemoWorldPreset = 'small' | 'bench';

export interface DemoWorldCustomSize {
  /** About how many app installs (each its own device id) registered over the history and the years before it. */
  users: number;
  /** Days of history ending at endDate. */
  days: number;
}

export type DemoWorldSize = DemoWorldPreset | DemoWorldCustomSize;

export const DEMO_WORLD_PRESETS: Readonly<Record<DemoWorldPreset, DemoWorldCustomSize>> = {
  // About 0.15M activity rows and 0.6M rows in all: a few seconds on two cores.
  small: { users: 4000, days: 430 },
  // Tens of millions of fact rows over two years.
  bench: { users: 200_000, days: 730 },
};

export const DEFAULT_DEMO_SEED = 42;

export interface DemoWorldOptions {
  /** The DuckDB file to write. */
  file: string;
  seed?: number;
  size?: DemoWorldSize;
  /** YYYY-MM-DD: the last day with data. */
  endDate: string;
}

export interface DemoWorldSummary {
  file: string;
  seed: number;
  size: DemoWorldSize;
  startDate: string;
  endDate: string;
  /** Row count per warehouse table. */
  rows: Record<string, number>;
  /** Wall time of this call. */
  seconds: number;
}

/** Options with defaults applied and checked: what the generator and the meta table work with. */
export interface DemoWorldPlan {
  file: string;
  seed: number;
  size: DemoWorldSize;
  /** Stable text form of size for the meta table: a preset name or `users=N,days=N`. */
  sizeKey: string;
  users: number;
  days: number;
  startDate: string;
  endDate: string;
  /** Videos per category and creators in all: scale with users so popularity stays skewed. */
  videosPerCategory: number;
  authors: number;
}

const DAY_MS = 86_400_000;

export function resolveDemoWorldOptions(opts: DemoWorldOptions): DemoWorldPlan {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new RangeError(`demo world seed must be an integer from 0 to 2^31-1, got ${seed}`);
  }
  const size = opts.size ?? 'small';
  const dims = typeof size === 'string' ? DEMO_WORLD_PRESETS[size] : size;
  if (!dims) throw new RangeError(`unknown demo world size ${JSON.stringify(size)}; use small, bench or {users, days}`);
  if (!Number.isInteger(dims.users) || dims.users < 20 || dims.users > 50_000_000) {
    throw new RangeError(`demo world users must be an integer from 20 to 50000000, got ${dims.users}`);
  }
  if (!Number.isInteger(dims.days) || dims.days < 1 || dims.days > 5000) {
    throw new RangeError(`demo world days must be an integer from 1 to 5000, got ${dims.days}`);
  }
  const end = parseDay(opts.endDate);
  return {
    file: resolve(opts.file),
    seed,
    size,
    sizeKey: typeof size === 'string' ? size : `users=${dims.users},days=${dims.days}`,
    users: dims.users,
    days: dims.days,
    startDate: formatDay(end - (dims.days - 1) * DAY_MS),
    endDate: formatDay(end),
    videosPerCategory: Math.max(200, Math.round(dims.users / 2)),
    authors: Math.max(160, Math.round(dims.users / 5)),
  };
}

function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || formatDay(ms) !== text) {
    throw new RangeError(`demo world endDate must be a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return ms;
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
