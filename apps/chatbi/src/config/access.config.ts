import { z } from 'zod';
import type { AuditOptions } from '@chatbi/audit';
import type { AuthOptions } from '@chatbi/auth';
import type { RetentionPolicy } from '../retention/metadata-retention.service';

const list = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Who may call ChatBI, what is kept about it and for how long: part of the ChatBI configuration. */
export const accessConfigShape = {
  /** auto: authentication is required once a credential exists (an API token, a JWT issuer, a trusted proxy); required: always. */
  CHATBI_AUTH: z.enum(['auto', 'required']).default('auto'),
  /** Host names an unauthenticated request may send as Host (DNS rebinding); HOST is added when it names one host. */
  CHATBI_ALLOWED_HOSTS: list.pipe(z.array(z.string().regex(/^[A-Za-z0-9.:-]+$/, 'host names only, no ports or schemes'))),
  /** Requests a minute per API token or signed-in user (a token may set its own); 0 for no limit. */
  CHATBI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Single sign-on: the issuer of accepted bearer JWTs, and its keys (a JWKS URL or one PEM public key). */
  CHATBI_JWT_ISSUER: z.string().min(1).optional(),
  /** The audience (aud) accepted JWTs must name; unchecked when unset. */
  CHATBI_JWT_AUDIENCE: z.string().min(1).optional(),
  /** The issuer's JWKS URL, where its signing keys are fetched. */
  CHATBI_JWT_JWKS_URL: z.string().url().optional(),
  /** The issuer's one PEM public key (SPKI), instead of a JWKS URL. */
  CHATBI_JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'a PEM public key (SPKI)' }).optional(),
  /** The claim that names the user. */
  CHATBI_JWT_USER_CLAIM: z.string().min(1).default('sub'),
  /** The claim that holds the user's roles. */
  CHATBI_JWT_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** Claims copied into the user's attributes for the catalog's row filters, comma-separated. */
  CHATBI_JWT_ATTRIBUTE_CLAIMS: list,
  /** required: a question whose audit event cannot be written (a full disk) is refused; best-effort: answered, the failure logged. */
  CHATBI_AUDIT: z.enum(['best-effort', 'required']).default('best-effort'),
  /** Days the audit log keeps its events. */
  CHATBI_AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  /** Days a conversation is kept after its latest turn. */
  CHATBI_CONVERSATION_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** Days the view advisor's question log keeps a question. */
  CHATBI_QUESTION_LOG_RETENTION_DAYS: z.coerce.number().int().positive().default(180),
};

type AccessConfig = z.infer<z.ZodObject<typeof accessConfigShape>> & {
  HOST: string;
  CHATBI_ADMIN_TOKEN?: string;
  CHATBI_TRUSTED_PROXY_SECRET?: string;
  CHATBI_CORS_ORIGINS: string[];
};

/** Names this machine answers to when nothing else is configured. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = ['0.0.0.0', '::', ''];

export function authOptionsOf(config: AccessConfig): AuthOptions {
  const host = config.HOST.toLowerCase();
  return {
    mode: config.CHATBI_AUTH,
    trustedProxySecret: config.CHATBI_TRUSTED_PROXY_SECRET,
    adminToken: config.CHATBI_ADMIN_TOKEN,
    allowedHosts: [...new Set([...LOOPBACK_HOSTS, ...(WILDCARD_HOSTS.includes(host) ? [] : [host]), ...config.CHATBI_ALLOWED_HOSTS.map((h) => h.toLowerCase())])],
    corsOrigins: config.CHATBI_CORS_ORIGINS,
    rateLimitPerMinute: config.CHATBI_RATE_LIMIT_PER_MINUTE,
    ...(config.CHATBI_JWT_ISSUER
      ? {
          jwt: {
            issuer: config.CHATBI_JWT_ISSUER,
            audience: config.CHATBI_JWT_AUDIENCE,
            jwksUrl: config.CHATBI_JWT_JWKS_URL,
            publicKey: config.CHATBI_JWT_PUBLIC_KEY,
            userClaim: config.CHATBI_JWT_USER_CLAIM,
            rolesClaim: config.CHATBI_JWT_ROLES_CLAIM,
            attributeClaims: config.CHATBI_JWT_ATTRIBUTE_CLAIMS,
          },
        }
      : {}),
  };
}

export function auditOptionsOf(config: Pick<AccessConfig, 'CHATBI_AUDIT'>): AuditOptions {
  return { required: config.CHATBI_AUDIT === 'required' };
}

export function retentionPolicyOf(
  config: Pick<AccessConfig, 'CHATBI_AUDIT_RETENTION_DAYS' | 'CHATBI_CONVERSATION_RETENTION_DAYS' | 'CHATBI_QUESTION_LOG_RETENTION_DAYS'>,
): RetentionPolicy {
  return {
    auditDays: config.CHATBI_AUDIT_RETENTION_DAYS,
    conversationDays: config.CHATBI_CONVERSATION_RETENTION_DAYS,
    questionLogDays: config.CHATBI_QUESTION_LOG_RETENTION_DAYS,
  };
}
