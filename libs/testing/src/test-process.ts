import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** What the throwaway servers of the tests (PostgreSQL, MariaDB, Kafka) need from the machine. */

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The uid and gid of a system account (a server run as root drops to it), from /etc/passwd. */
export function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A failed child process's message and its stderr, for an error that says why a server did not start. */
export function explainProcessError(error: unknown): string {
  const e = error as { message?: string; stderr?: string };
  return [e?.message, e?.stderr].filter(Boolean).join('\n') || String(error);
}
