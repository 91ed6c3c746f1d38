import { fnv1a } from '@chatbi/models';

/** The partition a row belongs to: a stable hash of its id, so a row lands in the same partition everywhere. */
export function partitionOf(rowId: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return fnv1a(rowId) % partitions;
}
