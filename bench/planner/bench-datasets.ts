import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';

/**
 * The question sets the planner benchmark asks: the team's own (demo-srd.json single questions,
 * demo-mrd.json three-turn dialogues, written beside the lexicon) and the blind sets
 * (blind-<n>.json, written from the catalog YAML and README alone by someone who never saw the
 * lexicon or the planner), all read into one shape.
 */

export interface BenchCase {
  id: string;
  language: 'en' | 'zh';
  kind: string;
  question: string;
  /** `refuse`: a careful tool asks back or refuses (no gold SQL). */
  expect: 'answer' | 'refuse';
  goldSql: string | null;
}

export interface BenchDialogue {
  id: string;
  language: 'en' | 'zh';
  turns: BenchCase[];
}

export interface BenchDataset {
  name: string;
  origin: 'own' | 'blind';
  /** When a blind set was written (the number that counts is the one on a set written after the last change). */
  written?: string;
  singles: BenchCase[];
  dialogues: BenchDialogue[];
}

const language = z.enum(['en', 'zh']);
const expect = z.enum(['answer', 'refuse']).default('answer');

const ownSingle = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  language,
  type: z.string().min(1),
  gold_sql: z.string().min(1),
});
const ownDialogue = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  turns: z.array(z.object({ question: z.string().min(1), gold_sql: z.string().min(1) })).min(1),
});
const blindTurn = z.object({ question: z.string().min(1), expect, gold_sql: z.string().min(1).nullable() });
const blindSet = z.object({
  name: z.string().min(1),
  written: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  single: z.array(blindTurn.extend({ id: z.string(), language, kind: z.string().min(1) })),
  dialogues: z.array(z.object({ id: z.string(), language, turns: z.array(blindTurn).min(1) })),
});

const CJK = /[\u3400-\u9fff]/;

export function loadDataset(file: string): BenchDataset {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const name = basename(file, '.json');
  if (!Array.isArray(json)) {
    const set = blindSet.parse(json);
    return {
      name,
      origin: 'blind',
      written: set.written,
      singles: set.single.map((q) => ({ id: q.id, language: q.language, kind: q.kind, question: q.question, expect: q.expect, goldSql: q.gold_sql })),
      dialogues: set.dialogues.map((d) => ({
        id: d.id,
        language: d.language,
        turns: d.turns.map((t, i) => ({ id: `${d.id}.${i + 1}`, language: d.language, kind: i === 0 ? 'first_turn' : 'follow_up', question: t.question, expect: t.expect, goldSql: t.gold_sql })),
      })),
    };
  }
  if (json.length > 0 && typeof json[0] === 'object' && json[0] !== null && 'turns' in json[0]) {
    const dialogues = z.array(ownDialogue).parse(json);
    return {
      name,
      origin: 'own',
      singles: [],
      dialogues: dialogues.map((d) => {
        const lang = CJK.test(d.turns[0].question) ? 'zh' : 'en';
        return {
          id: d.id,
          language: lang,
          turns: d.turns.map((t, i) => ({ id: `${d.id}.${i + 1}`, language: lang, kind: i === 0 ? 'first_turn' : 'follow_up', question: t.question, expect: 'answer', goldSql: t.gold_sql })),
        };
      }),
    };
  }
  const singles = z.array(ownSingle).parse(json);
  return {
    name,
    origin: 'own',
    singles: singles.map((q) => ({ id: q.id, language: q.language, kind: q.type, question: q.question, expect: 'answer', goldSql: q.gold_sql })),
    dialogues: [],
  };
}

/** Every blind-<n>.json of the folder, oldest first (by n). */
export function blindDatasetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => ({ f, n: /^blind-(\d+)\.json$/.exec(f)?.[1] }))
    .filter((x): x is { f: string; n: string } => x.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map((x) => join(dir, x.f));
}
