import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrainingLock } from './training.lock';

describe('TrainingLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chatbi-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in at a time; the next one gets in once it is released', async () => {
    const lock = new TrainingLock(join(dir, 'training.lock'));
    const release = await lock.acquire();
    expect(release).toBeDefined();
    expect(lock.holder()).toEqual({ pid: process.pid, host: hostname() });
    let secondIn = false;
    const second = new TrainingLock(lock.file).acquire({ pollMs: 10 }).then((r) => {
      secondIn = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondIn).toBe(false);
    release!();
    const releaseSecond = await second;
    expect(releaseSecond).toBeDefined();
    releaseSecond!();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('gives up after its wait, and stops waiting when aborted', async () => {
    const lock = new TrainingLock(join(dir, 'training.lock'));
    const release = await lock.acquire();
    expect(await new TrainingLock(lock.file).acquire({ waitMs: 50, pollMs: 10 })).toBeUndefined();
    const abort = new AbortController();
    const waiting = new TrainingLock(lock.file).acquire({ signal: abort.signal, pollMs: 10 });
    abort.abort();
    expect(await waiting).toBeUndefined();
    release!();
  });

  it('does not wait on a directory it cannot write (there is no cache to share)', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const release = await new TrainingLock(join(dir, 'a-file', 'models', 'training.lock')).acquire({ waitMs: 50 });
    expect(release).toBeDefined();
    release!();
  });

  it('takes over a lock left by a process that is gone, or one too old to be alive', async () => {
    const file = join(dir, 'training.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(file, JSON.stringify({ pid: Number(gone), host: hostname(), since: new Date().toISOString() }));
    const release = await new TrainingLock(file).acquire({ waitMs: 1_000, pollMs: 10 });
    expect(release).toBeDefined();
    release!();

    // A holder on another host cannot be checked; only its age tells.
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'another-host', since: new Date().toISOString() }));
    expect(await new TrainingLock(file).acquire({ waitMs: 100, pollMs: 10 })).toBeUndefined();
    const old = await new TrainingLock(file).acquire({ staleMs: 0, waitMs: 1_000, pollMs: 10 });
    expect(old).toBeDefined();
    old!();
  });
});
