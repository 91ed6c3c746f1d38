/**
 * "how long was watch time", "how high is the rating", "how quickly did ...": the word after "how"
 * asks for a degree; it is not the enum value or column that happens to share its spelling
 * (video length "long", device tier "high"). Only a span of that one word is refused, so a longer
 * term that starts there ("how long videos perform") still links.
 */
export function isDegreeWordOfQuestion(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end);
  if (!/^[a-z]+$/.test(word)) return false;
  return /(^|[^a-z])how +$/.test(text.slice(Math.max(0, start - 8), start));
}
