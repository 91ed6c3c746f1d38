/** FNV-1a over UTF-16 code units: a stable 32-bit hash, the same in every process and run. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The partition a row belongs to: a stable hash of its id, so a row lands in the same partition everywhere. */
export function partitionOf(rowId: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return stableHash(rowId) % partitions;
}
