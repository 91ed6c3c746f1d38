/**
 * SQL fragments for seeded pseudo-randomness inside DuckDB. Every draw is hash(seed, tag, keys...),
 * so a value depends only on the seed and the row's identity, never on scan order or threads.
 */

import type { Weights } from './demo-world.vocabulary';

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]`;
}

/**
 * A uniform DOUBLE in [0, 1): the top 53 bits of a hash. The seed and tag are folded into one
 * integer here (hashing a string per row is slow). DuckDB combines the hashes of several arguments
 * almost linearly, so draws with different tags would be correlated; hashing the combined value
 * once more mixes them apart.
 */
export function uniformSql(seed: number, tag: string, ...keys: string[]): string {
  return `((hash(hash(${streamId(seed, tag)}::UBIGINT, ${keys.join(', ')})) >> 11)::DOUBLE / 9007199254740992.0)`;
}

/** FNV-1a (64 bit) of seed and tag: a stable number naming one stream of draws. */
export function streamId(seed: number, tag: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`${seed}/${tag}`, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString();
}

/** An exponentially distributed DOUBLE with the given mean, from a uniform in [0, 1). */
export function exponentialSql(uniform: string, mean: string | number): string {
  return `(-ln(1.0 - ${uniform}) * (${mean}))`;
}

/** Picks a value with the given relative weights; `uniform` must be a column or cheap expression. */
export function pickSql(uniform: string, weights: Weights): string {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  if (entries.length === 0) throw new RangeError('pickSql needs at least one positive weight');
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (entries.length === 1) return sqlString(entries[0][0]);
  let cumulative = 0;
  const whens = entries.slice(0, -1).map(([value, w]) => {
    cumulative += w / total;
    return `WHEN ${uniform} < ${cumulative.toFixed(12)} THEN ${sqlString(value)}`;
  });
  return `(CASE ${whens.join(' ')} ELSE ${sqlString(entries[entries.length - 1][0])} END)`;
}

/** Picks with weights that depend on another column's value (e.g. OS by app). */
export function pickByKeySql(key: string, uniform: string, table: Readonly<Record<string, Weights>>): string {
  const branches = Object.entries(table).map(([k, weights]) => `WHEN ${sqlString(k)} THEN ${pickSql(uniform, weights)}`);
  return `(CASE ${key} ${branches.join(' ')} END)`;
}

/** Maps a column's values to SQL literals or expressions; unknown values give `otherwise`. */
export function mapSql(key: string, map: Readonly<Record<string, string | number>>, otherwise = 'NULL'): string {
  const branches = Object.entries(map).map(
    ([k, v]) => `WHEN ${sqlString(k)} THEN ${typeof v === 'number' ? String(v) : sqlString(v)}`,
  );
  return `(CASE ${key} ${branches.join(' ')} ELSE ${otherwise} END)`;
}
