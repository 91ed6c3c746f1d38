import { bucketOf } from '@chatbi/models';

/** A text as the proxies read it: hashed feature ids and their weights (the bag format of @chatbi/models). */
export interface HashedFeatures {
  ids: Int32Array;
  weights: Float32Array;
}

export const DEFAULT_FEATURE_BUCKETS = 1 << 18;

const HAN = /\p{Script=Han}/u;

/**
 * Surface features of a text in English or Chinese: Latin words, word bigrams and character 3- and
 * 4-grams of each word (inflections and misspellings share most of them), and character 1- and
 * 2-grams of Chinese runs (no spaces to split words at). Digits fold to 0 so that phone numbers
 * and prices read alike. Features are deduplicated and weigh 1/sqrt(n), so long and short texts
 * weigh alike; a bias feature is always present.
 */
export function textFeatures(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/\d/g, '0');
  const out = new Set<string>(['<bias>']);
  let previous: string | undefined;
  for (const match of normalized.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
    const token = match[0];
    if (!/[\p{L}\p{N}]/u.test(token)) {
      // Punctuation and symbols ($, !, £) are features of their own, and break word bigrams.
      out.add(`p:${token}`);
      previous = undefined;
      continue;
    }
    for (const run of splitHan(token)) {
      if (HAN.test(run)) {
        const chars = [...run];
        for (let i = 0; i < chars.length; i++) {
          out.add(`z:${chars[i]}`);
          if (i + 1 < chars.length) out.add(`z:${chars[i]}${chars[i + 1]}`);
        }
        previous = undefined;
        continue;
      }
      out.add(`w:${run}`);
      if (previous !== undefined) out.add(`b:${previous}_${run}`);
      previous = run;
      if (run.length >= 3) {
        const marked = `<${run}>`;
        for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= marked.length; i++) out.add(`g:${marked.slice(i, i + n)}`);
      }
    }
  }
  return [...out];
}

export function hashFeatures(features: readonly string[], buckets: number): HashedFeatures {
  const weight = 1 / Math.sqrt(features.length);
  const ids = new Int32Array(features.length);
  const weights = new Float32Array(features.length).fill(weight);
  features.forEach((f, i) => (ids[i] = bucketOf(f, buckets)));
  return { ids, weights };
}

export function featurizeText(text: string, buckets = DEFAULT_FEATURE_BUCKETS): HashedFeatures {
  return hashFeatures(textFeatures(text), buckets);
}

/** Splits a token where it switches between Chinese characters and other letters or digits. */
function splitHan(token: string): string[] {
  const runs: string[] = [];
  let current = '';
  let currentHan: boolean | undefined;
  for (const ch of token) {
    const han = HAN.test(ch);
    if (currentHan !== undefined && han !== currentHan) {
      runs.push(current);
      current = '';
    }
    current += ch;
    currentHan = han;
  }
  if (current) runs.push(current);
  return runs;
}
