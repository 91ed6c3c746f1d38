import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { explainProcessError, freePort } from '@chatbi/testing';

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '..', '..', 'scripts', 'superset');
const START_TIMEOUT_MS = 8 * 60_000;

export interface SupersetTestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The admin this run created, with a password drawn for this run. */
  admin: { username: string; password: string };
  /** Resolves once /health answers, with the seconds that took and the phases run-superset.sh reported. */
  ready: Promise<{ seconds: number; phases: string[] }>;
  stop(): Promise<void>;
}

/**
 * A throwaway Apache Superset with ChatBI's Ask panel (scripts/superset/run-superset.sh): SQLite
 * metadata in a temp dir, a secret key and an admin password drawn for this run, the proxy to ChatBI
 * at chatbiUrl signing users with trustedProxySecret. The venv comes from
 * scripts/superset/install-superset.sh, which installs it into ~/.cache/chatbi when it is missing.
 * Resolves once the server process is spawned: call it before this process opens DuckDB (which makes
 * fork unreliable), then await `ready`.
 */
export async function startSupersetTestServer(options: { chatbiUrl: string; trustedProxySecret: string }): Promise<SupersetTestServer> {
  await installSuperset();
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-superset-'));
  const port = await freePort();
  const admin = { username: `admin_${randomBytes(3).toString('hex')}`, password: randomBytes(18).toString('base64url') };
  const log = join(dir, 'superset.log');
  const out = openSync(log, 'a');
  const started = Date.now();
  const child = spawn('bash', [join(SCRIPTS, 'run-superset.sh')], {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      SUPERSET_HOME: join(dir, 'home'),
      SUPERSET_PORT: String(port),
      SUPERSET_SECRET_KEY: randomBytes(32).toString('base64url'),
      SUPERSET_ADMIN_USERNAME: admin.username,
      SUPERSET_ADMIN_PASSWORD: admin.password,
      CHATBI_URL: options.chatbiUrl,
      CHATBI_TRUSTED_PROXY_SECRET: options.trustedProxySecret,
    },
  });
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = waitForHealth(url, child, log).then(
    () => ({ seconds: (Date.now() - started) / 1000, phases: readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('[run-superset]')) }),
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
  // The caller awaits it later; until then a failure must not count as unhandled.
  ready.catch(() => undefined);
  return { url, admin, ready, stop };
}

async function installSuperset(): Promise<void> {
  try {
    await run('bash', [join(SCRIPTS, 'install-superset.sh')], { timeout: 20 * 60_000 });
  } catch (error) {
    throw new Error(
      `Apache Superset is not installed, and scripts/superset/install-superset.sh could not install it (it needs Python 3.10-3.12 with venv and PyPI): ${explainProcessError(error)}`,
    );
  }
}

async function waitForHealth(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Superset exited while starting:\n${tail(log)}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Superset did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n${tail(log)}`);
}

/** SIGTERM to the script's process group (Superset and anything it started), SIGKILL after 20 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '(no log)';
}
