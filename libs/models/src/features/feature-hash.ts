/** FNV-1a over UTF-16 code units: a stable 32-bit hash of a feature name, the same in every run. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function bucketOf(feature: string, buckets: number): number {
  return fnv1a(feature) % buckets;
}
