/** Drafts descriptions from identifiers, so that a DBA edits a sentence instead of writing one. */

const WORDS: Record<string, string> = {
  id: 'ID',
  uid: 'user ID',
  uuid: 'UUID',
  dt: 'date',
  ds: 'date',
  ts: 'timestamp',
  os: 'OS',
  ip: 'IP',
  url: 'URL',
  pv: 'PV',
  uv: 'UV',
  vv: 'VV',
  dau: 'DAU',
  wau: 'WAU',
  mau: 'MAU',
  ctr: 'CTR',
  gmv: 'GMV',
  cnt: 'count',
  num: 'number',
  amt: 'amount',
  qty: 'quantity',
  avg: 'average',
  pct: 'percent',
  msg: 'message',
  desc: 'description',
  app: 'app',
};

/** "video_play" -> "Video play", "uid" -> "User ID", "pageViews" -> "Page views". */
export function humanize(identifier: string): string {
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\s.]+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ') || identifier;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function draftColumnDescription(relation: string, column: string): string {
  return `${humanize(column)} (drafted from ${relation}.${column})`;
}

export function draftViewDescription(relation: string, kind: 'table' | 'view'): string {
  return `${humanize(relation.split('.').pop()!)} (drafted from ${kind} ${relation}; say what one row is)`;
}
