import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TsvLabelSink } from './tsv-label.sink';

describe('TsvLabelSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labels-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a filter's labels as yes/no lines under one header, texts kept on one line", () => {
    const sink = new TsvLabelSink(join(dir, 'nested'));
    const task = { kind: 'filter', instruction: 'Complains about  LOGIN' } as const;
    sink.record(task, [{ id: '1', text: 'cannot\tlog in\r\nagain', verdict: true }]);
    sink.record(task, [{ id: '2', text: 'great videos', verdict: false }, { id: '1', text: 'cannot log in again', verdict: true }, { id: '3', text: 'great videos', verdict: false }]);
    const files = readdirSync(join(dir, 'nested'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^complains-about-login-[0-9a-f]{8}\.[^/]+-\d+\.tsv$/);
    expect(files[0].startsWith(`${sink.fileStem({ kind: 'filter', instruction: 'complains about login' })}.`)).toBe(true);
    // Row 1 judged again is written once; rows 2 and 3 share a text and are two examples.
    expect(readFileSync(join(dir, 'nested', files[0]), 'utf8')).toBe('label\ttext\nyes\tcannot log in again\nno\tgreat videos\nno\tgreat videos\n');
  });

  it("writes a classifier's own labels, in a file of its own for each set of labels", () => {
    const sink = new TsvLabelSink(dir);
    sink.record({ kind: 'classify', instruction: 'topic', labels: ['access', 'ads'] }, [{ id: '1', text: 'login fails', verdict: 'access' }]);
    sink.record({ kind: 'classify', instruction: 'topic', labels: ['access', 'ads', 'other'] }, [{ id: '1', text: 'too many ads', verdict: 'ads' }]);
    sink.record({ kind: 'filter', instruction: 'topic' }, [{ id: '1', text: 'too many ads', verdict: true }]);
    const files = readdirSync(dir).sort();
    expect(files.map((f) => f.split('-')[0])).toEqual(['topic', 'topic.2', 'topic.3']);
    expect(files.map((f) => readFileSync(join(dir, f), 'utf8').split('\n')[1])).toEqual(['yes\ttoo many ads', 'access\tlogin fails', 'ads\ttoo many ads']);
  });
});
