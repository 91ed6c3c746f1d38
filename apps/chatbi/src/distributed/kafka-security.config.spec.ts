import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientSecurity } from '@chatbi/transport';
import { loadDistributedConfig } from './distributed.config';
import { kafkaSecurityOf } from './kafka-security.config';

describe('Kafka TLS and SASL settings', () => {
  const base = { KAFKA_BROKERS: 'kafka:9093', CHATBI_METADATA_URL: 'postgres://u@h/db' };
  let dir: string;
  let ca: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-kafka-config-'));
    ca = join(dir, 'ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plaintext by default', () => {
    const config = loadDistributedConfig('dialogue', base);
    expect(kafkaSecurityOf(config)).toEqual({});
    expect(kafkaClientSecurity(kafkaSecurityOf(config))).toEqual({});
  });

  it('reads SASL over TLS with the CA file into the client options kafkajs takes', () => {
    const config = loadDistributedConfig('dialogue', {
      ...base,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'chatbi',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_SSL_CA_FILE: ca,
    });
    expect(kafkaClientSecurity(kafkaSecurityOf(config))).toEqual({
      ssl: { rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') },
      sasl: { mechanism: 'scram-sha-256', username: 'chatbi', password: 'secret' },
    });
  });

  it('names each missing or misplaced setting at start-up', () => {
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN' })).toThrow(
      /KAFKA_SASL_USERNAME: KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_USERNAME\n\s+KAFKA_SASL_PASSWORD: KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_PASSWORD/,
    );
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SASL_PASSWORD: 'x' })).toThrow(/KAFKA_SASL_PASSWORD: is only used with KAFKA_SECURITY_PROTOCOL=SASL_SSL or SASL_PLAINTEXT/);
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: join(dir, 'missing.crt') })).toThrow(/KAFKA_SSL_CA_FILE: cannot read/);
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: ca })).toThrow(/KAFKA_SSL_KEY_FILE: give KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE together/);
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SSL_CA_FILE: ca })).toThrow(/KAFKA_SSL_CA_FILE: is only used with KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL/);
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'GSSAPI' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
