import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './chatbi.config';
import { grpcTlsOf } from './grpc-tls.config';

describe('gRPC TLS settings', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-grpc-config-'));
    for (const name of ['server.crt', 'server.key', 'ca.crt']) writeFileSync(file(name), name);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plaintext unless a certificate and key are given; mutual TLS with a client CA', () => {
    expect(grpcTlsOf(loadConfig({}))).toBeUndefined();
    const tls = grpcTlsOf(loadConfig({ CHATBI_GRPC_TLS_CERT_FILE: file('server.crt'), CHATBI_GRPC_TLS_KEY_FILE: file('server.key') }));
    expect(tls).toEqual({ cert: Buffer.from('server.crt'), key: Buffer.from('server.key') });
    const mutual = grpcTlsOf(loadConfig({ CHATBI_GRPC_TLS_CERT_FILE: file('server.crt'), CHATBI_GRPC_TLS_KEY_FILE: file('server.key'), CHATBI_GRPC_TLS_CLIENT_CA_FILE: file('ca.crt') }));
    expect(mutual?.clientCa).toEqual(Buffer.from('ca.crt'));
  });

  it('refuses half a pair, a client CA without a server certificate, and files it cannot read', () => {
    expect(() => loadConfig({ CHATBI_GRPC_TLS_CERT_FILE: file('server.crt') })).toThrow(/CHATBI_GRPC_TLS_KEY_FILE: give CHATBI_GRPC_TLS_CERT_FILE and CHATBI_GRPC_TLS_KEY_FILE together/);
    expect(() => loadConfig({ CHATBI_GRPC_TLS_CLIENT_CA_FILE: file('ca.crt') })).toThrow(/CHATBI_GRPC_TLS_CLIENT_CA_FILE: mutual TLS needs the server certificate too/);
    expect(() => loadConfig({ CHATBI_GRPC_TLS_CERT_FILE: file('nope.crt'), CHATBI_GRPC_TLS_KEY_FILE: file('server.key') })).toThrow(/CHATBI_GRPC_TLS_CERT_FILE: cannot read/);
  });
});
