import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { columnId } from './spider-schema';

/** One database of Spider's tables.json. */
export const spiderTablesEntrySchema = z.object({
  db_id: z.string(),
  table_names: z.array(z.string()),
  table_names_original: z.array(z.string()),
  column_names: z.array(z.tuple([z.number(), z.string()])),
  column_names_original: z.array(z.tuple([z.number(), z.string()])),
  column_types: z.array(z.string()),
  primary_keys: z.array(z.union([z.number(), z.array(z.number())])),
  foreign_keys: z.array(z.tuple([z.number(), z.number()])),
});

export type SpiderTablesEntry = z.infer<typeof spiderTablesEntrySchema>;

/** One question of Spider's dev.json / train.json. */
export const spiderExampleSchema = z.object({
  db_id: z.string(),
  question: z.string(),
  query: z.string(),
});

export type SpiderExample = z.infer<typeof spiderExampleSchema>;

export function readSpiderTables(file: string): Map<string, SpiderTablesEntry> {
  const parsed = z.array(spiderTablesEntrySchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a Spider tables.json: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  return new Map(parsed.data.map((e) => [e.db_id, e]));
}

export function readSpiderExamples(file: string): SpiderExample[] {
  const parsed = z.array(spiderExampleSchema.passthrough()).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a Spider question file: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  return parsed.data.map(({ db_id, question, query }) => ({ db_id, question, query }));
}

/**
 * Columns joined by foreign keys count as the same column when matching (T1.id = T2.t1_id lets a
 * prediction name either side). Each key pair joins the first group that already holds either
 * column, or starts a group; every column maps to the lowest-numbered column of its group.
 */
export function foreignKeyMap(entry: SpiderTablesEntry): Map<string, string> {
  const ids = entry.column_names_original.map(([table, column]) =>
    table >= 0 ? columnId(entry.table_names_original[table], column) : '__all__',
  );
  const groups: Set<number>[] = [];
  for (const [a, b] of entry.foreign_keys) {
    let group = groups.find((g) => g.has(a) || g.has(b));
    if (!group) {
      group = new Set();
      groups.push(group);
    }
    group.add(a);
    group.add(b);
  }
  const map = new Map<string, string>();
  for (const group of groups) {
    const sorted = [...group].sort((x, y) => x - y);
    for (const i of sorted) map.set(ids[i], ids[sorted[0]]);
  }
  return map;
}
