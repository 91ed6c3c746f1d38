import type { JwtOptions } from './jwt/jwt.verifier';

/** How callers are authenticated; from the configuration (apps/chatbi/src/config/auth.config.ts). */
export interface AuthOptions {
  /**
   * auto: callers must authenticate once any credential is configured (an API token exists, a JWT
   * issuer or a trusted proxy secret is set); until then the API answers anyone this machine lets
   * in, with the Host header checked. required: always.
   */
  mode: 'auto' | 'required';
  /** CHATBI_TRUSTED_PROXY_SECRET: Superset's blueprint signs its user with it. */
  trustedProxySecret?: string;
  /** CHATBI_ADMIN_TOKEN: a static bearer token with every scope. */
  adminToken?: string;
  jwt?: JwtOptions;
  /** Host names (without port) an unauthenticated request may name; against DNS rebinding. */
  allowedHosts: string[];
  /** Origins whose pages may call the API (CORS); their POSTs pass the origin check too. */
  corsOrigins: string[];
  /** Requests per minute per token or user, unless the token sets its own; 0: no limit. */
  rateLimitPerMinute: number;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
