import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sha256 } from '../sha256';

const cacheSchema = z.object({
  version: z.literal(1),
  /** Generated question -> more phrasings of it. */
  paraphrases: z.record(z.string(), z.array(z.string().min(1).max(500))),
});

export interface LoadedParaphrases {
  paraphrases: Map<string, string[]>;
  sha256: string | null;
}

/**
 * LLM paraphrases of generated questions, kept in a JSON file next to the models: training reads
 * the file, never the network, so a run is reproducible offline and on every machine that has it.
 */
export class ParaphraseCache {
  constructor(readonly file: string) {}

  load(): LoadedParaphrases {
    if (!existsSync(this.file)) return { paraphrases: new Map(), sha256: null };
    const text = readFileSync(this.file);
    const parsed = cacheSchema.safeParse(JSON.parse(text.toString('utf8')));
    if (!parsed.success) throw new Error(`${this.file} is not a paraphrase cache: ${parsed.error.issues[0].message}`);
    return { paraphrases: new Map(Object.entries(parsed.data.paraphrases)), sha256: sha256(text) };
  }

  save(paraphrases: ReadonlyMap<string, readonly string[]>): void {
    const sorted = Object.fromEntries([...paraphrases.entries()].sort(([a], [b]) => a.localeCompare(b)));
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version: 1, paraphrases: sorted }, null, 1)}\n`);
    renameSync(tmp, this.file);
  }
}
