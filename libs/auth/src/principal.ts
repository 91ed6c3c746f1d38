import type { AccessContext, AttributeValue } from '@chatbi/contracts';

/** What a caller may do: ask questions, read the view advisor's reports, change the catalog. */
export const SCOPES = ['ask', 'advisor:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** How the caller proved who they are. `local`: nobody, on a ChatBI with no authentication configured. */
export type AuthMethod = 'api-token' | 'admin-token' | 'jwt' | 'trusted-proxy' | 'local';

/** Who is asking, after authentication: the user, the roles and attributes the catalog's access rules read, and the scopes. */
export interface Principal {
  user: string;
  roles: string[];
  attributes: Record<string, AttributeValue>;
  scopes: Scope[];
  via: AuthMethod;
  /** API tokens: the token's id, which rate limits and the audit log name. */
  tokenId?: string;
  /** Requests per minute this caller may make; absent: the configured default. */
  rateLimitPerMinute?: number;
}

export function accessOf(principal: Principal): AccessContext {
  return { roles: principal.roles, attributes: principal.attributes };
}

/**
 * The caller of a ChatBI with no credentials configured, and of the command line in this process:
 * no roles (views with access rules stay closed), every scope.
 */
export const LOCAL_PRINCIPAL: Principal = { user: 'anonymous', roles: [], attributes: {}, scopes: [...SCOPES], via: 'local' };

/** What a caller's own request ids are scoped by (scopedRequestId): one namespace per principal. */
export function callerKey(principal: Principal): string {
  return `${principal.via}:${principal.user}`;
}
