import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { explainProcessError, freePort, systemUser } from '@chatbi/testing';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface PostgresTestServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres, trust auth. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface PostgresBinaries {
  version: string;
  initdb: string;
  pgCtl: string;
}

/** Debian's server binaries (/usr/lib/postgresql/<version>/bin), newest version first. */
export function findPostgresBinaries(root = PG_ROOT): PostgresBinaries | undefined {
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a)) : [];
  for (const version of versions) {
    const initdb = join(root, version, 'bin', 'initdb');
    const pgCtl = join(root, version, 'bin', 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { version, initdb, pgCtl };
  }
  return undefined;
}

/**
 * Starts a throwaway PostgreSQL cluster: a temp data dir, a free port on 127.0.0.1, the unix socket
 * in the temp dir, trust auth. initdb refuses to run as root, so as root the binaries run as the
 * postgres user (which the Debian package creates) in a temp dir that user owns.
 */
export async function startPostgresTestServer(options: { binRoot?: string } = {}): Promise<PostgresTestServer> {
  const root = options.binRoot ?? PG_ROOT;
  const bin = findPostgresBinaries(root);
  if (!bin) {
    throw new Error(
      `No PostgreSQL server binaries under ${root}/*/bin (initdb, pg_ctl). ` +
        'Install the `postgresql` package (apt-get install -y postgresql) to run the PostgreSQL tests.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (asRoot && !owner) {
    throw new Error('Running as root, but there is no `postgres` user to run initdb as; install the `postgresql` package, which creates it.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const exec = (file: string, args: string[]) => runAs(owner ? 'postgres' : undefined, file, args);
  let port = 0;
  try {
    await exec(bin.initdb, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync']);
    port = await freePort();
    // -F: no fsync, a throwaway cluster need not survive a crash.
    await exec(bin.pgCtl, ['-D', dataDir, '-l', log, '-w', '-t', '60', '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -F`, 'start']);
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL ${bin.version} test server: ${explainProcessError(error)}${tail ? `\n${tail}` : ''}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        // A signal rather than pg_ctl: spawning from a test process that holds DuckDB can fail with ENOMEM.
        await stopPostmaster(join(dataDir, 'postmaster.pid'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** SIGQUIT is PostgreSQL's immediate shutdown; wait until the postmaster has gone. */
async function stopPostmaster(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(pid, 'SIGKILL');
}

async function runAs(user: string | undefined, file: string, args: string[]): Promise<void> {
  const opts = { timeout: 120_000 };
  if (!user) {
    await run(file, args, opts);
  } else if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) {
    await run('runuser', ['-u', user, '--', file, ...args], opts);
  } else {
    await run('su', [user, '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')], opts);
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

