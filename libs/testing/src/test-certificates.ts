import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { explainProcessError } from './test-process';

const run = promisify(execFile);

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

export interface TestCertificates {
  dir: string;
  caFile: string;
  ca: Buffer;
  /** For localhost and 127.0.0.1. */
  server: TestCertificate;
  /** A client certificate (CN=chatbi-test-client) for mutual TLS. */
  client: TestCertificate;
  /** The server's key and certificate chain as a PKCS#12 keystore (for a JVM server such as Kafka), and its password. */
  serverKeystore: { file: string; password: string };
  remove(): void;
}

/**
 * A throwaway CA and the server and client certificates it signs, made with openssl in a temp
 * directory: what a TLS test needs, nothing shipped.
 */
export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = async (...args: string[]) => {
    try {
      await run('openssl', args, { cwd: dir, timeout: 60_000 });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${explainProcessError(error)}`);
    }
  };
  const ecKey = (name: string) => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(name));

  await ecKey('ca.key');
  await openssl('req', '-x509', '-new', '-key', file('ca.key'), '-sha256', '-days', '2', '-subj', '/CN=ChatBI test CA', '-out', file('ca.crt'));
  const sign = async (name: string, subject: string, extensions: string) => {
    await ecKey(`${name}.key`);
    await openssl('req', '-new', '-key', file(`${name}.key`), '-subj', subject, '-out', file(`${name}.csr`));
    writeFileSync(file(`${name}.ext`), extensions);
    await openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-sha256', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`));
    return { certFile: file(`${name}.crt`), keyFile: file(`${name}.key`), cert: readFileSync(file(`${name}.crt`)), key: readFileSync(file(`${name}.key`)) };
  };
  const server = await sign('server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const client = await sign('client', '/CN=chatbi-test-client', 'extendedKeyUsage=clientAuth\n');
  const password = 'chatbi-test-keystore';
  await openssl('pkcs12', '-export', '-in', server.certFile, '-inkey', server.keyFile, '-certfile', file('ca.crt'), '-name', 'server', '-passout', `pass:${password}`, '-out', file('server.p12'));
  return {
    dir,
    caFile: file('ca.crt'),
    ca: readFileSync(file('ca.crt')),
    server,
    client,
    serverKeystore: { file: file('server.p12'), password },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
