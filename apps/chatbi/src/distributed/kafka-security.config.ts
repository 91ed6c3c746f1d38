import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isReadableFile } from '../config/readable-file';
import { KAFKA_SASL_MECHANISMS, type KafkaSecurity } from '@chatbi/transport';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;

/** TLS and SASL towards Kafka, named as Kafka's own clients name them; part of a distributed service's settings. */
export const kafkaSecurityConfigShape = {
  /** How to talk to the brokers: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL (SASL over TLS, what managed Kafka offers). */
  KAFKA_SECURITY_PROTOCOL: z.enum(KAFKA_SECURITY_PROTOCOLS).default('PLAINTEXT'),
  /** SASL_*: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. */
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  /** SASL_*: the user. */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** SASL_*: the password (from a Secret in the chart: kafka.sasl.existingSecret). */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** SSL, SASL_SSL: a PEM file of the CA(s) that signed the brokers' certificates; the system's CAs otherwise. */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** SSL, SASL_SSL: a PEM client certificate and its key, for brokers that require mutual TLS. */
  KAFKA_SSL_CERT_FILE: z.string().min(1).optional(),
  /** The PEM private key of KAFKA_SSL_CERT_FILE. */
  KAFKA_SSL_KEY_FILE: z.string().min(1).optional(),
};

type KafkaSecurityConfig = z.infer<z.ZodObject<typeof kafkaSecurityConfigShape>>;

/** What no single Kafka setting can check: SASL needs a mechanism and credentials, TLS files need TLS and must be readable. */
export function checkKafkaSecurity(config: KafkaSecurityConfig, ctx: z.RefinementCtx): void {
  const sasl = config.KAFKA_SECURITY_PROTOCOL.startsWith('SASL_');
  const tls = config.KAFKA_SECURITY_PROTOCOL.endsWith('SSL');
  const issue = (path: keyof KafkaSecurityConfig, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (sasl) {
    for (const key of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!config[key]) issue(key, `KAFKA_SECURITY_PROTOCOL=${config.KAFKA_SECURITY_PROTOCOL} needs ${key}`);
    }
  } else {
    for (const key of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[key]) issue(key, `is only used with KAFKA_SECURITY_PROTOCOL=SASL_SSL or SASL_PLAINTEXT (it is ${config.KAFKA_SECURITY_PROTOCOL})`);
    }
  }
  for (const key of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const) {
    const file = config[key];
    if (!file) continue;
    if (!tls) issue(key, `is only used with KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL (it is ${config.KAFKA_SECURITY_PROTOCOL})`);
    else if (!isReadableFile(file)) issue(key, `cannot read ${file}`);
  }
  if (Boolean(config.KAFKA_SSL_CERT_FILE) !== Boolean(config.KAFKA_SSL_KEY_FILE)) {
    issue('KAFKA_SSL_KEY_FILE', 'give KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE together (a client certificate and its key)');
  }
}

/** The checked settings as the bus takes them, with the PEM files read. */
export function kafkaSecurityOf(config: KafkaSecurityConfig): KafkaSecurity {
  const tls = config.KAFKA_SECURITY_PROTOCOL.endsWith('SSL');
  const sasl = config.KAFKA_SECURITY_PROTOCOL.startsWith('SASL_');
  const read = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
  return {
    ...(tls ? { tls: { ca: read(config.KAFKA_SSL_CA_FILE), cert: read(config.KAFKA_SSL_CERT_FILE), key: read(config.KAFKA_SSL_KEY_FILE) } } : {}),
    ...(sasl ? { sasl: { mechanism: config.KAFKA_SASL_MECHANISM!, username: config.KAFKA_SASL_USERNAME!, password: config.KAFKA_SASL_PASSWORD! } } : {}),
  };
}
