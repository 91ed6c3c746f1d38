import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ChatbiError } from '@chatbi/contracts';
import { OnnxProxyModel, trainTextProxy, type LabelledText } from '@chatbi/cascades';
import { SeededRandom } from '@chatbi/models';
import { taskFileStem, taskKey, type ProxyManifest } from './semantic/trained-proxies';

const out = (line = '') => process.stdout.write(`${line}\n`);

export interface TrainProxyOptions {
  instruction: string;
  /** For a filter: the label value meaning "yes" (default: yes, true or 1; no, false or 0 mean "no"). */
  positive?: string;
  /** For a classifier: the labels, comma-separated, in the model's output order. */
  labels?: string;
  out?: string;
  seed?: string;
}

/**
 * `chatbi train-proxy <labels.tsv...> --instruction "..."`: trains a proxy for one semantic operator
 * from labelled rows (`label<TAB>text` per line, an optional `label<TAB>text` header), checks it on
 * a tenth of them held out, writes it as ONNX and lists it in <out>/proxies.yaml, the manifest
 * CHATBI_SEMANTIC_PROXIES points at. The files may be the oracle's own labels
 * (CHATBI_SEMANTIC_LABELS_DIR), every process's file of an operator at once.
 */
export async function trainProxyCommand(fileOrFiles: string | readonly string[], opts: TrainProxyOptions): Promise<void> {
  const files = typeof fileOrFiles === 'string' ? [fileOrFiles] : fileOrFiles;
  if (files.length === 0) throw new ChatbiError('INVALID_REQUEST', 'name at least one labelled file');
  const instruction = opts.instruction?.trim();
  if (!instruction) throw new ChatbiError('INVALID_REQUEST', '--instruction is required: the operator instruction the proxy is for, e.g. "is spam"');
  const labels = opts.labels?.split(',').map((l) => l.trim()).filter(Boolean);
  if (labels && labels.length < 2) throw new ChatbiError('INVALID_REQUEST', '--labels needs at least two labels, comma-separated');
  const seed = Number(opts.seed ?? 1);
  if (!Number.isInteger(seed)) throw new ChatbiError('INVALID_REQUEST', `--seed must be an integer, not "${opts.seed}"`);

  const labelOf = labels ? labelIndex(labels) : filterLabel(opts.positive);
  const examples = files.flatMap((file) => readLabelledTexts(file, labelOf));
  const source = files.length === 1 ? files[0] : `${files.length} files`;
  if (examples.length < 20) throw new ChatbiError('INVALID_REQUEST', `${source}: ${examples.length} labelled rows; a proxy needs at least 20`);
  const classes = labels?.length ?? 2;
  const counts = Array.from({ length: classes }, (_, c) => examples.filter((e) => e.label === c).length);
  if (counts.some((n) => n === 0)) throw new ChatbiError('INVALID_REQUEST', `${source}: every class needs examples; counts are ${counts.join(', ')}`);

  const shuffled = new SeededRandom(seed).shuffle([...examples]);
  const held = shuffled.slice(0, Math.floor(shuffled.length / 10));
  const training = shuffled.slice(held.length);
  const started = Date.now();
  const model = await trainTextProxy(training, { classes, seed, metadata: { instruction, labels: (labels ?? ['no', 'yes']).join(','), trainedOn: `${training.length} rows of ${source}` } });
  const accuracy = await heldOutAccuracy(model, classes, held, instruction, labels);

  const dir = opts.out ?? 'proxies';
  mkdirSync(dir, { recursive: true });
  const name = `${taskFileStem(instruction, labels)}.onnx`;
  writeFileSync(join(dir, name), model);
  const manifestFile = join(dir, 'proxies.yaml');
  const manifest: ProxyManifest = existsSync(manifestFile) ? (parse(readFileSync(manifestFile, 'utf8')) as ProxyManifest) : { proxies: [] };
  // A model trained again for the same task replaces the old one.
  manifest.proxies = manifest.proxies.filter((p) => taskKey(p.instruction, p.labels) !== taskKey(instruction, labels));
  manifest.proxies.push({ instruction, ...(labels ? { labels } : {}), model: name });
  writeFileSync(manifestFile, stringify(manifest));

  out(`Trained on ${training.length} rows (${counts.join(' / ')} per class) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  out(`Held-out accuracy: ${held.length ? `${(accuracy * 100).toFixed(1)}% of ${held.length} rows` : 'no rows held out'}.`);
  out(`Wrote ${join(dir, name)} and ${manifestFile}; set CHATBI_SEMANTIC_PROXIES=${manifestFile} to use it.`);
}

function readLabelledTexts(file: string, labelOf: (value: string) => number | undefined): LabelledText[] {
  if (!existsSync(file)) throw new ChatbiError('INVALID_REQUEST', `no labelled file at ${file}`);
  const examples: LabelledText[] = [];
  readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || (i === 0 && /^label\t/i.test(line))) return;
    const tab = line.indexOf('\t');
    const label = tab < 0 ? undefined : labelOf(line.slice(0, tab).trim());
    if (label === undefined) throw new ChatbiError('INVALID_REQUEST', `${file}:${i + 1}: expected "<label><TAB><text>" with a known label, got "${line.slice(0, 60)}"`);
    examples.push({ text: line.slice(tab + 1), label });
  });
  return examples;
}

function filterLabel(positive?: string): (value: string) => number | undefined {
  if (positive !== undefined) return (value) => (value.toLowerCase() === positive.toLowerCase() ? 1 : 0);
  return (value) => ({ yes: 1, true: 1, '1': 1, no: 0, false: 0, '0': 0 })[value.toLowerCase()];
}

function labelIndex(labels: readonly string[]): (value: string) => number | undefined {
  const index = new Map(labels.map((l, i) => [l.toLowerCase(), i]));
  return (value) => index.get(value.toLowerCase());
}

async function heldOutAccuracy(model: Uint8Array, classes: number, held: readonly LabelledText[], instruction: string, labels?: string[]): Promise<number> {
  if (held.length === 0) return 0;
  const proxy = await OnnxProxyModel.load({ model, classes });
  const task = labels ? { kind: 'classify' as const, instruction, labels } : { kind: 'filter' as const, instruction };
  const scores = await proxy.score(task, held.map((e, i) => ({ id: String(i), text: e.text })));
  await proxy.release();
  const predicted = scores.map((s) => (labels ? s.indexOf(Math.max(...s)) : s[0] >= 0.5 ? 1 : 0));
  return predicted.filter((p, i) => p === held[i].label).length / held.length;
}
