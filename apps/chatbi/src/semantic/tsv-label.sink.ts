import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SemanticTask, Verdict } from '@chatbi/contracts';
import type { LabelSink, OracleLabel } from '@chatbi/cascades';
import { fnv1a } from '@chatbi/models';
import { taskFileStem, taskKey } from './trained-proxies';

/**
 * The oracle's labels as files `chatbi train-proxy` reads: `label<TAB>text` lines, one file per
 * operator and process, `<dir>/<instruction>-<task hash>.<host>-<pid>.tsv`, so that processes
 * sharing the folder never write to the same file. A filter's labels are yes and no, a
 * classifier's its own; tabs and line breaks in a text become spaces.
 */
export class TsvLabelSink implements LabelSink {
  private readonly writer = `${hostname()}-${process.pid}`;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  record(task: SemanticTask, labels: readonly OracleLabel[]): void {
    const file = join(this.dir, `${this.fileStem(task)}.${this.writer}.tsv`);
    const lines = labels.map(({ text, verdict }) => `${labelOf(verdict)}\t${text.replace(/[\t\r\n]+/g, ' ')}\n`).join('');
    appendFileSync(file, existsSync(file) ? lines : `label\ttext\n${lines}`);
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
