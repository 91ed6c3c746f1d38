import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { ChatbiGrpcServer } from '@chatbi/dialogue';
import { createTestCertificates, type TestCertificates } from '@chatbi/testing';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { grpcTlsOf } from '../apps/chatbi/src/config/grpc-tls.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { GrpcClient } from './distributed-clients';

jest.setTimeout(180_000);

const REFLECTION_PROTO = join(require.resolve('@grpc/reflection'), '..', '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');

function loadService(file: string): any {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true }));
}

/**
 * The gRPC API over mutual TLS, as CHATBI_GRPC_TLS_* configure it: a client with the CA and its own
 * certificate asks a question and checks grpc.health.v1 and server reflection; a client without a
 * certificate, one that does not trust the CA, and a plaintext one are turned away.
 */
describe('gRPC over TLS, with health and reflection', () => {
  let certificates: TestCertificates;
  let dataDir: string;
  let app: INestApplication;
  let address: string;

  const trusted = () => grpc.credentials.createSsl(certificates.ca, certificates.client.key, certificates.client.cert);

  beforeAll(async () => {
    certificates = await createTestCertificates();
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-grpc-tls-'));
    const config = loadConfig({
      CHATBI_DATA_DIR: dataDir,
      CHATBI_GRPC_TLS_CERT_FILE: certificates.server.certFile,
      CHATBI_GRPC_TLS_KEY_FILE: certificates.server.keyFile,
      CHATBI_GRPC_TLS_CLIENT_CA_FILE: certificates.caFile,
    });
    app = await createEmbeddedApp(config, { logLevels: ['error'] });
    address = `localhost:${await app.get(ChatbiGrpcServer).listen('127.0.0.1', 0, grpcTlsOf(config))}`;
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    certificates?.remove();
  });

  it('answers Ask over mutual TLS', async () => {
    const client = new GrpcClient(address, trusted());
    try {
      const outcome = await client.ask({ question: 'DAU of the main app over the last 7 days' });
      expect(outcome.status).toBe('ok');
      expect(outcome.answer!.rows.length).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  });

  it('reports SERVING on grpc.health.v1 for the server and for chatbi.v1.ChatBI, NOT_FOUND for others', async () => {
    const Health = loadService(healthProtoPath).grpc.health.v1.Health;
    const client = new Health(address, trusted());
    const check = (service: string) =>
      new Promise<{ status?: string; code?: number }>((resolve) =>
        client.Check({ service }, (error: grpc.ServiceError | null, reply: { status: string }) => resolve(error ? { code: error.code } : { status: reply.status })),
      );
    try {
      expect(await check('')).toEqual({ status: 'SERVING' });
      expect(await check('chatbi.v1.ChatBI')).toEqual({ status: 'SERVING' });
      expect(await check('no.such.Service')).toEqual({ code: grpc.status.NOT_FOUND });
    } finally {
      client.close();
    }
  });

  it('lists its services by server reflection', async () => {
    const Reflection = loadService(REFLECTION_PROTO).grpc.reflection.v1.ServerReflection;
    const client = new Reflection(address, trusted());
    try {
      const services = await new Promise<string[]>((resolve, reject) => {
        const call = client.ServerReflectionInfo();
        call.on('data', (reply: { list_services_response?: { service: { name: string }[] } }) => {
          resolve(reply.list_services_response!.service.map((s) => s.name).sort());
          call.end();
        });
        call.on('error', reject);
        call.write({ list_services: '' });
      });
      expect(services).toEqual(expect.arrayContaining(['chatbi.v1.ChatBI', 'grpc.health.v1.Health']));
    } finally {
      client.close();
    }
  });

  it('turns away a client without a certificate, one that does not trust the CA, and a plaintext one', async () => {
    const refusals: Record<string, grpc.ChannelCredentials> = {
      'no client certificate': grpc.credentials.createSsl(certificates.ca),
      'untrusted server': grpc.credentials.createSsl(undefined, certificates.client.key, certificates.client.cert),
      plaintext: grpc.credentials.createInsecure(),
    };
    for (const [name, credentials] of Object.entries(refusals)) {
      const client = new GrpcClient(address, credentials);
      try {
        const outcome = await client.ask({ question: 'DAU of the main app over the last 7 days' });
        expect({ name, status: outcome.status, grpcCode: outcome.grpcCode }).toEqual({ name, status: 'error', grpcCode: grpc.status.UNAVAILABLE });
      } finally {
        client.close();
      }
    }
  });
});
