import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MessagesApiStandIn, rowsOf } from '@chatbi/cascades';
import { loadConfig } from './config/chatbi.config';
import { cascadeJudgesFor } from './semantic/cascade-judges.factory';
import { TrainedProxies } from './semantic/trained-proxies';
import { trainProxyCommand } from './train-proxy.command';

const problems = ['cannot log in', 'login fails', 'locked out of my account', 'password reset loops', 'sign in page errors'];
const praise = ['love the dashboard', 'exports are fast', 'great support team', 'charts look nice', 'reports arrive on time'];
const tails = ['today', 'since monday', 'on my phone', 'again', 'at work', 'after the update'];

// Each test trains a model: seconds on a quiet machine, more on a busy one.
jest.setTimeout(60_000);

describe('chatbi train-proxy and CHATBI_SEMANTIC_PROXIES', () => {
  let dir: string;
  let write: jest.SpyInstance;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'train-proxy-'));
    write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    write.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const labelled = (name: string, lines: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, ['label\ttext', ...lines].join('\n'));
    return file;
  };

  it('trains a filter proxy, lists it in the manifest, and the judges use it for that instruction only', async () => {
    const file = labelled('login.tsv', tails.flatMap((t) => [...problems.map((p) => `complaint\t${p} ${t}`), ...praise.map((p) => `other\t${p} ${t}`)]));
    const out = join(dir, 'proxies');
    await trainProxyCommand(file, { instruction: 'complains about login', positive: 'complaint', out, seed: '2' });
    await trainProxyCommand(file, { instruction: 'Complains  about LOGIN', positive: 'complaint', out, seed: '3' });

    const manifest = parse(readFileSync(join(out, 'proxies.yaml'), 'utf8'));
    expect(manifest.proxies).toEqual([{ instruction: 'Complains  about LOGIN', model: 'complains-about-login.onnx' }]);

    const proxy = TrainedProxies.fromManifest(join(out, 'proxies.yaml')).forTask({ kind: 'filter', instruction: 'complains about login' });
    expect(proxy).toBeDefined();
    const [bad, good] = await proxy!.score({ kind: 'filter', instruction: 'complains about login' }, [
      { id: 'a', text: 'locked out and login fails' },
      { id: 'b', text: 'the dashboard charts are great' },
    ]);
    expect(bad[0]).toBeGreaterThan(good[0]);

    const judges = cascadeJudgesFor(loadConfig({ ANTHROPIC_API_KEY: 'k', CHATBI_SEMANTIC_PROXIES: join(out, 'proxies.yaml') }))!;
    expect(judges.forTask({ kind: 'filter', instruction: 'complains about login' }).proxy(3).name).toBe('onnx:complains-about-login.onnx');
    expect(judges.forTask({ kind: 'filter', instruction: 'mentions pricing' }).proxy(3).name).toBe('online-logistic');
    expect(judges.forTask({ kind: 'classify', instruction: 'complains about login', labels: ['a', 'b'] }).proxy(0).name).toBe('online-logistic');

    // No key: the trained proxy judges its operator alone, with a warning; other operators are refused.
    const offline = cascadeJudgesFor(loadConfig({ CHATBI_SEMANTIC_PROXIES: join(out, 'proxies.yaml') }))!;
    const alone = offline.forTask({ kind: 'filter', instruction: 'complains about login' });
    expect([alone.proxy(2).name, alone.oracle.name, alone.algorithm]).toEqual(['onnx:complains-about-login.onnx', 'none', { kind: 'proxy-only' }]);
    expect(alone.warning).toMatch(/judged by the trained proxy onnx:complains-about-login\.onnx alone: .* not guaranteed/);
    expect(() => offline.forTask({ kind: 'filter', instruction: 'mentions pricing' })).toThrow(/"mentions pricing" needs an LLM oracle: set ANTHROPIC_API_KEY, or train a proxy/);
  });

  it('trains a classifier proxy whose labels are part of the match', async () => {
    const file = labelled('topic.tsv', tails.flatMap((t) => [...problems.map((p) => `access\t${p} ${t}`), ...praise.map((p) => `happy\t${p} ${t}`)]));
    const out = join(dir, 'topics');
    await trainProxyCommand(file, { instruction: 'topic', labels: 'access,happy', out });
    const proxies = TrainedProxies.fromManifest(join(out, 'proxies.yaml'));
    expect(proxies.forTask({ kind: 'classify', instruction: 'topic', labels: ['access', 'happy'] })?.name).toBe('onnx:topic.2-labels.onnx');
    expect(proxies.forTask({ kind: 'classify', instruction: 'topic', labels: ['happy', 'access'] })).toBeUndefined();
    expect(proxies.forTask({ kind: 'filter', instruction: 'topic' })).toBeUndefined();
  });

  it("trains on the oracle's own labels: the judges write them to CHATBI_SEMANTIC_LABELS_DIR, train-proxy reads every file", async () => {
    // Claude's stand-in reads each text as data and says yes when it is about logging in.
    const api = await MessagesApiStandIn.start((request) => ({ toolInput: { verdicts: rowsOf(request).map((r) => ({ row: r.row, verdict: /log ?in|sign in|locked|password/i.test(r.text) })) } }));
    try {
      const labelsDir = join(dir, 'oracle-labels');
      const config = loadConfig({ ANTHROPIC_API_KEY: 'test-key', CHATBI_ANTHROPIC_BASE_URL: api.baseURL, CHATBI_SEMANTIC_LABELS_DIR: labelsDir });
      const task = { kind: 'filter', instruction: 'complains about login' } as const;
      const texts = tails.flatMap((t) => [...problems, ...praise].map((p) => `${p} ${t}`));
      const judges = cascadeJudgesFor(config)!;
      const { oracle } = judges.forTask(task);
      const answers = await oracle.judge(task, texts.map((text, i) => ({ id: String(i), text })));
      expect(answers.filter((a) => a.verdict === true)).toHaveLength(problems.length * tails.length);
      // Another question judges five of the rows again, and two new rows: only the new ones are written.
      const again = [...texts.slice(0, 5).map((text, i) => ({ id: String(i), text })), { id: 'new-1', text: 'cannot sign in today' }, { id: 'new-2', text: 'nice charts' }];
      await judges.forTask(task).oracle.judge(task, again);

      const files = readdirSync(labelsDir).map((f) => join(labelsDir, f));
      expect(files).toHaveLength(1);
      expect(readFileSync(files[0], 'utf8').trim().split('\n')).toHaveLength(1 + texts.length + 2);
      const teamFile = labelled('team.tsv', ['yes\tthe login button does nothing', 'no\tthe new theme is lovely']);
      const out = join(dir, 'from-oracle');
      await trainProxyCommand([...files, teamFile], { instruction: 'complains about login', out });
      // The oracle's rows and the team's two; a tenth held out.
      const rows = texts.length + 2 + 2;
      expect(write.mock.calls.map(([line]) => String(line)).join('')).toContain(`Trained on ${rows - Math.floor(rows / 10)} rows (`);

      const proxy = cascadeJudgesFor(loadConfig({ ANTHROPIC_API_KEY: 'k', CHATBI_SEMANTIC_PROXIES: join(out, 'proxies.yaml') }))!.forTask(task).proxy(0);
      expect(proxy.name).toBe('onnx:complains-about-login.onnx');
      const [bad, good] = await proxy.score(task, [
        { id: 'a', text: 'locked out, password reset loops' },
        { id: 'b', text: 'great support team, charts look nice' },
      ]);
      expect(bad[0]).toBeGreaterThan(good[0]);
    } finally {
      await api.stop();
    }
  });

  it('refuses at start-up a labels folder it cannot write to', () => {
    const file = labelled('not-a-folder.tsv', []);
    expect(() => cascadeJudgesFor(loadConfig({ ANTHROPIC_API_KEY: 'k', CHATBI_SEMANTIC_LABELS_DIR: join(file, 'labels') }))).toThrow(/CHATBI_SEMANTIC_LABELS_DIR: cannot write to .*not-a-folder\.tsv/);
  });

  it('names the line of a row it cannot read, and refuses too few rows', async () => {
    const broken = labelled('broken.tsv', ['yes\tfine', 'maybe\tunknown label']);
    await expect(trainProxyCommand(broken, { instruction: 'x' })).rejects.toThrow(/broken\.tsv:3/);
    const few = labelled('few.tsv', ['yes\ta', 'no\tb']);
    await expect(trainProxyCommand(few, { instruction: 'x' })).rejects.toThrow(/at least 20/);
    await expect(trainProxyCommand(few, { instruction: ' ' })).rejects.toThrow(/--instruction/);
  });

  it('checks the manifest at start-up: its shape, its files and repeated instructions', () => {
    const manifest = (text: string) => {
      const file = join(dir, `m-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, text);
      return file;
    };
    expect(() => TrainedProxies.fromManifest(join(dir, 'none.yaml'))).toThrow(/no manifest/);
    expect(() => TrainedProxies.fromManifest(manifest('proxies:\n  - instruction: ""\n    model: a.onnx\n'))).toThrow(/proxies\.0\.instruction/);
    expect(() => TrainedProxies.fromManifest(manifest('proxies:\n  - instruction: spam\n    model: missing.onnx\n'))).toThrow(/proxies\.0\.model: no file/);
    writeFileSync(join(dir, 'real.onnx'), readFileSync(join(dir, 'proxies', 'complains-about-login.onnx')));
    expect(() => TrainedProxies.fromManifest(manifest('proxies:\n  - instruction: spam\n    model: real.onnx\n  - instruction: " SPAM"\n    model: real.onnx\n'))).toThrow(/proxies\.1 repeats/);
  });
});
