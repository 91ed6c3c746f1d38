import { DataSource } from 'typeorm';
import { AUDIT_KINDS, AuditLog, type AuditQuery } from '@chatbi/audit';
import { ApiTokenStore, SCOPES, type Scope } from '@chatbi/auth';
import { ChatbiError, userAttributesSchema } from '@chatbi/contracts';
import { retentionPolicyOf } from '../config/access.config';
import { loadConfig } from '../config/chatbi.config';
import { metadataDataSourceOptions } from '../metadata-options';
import { MetadataRetention, describePurge } from '../retention/metadata-retention.service';
import { formatTable } from '../table.printer';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Runs work against the metadata database the embedded app uses (the same CHATBI_DATA_DIR or CHATBI_METADATA_URL). */
async function withMetadata<T>(work: (dataSource: DataSource) => Promise<T>, config = loadConfig()): Promise<T> {
  const dataSource = new DataSource(metadataDataSourceOptions(config));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export interface TokenCreateOptions {
  user: string;
  name?: string;
  scopes: string;
  roles?: string;
  attributes?: string;
  rateLimit?: string;
  expiresDays?: string;
}

/** `chatbi token create`: prints the token once; only its hash is stored. */
export async function tokenCreateCommand(opts: TokenCreateOptions): Promise<void> {
  const scopes = list(opts.scopes);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new ChatbiError('INVALID_REQUEST', `unknown scope ${unknown.join(', ')}: use some of ${SCOPES.join(', ')}`);
  const attributes = opts.attributes ? userAttributesSchema.safeParse(parseJson(opts.attributes, '--attributes')) : undefined;
  if (attributes && !attributes.success) throw new ChatbiError('INVALID_REQUEST', `--attributes: ${attributes.error.issues[0].message}`);
  const { token, info } = await withMetadata(async (ds) => {
    const created = await new ApiTokenStore(ds).create({
      name: opts.name ?? opts.user,
      user: opts.user,
      scopes: scopes as Scope[],
      roles: list(opts.roles),
      ...(attributes ? { attributes: attributes.data } : {}),
      ...(opts.rateLimit ? { rateLimitPerMinute: positive(opts.rateLimit, '--rate-limit') } : {}),
      ...(opts.expiresDays ? { expiresAt: new Date(Date.now() + positive(opts.expiresDays, '--expires-days') * 86_400_000) } : {}),
    });
    await new AuditLog(ds).record({ kind: 'token', user: created.info.user, via: 'cli', outcome: 'created', detail: `${created.info.id} ${created.info.scopes.join(',')}` });
    return created;
  });
  out(`Created token ${info.id} for ${info.user} (${info.scopes.join(', ')}${info.roles.length ? `; roles ${info.roles.join(', ')}` : ''}).`);
  out('Keep it now, it is not shown again; from now on every caller of this ChatBI must authenticate:');
  out(token);
}

export async function tokenListCommand(): Promise<void> {
  const tokens = await withMetadata((ds) => new ApiTokenStore(ds).list());
  if (tokens.length === 0) {
    out('No API tokens: this ChatBI answers unauthenticated callers on its allowed hosts.');
    return;
  }
  const state = (t: (typeof tokens)[number]) => (t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= Date.now() ? 'expired' : 'active');
  const rows = tokens.map((t) => ({
    id: t.id, name: t.name, user: t.user, scopes: t.scopes.join(','), roles: t.roles.join(','), state: state(t), created: t.createdAt.slice(0, 19), 'last used': t.lastUsedAt?.slice(0, 19) ?? '',
  }));
  out(formatTable(Object.keys(rows[0]), rows));
}

export async function tokenRevokeCommand(id: string): Promise<void> {
  const revoked = await withMetadata(async (ds) => {
    const done = await new ApiTokenStore(ds).revoke(id);
    if (done) await new AuditLog(ds).record({ kind: 'token', user: 'cli', via: 'cli', outcome: 'revoked', detail: id });
    return done;
  });
  if (!revoked) throw new ChatbiError('INVALID_REQUEST', `there is no active token ${id} (see chatbi token list)`);
  out(`Revoked ${id}.`);
}

export interface AuditCommandOptions {
  user?: string;
  kind?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit: string;
  json?: boolean;
}

/** `chatbi audit`: the most recent audit events, newest first. */
export async function auditCommand(opts: AuditCommandOptions): Promise<void> {
  if (opts.kind && !(AUDIT_KINDS as readonly string[]).includes(opts.kind)) throw new ChatbiError('INVALID_REQUEST', `--kind is one of ${AUDIT_KINDS.join(', ')}`);
  const query: AuditQuery = {
    limit: positive(opts.limit, '--limit'),
    ...(opts.user ? { user: opts.user } : {}),
    ...(opts.kind ? { kind: opts.kind as AuditQuery['kind'] } : {}),
    ...(opts.outcome ? { outcome: opts.outcome } : {}),
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.until ? { until: opts.until } : {}),
  };
  const events = await withMetadata((ds) => new AuditLog(ds).query(query));
  if (opts.json) {
    out(JSON.stringify(events, null, 2));
    return;
  }
  if (events.length === 0) {
    out('No audit events match.');
    return;
  }
  const rows = events.map((e) => ({
    at: e.at.slice(0, 19), kind: e.kind, user: e.user, via: e.via, outcome: e.outcome, rows: e.rowCount ?? '', what: e.question ?? e.detail?.split('\n')[0] ?? '',
  }));
  out(formatTable(Object.keys(rows[0]), rows, 60));
}

/** `chatbi purge`: deletes now what the running app would purge within the hour (CHATBI_*_RETENTION_DAYS). */
export async function purgeCommand(): Promise<void> {
  const config = loadConfig();
  const counts = await withMetadata((ds) => new MetadataRetention(ds, retentionPolicyOf(config)).purge(), config);
  out(`Deleted ${describePurge(counts)}.`);
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function positive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ChatbiError('INVALID_REQUEST', `${option} takes a positive whole number`);
  return n;
}

function parseJson(text: string, option: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ChatbiError('INVALID_REQUEST', `${option} takes JSON, e.g. '{"region":"east"}'`);
  }
}
