import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CascadeRow, ProxyModel, SemanticTask } from '@chatbi/contracts';
import { OnnxProxyModel } from '@chatbi/cascades';
import { ConfigError } from '../config/chatbi.config';

const manifestSchema = z.object({
  proxies: z.array(
    z.strictObject({
      /** The operator's instruction this model was trained for; matched ignoring case and spacing. */
      instruction: z.string().trim().min(1),
      /** For ai_classify: the labels in the model's output order. Absent for ai_filter. */
      labels: z.array(z.string().trim().min(1)).min(2).optional(),
      /** The .onnx file, relative to the manifest. */
      model: z.string().min(1),
    }),
  ),
});

export type ProxyManifest = z.infer<typeof manifestSchema>;

const normalized = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** What identifies the task a proxy was trained for: its instruction and labels, ignoring case and spacing. */
export function taskKey(instruction: string, labels?: readonly string[]): string {
  return JSON.stringify([normalized(instruction), labels?.map(normalized) ?? null]);
}

/** A file name for a task's files: its instruction in words, and how many labels a classifier has. */
export function taskFileStem(instruction: string, labels?: readonly string[]): string {
  const words = normalized(instruction).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'proxy';
  return labels ? `${words}.${labels.length}-labels` : words;
}

/** Starts loading an ONNX proxy at once and lets the cascade use it as soon as it is ready. */
class LoadingOnnxProxy implements ProxyModel {
  readonly name: string;
  constructor(
    private readonly model: Promise<OnnxProxyModel>,
    file: string,
  ) {
    this.name = `onnx:${file.split(/[\\/]/).pop()}`;
  }

  async score(task: SemanticTask, rows: readonly CascadeRow[]): Promise<number[][]> {
    return (await this.model).score(task, rows);
  }
}

/**
 * Proxies trained beforehand (`chatbi train-proxy`, or any ONNX model with the bag-classifier
 * contract), listed in a YAML manifest (CHATBI_SEMANTIC_PROXIES). A semantic operator whose
 * instruction (and labels) match an entry uses that model in every partition; the others fall back
 * to the online proxy. The manifest and its files are checked at start-up.
 */
export class TrainedProxies {
  private constructor(private readonly byTask: ReadonlyMap<string, ProxyModel>) {}

  static fromManifest(file: string): TrainedProxies {
    if (!existsSync(file)) throw new ConfigError(`CHATBI_SEMANTIC_PROXIES: no manifest at ${file}`);
    const parsed = manifestSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`CHATBI_SEMANTIC_PROXIES ${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const logger = new Logger('semantic');
    const byTask = new Map<string, ProxyModel>();
    parsed.data.proxies.forEach((entry, i) => {
      const model = resolve(dirname(file), entry.model);
      if (!existsSync(model)) throw new ConfigError(`CHATBI_SEMANTIC_PROXIES ${file}: proxies.${i}.model: no file at ${model}`);
      const key = taskKey(entry.instruction, entry.labels);
      if (byTask.has(key)) throw new ConfigError(`CHATBI_SEMANTIC_PROXIES ${file}: proxies.${i} repeats the instruction "${entry.instruction}"`);
      const loading = OnnxProxyModel.load({ model, classes: entry.labels?.length ?? 2, name: `onnx:${entry.model}` });
      loading.catch((error: unknown) => logger.error(`proxy ${model} cannot be used: ${error instanceof Error ? error.message : String(error)}`));
      byTask.set(key, new LoadingOnnxProxy(loading, model));
    });
    return new TrainedProxies(byTask);
  }

  forTask(task: SemanticTask): ProxyModel | undefined {
    return this.byTask.get(taskKey(task.instruction, task.kind === 'classify' ? task.labels : undefined));
  }
}
