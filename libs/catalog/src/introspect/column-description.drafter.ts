import { ABBREVIATIONS, nameWords } from './name-words';

/** Drafts descriptions and English aliases from warehouse names, so that a DBA edits rather than writes. */

/** Words written as they are read aloud in a description. */
const SPOKEN: Readonly<Record<string, string>> = {
  id: 'ID',
  uid: 'UID',
  uuid: 'UUID',
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
};

/** "video_play" -> "Video play", "uid" -> "User ID", "pageViews" -> "Page views", "FlightNo" -> "Flight number". */
export function humanize(name: string): string {
  const words = nameWords(name).map((w) => SPOKEN[w] ?? ABBREVIATIONS[w] ?? w);
  const text = words.join(' ') || name;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The warehouse's comment when it has one, else a sentence from the name that says it was drafted. */
export function draftColumnDescription(relation: string, column: string, comment?: string): string {
  return comment ? clip(comment, 500) : `${humanize(column)} (drafted from ${relation}.${column})`;
}

export function draftViewDescription(relation: string, kind: 'table' | 'view', comment?: string): string {
  return comment ? clip(comment, 1000) : `${humanize(relation.split('.').pop()!)} (drafted from ${kind} ${relation}; say what one row is)`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
