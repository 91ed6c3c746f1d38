import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One single-round (SRD) question of the project's benchmark: DuckDB gold SQL over the demo world. */
export const srdQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  language: z.enum(['en', 'zh']),
  type: z.string().min(1),
  gold_sql: z.string().min(1),
});

/** One multi-round (MRD) dialogue: each turn's gold SQL is the whole query as the conversation means it. */
export const mrdDialogueSchema = z.object({
  id: z.string().min(1),
  switches_view: z.boolean(),
  turns: z.array(z.object({ question: z.string().min(1), gold_sql: z.string().min(1) })).min(1),
});

export type SrdQuestion = z.infer<typeof srdQuestionSchema>;
export type MrdDialogue = z.infer<typeof mrdDialogueSchema>;

function readArray<T>(file: string, schema: z.ZodType<T>): T[] {
  const parsed = z.array(schema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export const readSrdQuestions = (file: string): SrdQuestion[] => readArray(file, srdQuestionSchema);
export const readMrdDialogues = (file: string): MrdDialogue[] => readArray(file, mrdDialogueSchema);
