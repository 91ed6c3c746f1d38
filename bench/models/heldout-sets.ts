import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { RESULTS_DIR } from '../bench-report';

/** The hand-written held-out sets beside this file (bench/models/), read from the source tree. */
export const HELDOUT_DIR = join(RESULTS_DIR, '..', 'models');

export type Language = 'en' | 'zh';

export interface LabelledLine {
  label: string;
  question: string;
  lang: Language;
}

export const languageOf = (text: string): Language => (/[\u3400-\u9fff]/.test(text) ? 'zh' : 'en');

/** label<TAB>question lines; # starts a comment. */
export function readTsv(file: string): LabelledLine[] {
  return readFileSync(join(HELDOUT_DIR, file), 'utf8')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line, i) => {
      const [label, question, ...rest] = line.split('\t');
      if (!label || !question || rest.length > 0) throw new Error(`${file}:${i + 1}: expected label<TAB>question`);
      return { label, question, lang: languageOf(question) };
    });
}

const expectedTurnSchema = z
  .object({
    ask: z.string().min(1),
    view: z.string(),
    metrics: z.array(z.string()).min(1),
    dims: z.array(z.string()).default([]),
    filters: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    range: z.string().optional(),
    compare: z.array(z.string()).default([]),
    limit: z.number().int().optional(),
  })
  .strict();

export type ExpectedTurn = z.infer<typeof expectedTurnSchema>;

const dialogueSchema = z.object({ id: z.string(), turns: z.array(expectedTurnSchema).length(3) }).strict();

export type HeldOutDialogue = z.infer<typeof dialogueSchema>;

export function readDialogues(file: string): HeldOutDialogue[] {
  return z.array(dialogueSchema).parse(parse(readFileSync(join(HELDOUT_DIR, file), 'utf8')));
}
