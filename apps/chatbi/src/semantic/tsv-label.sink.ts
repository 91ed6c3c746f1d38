import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SemanticTask, Verdict } from '@chatbi/contracts';
import type { LabelSink, OracleLabel } from '@chatbi/cascades';
import { fnv1a } from '@chatbi/models';
import { taskFileStem, taskKey } from './trained-proxies';

/** Rows remembered per process as already written, so that a row judged again is not written twice. */
const REMEMBERED_ROWS = 200_000;

/**
 * The oracle's labels as files `chatbi train-proxy` reads: `label<TAB>text` lines, one file per
 * operator and process, `<dir>/<instruction>-<task hash>.<host>-<pid>.tsv`, so that processes
 * sharing the folder never write to the same file. A filter's labels are yes and no, a
 * classifier's its own; tabs and line breaks in a text become spaces. A row the oracle judges again
 * for the same operator (another question over the same days) is written once; different rows with
 * the same text each have their line, as the training set should count them.
 */
export class TsvLabelSink implements LabelSink {
  private readonly writer = `${hostname()}-${process.pid}`;
  private readonly written = new Set<string>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  record(task: SemanticTask, labels: readonly OracleLabel[]): void {
    const stem = this.fileStem(task);
    const fresh = labels.filter(({ id }) => !this.written.has(`${stem}\u0000${id}`));
    if (fresh.length === 0) return;
    const file = join(this.dir, `${stem}.${this.writer}.tsv`);
    const lines = fresh.map(({ text, verdict }) => `${labelOf(verdict)}\t${text.replace(/[\t\r\n]+/g, ' ')}\n`).join('');
    appendFileSync(file, existsSync(file) ? lines : `label\ttext\n${lines}`);
    for (const { id } of fresh) this.remember(`${stem}\u0000${id}`);
  }

  private remember(key: string): void {
    if (this.written.size >= REMEMBERED_ROWS) this.written.delete(this.written.values().next().value!);
    this.written.add(key);
  }

  /** The part of a file name every process shares for the task: `<stem>.*.tsv` names all its files. */
  fileStem(task: SemanticTask): string {
    const labels = task.kind === 'classify' ? task.labels : undefined;
    return `${taskFileStem(task.instruction, labels)}-${fnv1a(taskKey(task.instruction, labels)).toString(16).padStart(8, '0')}`;
  }
}

function labelOf(verdict: Verdict): string {
  return typeof verdict === 'boolean' ? (verdict ? 'yes' : 'no') : verdict;
}
