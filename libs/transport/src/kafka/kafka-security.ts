import type { SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

export const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** How a client proves itself to the brokers and trusts them: TLS, SASL, both, or neither (plaintext). */
export interface KafkaSecurity {
  /** TLS to the brokers; the system's CAs are trusted unless ca is given. */
  tls?: {
    /** PEM CA certificate(s) the brokers' certificates are checked against. */
    ca?: string;
    /** PEM client certificate and key, for brokers that require mutual TLS. */
    cert?: string;
    key?: string;
  };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

/** The ssl and sasl options of kafkajs's client for the given security. */
export function kafkaClientSecurity(security: KafkaSecurity = {}): { ssl?: ConnectionOptions; sasl?: SASLOptions } {
  const ssl: ConnectionOptions | undefined = security.tls
    ? { rejectUnauthorized: true, ...(security.tls.ca ? { ca: security.tls.ca } : {}), ...(security.tls.cert ? { cert: security.tls.cert, key: security.tls.key } : {}) }
    : undefined;
  const sasl = security.sasl;
  const mechanism = sasl ? (sasl.mechanism.toLowerCase() as 'plain' | 'scram-sha-256' | 'scram-sha-512') : undefined;
  return {
    ...(ssl ? { ssl } : {}),
    ...(sasl && mechanism ? { sasl: { mechanism, username: sasl.username, password: sasl.password } as SASLOptions } : {}),
  };
}

/**
 * The error kafkajs gave on connecting, said for an operator: which setting to look at when the
 * brokers refused the credentials or their certificate was not trusted. Other errors pass unchanged.
 */
export function explainKafkaConnectError(error: unknown, security: KafkaSecurity = {}): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  const text = `${e.name}: ${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`;
  if (e.name === 'KafkaJSSASLAuthenticationError' || /SASL .*authentication failed|Authentication failed/i.test(text)) {
    const who = security.sasl ? `${security.sasl.username} (${security.sasl.mechanism})` : 'no SASL user';
    return new Error(`Kafka refused the SASL credentials of ${who}: check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM. The broker said: ${e.message}`, { cause: e });
  }
  if (/self[- ]signed|unable to (verify|get local issuer)|certificate|altnames|ERR_TLS/i.test(text)) {
    return new Error(`Kafka's TLS certificate was not accepted: give the CA that signed it in KAFKA_SSL_CA_FILE (and connect by a name the certificate holds). The error was: ${e.message}`, { cause: e });
  }
  return e;
}
