import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { explainProcessError, freePort, systemUser } from '@chatbi/testing';

const run = promisify(execFile);

export interface MariaDbTestServer {
  /** mysql://root@127.0.0.1:<port>/<database>, no password. */
  url: string;
  host: string;
  port: number;
  user: string;
  database: string;
  socket: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface MariaDbBinaries {
  installDb: string;
  server: string;
}

const SEARCH_PATHS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** Debian's mariadb-server binaries: mariadb-install-db and mariadbd. */
export function findMariaDbBinaries(paths = SEARCH_PATHS): MariaDbBinaries | undefined {
  const find = (names: string[]) => {
    for (const dir of paths) for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
    return undefined;
  };
  const installDb = find(['mariadb-install-db', 'mysql_install_db']);
  const server = find(['mariadbd', 'mysqld']);
  return installDb && server ? { installDb, server } : undefined;
}

/**
 * Starts a throwaway MariaDB server: a temp data dir, a free port on 127.0.0.1, the socket in the
 * temp dir, root without a password. mariadbd refuses to run as root, so as root it runs as the
 * mysql user (which the Debian package creates) in a temp dir that user owns. stop() ends it with
 * a signal: spawning a client from a test process that holds DuckDB can fail with ENOMEM.
 */
export async function startMariaDbTestServer(options: { database?: string; binPaths?: string[] } = {}): Promise<MariaDbTestServer> {
  const bin = findMariaDbBinaries(options.binPaths);
  if (!bin) {
    throw new Error(
      `No MariaDB server binaries (mariadb-install-db, mariadbd) in ${(options.binPaths ?? SEARCH_PATHS).join(', ')}. ` +
        'Install the `mariadb-server` package (apt-get install -y mariadb-server) to run the MariaDB tests.',
    );
  }
  const database = options.database ?? 'chatbi_test';
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('mysql') : undefined;
  if (asRoot && !owner) {
    throw new Error('Running as root, but there is no `mysql` user to run mariadbd as; install `mariadb-server`, which creates it.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-mdb-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const socket = join(dir, 'mariadb.sock');
  const errorLog = join(dir, 'error.log');
  const userArgs = owner ? ['--user=mysql'] : [];
  let child: ChildProcess | undefined;
  let port = 0;
  try {
    await run(
      bin.installDb,
      ['--no-defaults', `--datadir=${dataDir}`, ...userArgs, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { timeout: 120_000 },
    );
    port = await freePort();
    child = spawn(
      bin.server,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--log-error=${errorLog}`,
        ...userArgs,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
        // A throwaway server need not survive a crash.
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_bin',
      ],
      { detached: true, stdio: 'ignore' },
    );
    child.unref();
    await waitUntilReady(child, port, 60_000);
    const admin = await createConnection({ host: '127.0.0.1', port, user: 'root' });
    try {
      await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    if (child) await stopProcess(child);
    const tail = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-20).join('\n') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a MariaDB test server: ${explainProcessError(error)}${tail ? `\n${tail}` : ''}`);
  }
  const server = child;
  let stopped = false;
  return {
    url: `mysql://root@127.0.0.1:${port}/${database}`,
    host: '127.0.0.1',
    port,
    user: 'root',
    database,
    socket,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await stopProcess(server);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function waitUntilReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `mariadbd exited (${signal ?? `code ${code}`}) while starting`));
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const connection = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2_000 });
      await connection.end();
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`mariadbd did not accept connections within ${timeoutMs} ms: ${explainProcessError(last)}`);
}

/** SIGTERM is a clean shutdown for mariadbd; SIGKILL if it has not gone after 30 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await gone;
  } finally {
    clearTimeout(timer);
  }
}

