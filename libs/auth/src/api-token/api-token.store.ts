import { timingSafeEqual } from 'node:crypto';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import { ChatbiError, userAttributesSchema, type AttributeValue } from '@chatbi/contracts';
import { SCOPES, type Principal, type Scope } from '../principal';
import { ApiTokenEntity } from './api-token.entity';
import { newToken, parseToken, secretHash } from './api-token.format';

export interface NewApiToken {
  name: string;
  user: string;
  scopes: Scope[];
  roles?: string[];
  attributes?: Record<string, AttributeValue>;
  rateLimitPerMinute?: number;
  expiresAt?: Date;
}

/** A token as `chatbi token list` shows it: never its secret. */
export type ApiTokenInfo = Omit<ApiTokenEntity, 'secretHash'>;

/** How long "does any token exist" is remembered: tokens created by the CLI take effect this soon. */
const EXISTS_TTL_MS = 5_000;
/** lastUsedAt is written at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;

/** API tokens in the metadata database: created and revoked by `chatbi token`, checked on every request. */
export class ApiTokenStore {
  private readonly rows: Repository<ApiTokenEntity>;
  private exists?: { value: boolean; at: number };
  private readonly touched = new Map<string, number>();

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(ApiTokenEntity);
  }

  /** Creates a token; the returned `token` is the only time its secret is seen. */
  async create(input: NewApiToken): Promise<{ token: string; info: ApiTokenInfo }> {
    if (!input.user.trim()) throw new ChatbiError('INVALID_REQUEST', 'a token needs a user');
    const unknown = input.scopes.filter((s) => !SCOPES.includes(s));
    if (unknown.length > 0 || input.scopes.length === 0) throw new ChatbiError('INVALID_REQUEST', `scopes are some of ${SCOPES.join(', ')}`);
    const attributes = userAttributesSchema.safeParse(input.attributes ?? {});
    if (!attributes.success) throw new ChatbiError('INVALID_REQUEST', `attributes: ${attributes.error.issues[0].message}`);
    const { id, secret, token } = newToken();
    const row: ApiTokenEntity = {
      id,
      name: input.name,
      user: input.user.trim(),
      scopes: [...new Set(input.scopes)],
      roles: [...new Set(input.roles ?? [])],
      attributes: attributes.data,
      secretHash: secretHash(secret),
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      createdAt: new Date().toISOString(),
      expiresAt: input.expiresAt?.toISOString() ?? null,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.rows.insert(row);
    this.exists = { value: true, at: Date.now() };
    const { secretHash: _hash, ...info } = row;
    return { token, info };
  }

  async list(): Promise<ApiTokenInfo[]> {
    const rows = await this.rows.find({ order: { createdAt: 'ASC' } });
    return rows.map(({ secretHash: _hash, ...info }) => info);
  }

  /** Revokes a token by id; false when there is no such live token. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.rows.update({ id, revokedAt: IsNull() }, { revokedAt: new Date().toISOString() });
    return (result.affected ?? 0) > 0;
  }

  /** Whether any token was ever created: from then on, in auto mode, every caller must authenticate. */
  async any(): Promise<boolean> {
    if (this.exists && (this.exists.value || Date.now() - this.exists.at < EXISTS_TTL_MS)) return this.exists.value;
    const value = (await this.rows.count({ take: 1 })) > 0;
    this.exists = { value, at: Date.now() };
    return value;
  }

  /** The principal of a presented token, or an AUTH_INVALID refusal that does not say which check failed. */
  async verify(token: string): Promise<Principal> {
    const refused = new ChatbiError('AUTH_INVALID', 'The API token is not valid (unknown, revoked or expired); create one with `chatbi token create`.');
    const parts = parseToken(token);
    if (!parts) throw refused;
    const row = await this.rows.findOne({ where: { id: parts.id } });
    if (!row || !timingSafeEqual(Buffer.from(row.secretHash, 'hex'), Buffer.from(secretHash(parts.secret), 'hex'))) throw refused;
    if (row.revokedAt || (row.expiresAt && Date.parse(row.expiresAt) <= Date.now())) throw refused;
    this.touch(row.id);
    return {
      user: row.user,
      roles: row.roles,
      attributes: row.attributes,
      scopes: row.scopes,
      via: 'api-token',
      tokenId: row.id,
      ...(row.rateLimitPerMinute !== null ? { rateLimitPerMinute: row.rateLimitPerMinute } : {}),
    };
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touched.set(id, now);
    void this.rows.update({ id }, { lastUsedAt: new Date(now).toISOString() }).catch(() => undefined);
  }
}
