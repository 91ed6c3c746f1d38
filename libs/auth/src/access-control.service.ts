import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ChatbiError } from '@chatbi/contracts';
import { ApiTokenStore } from './api-token/api-token.store';
import { looksLikeApiToken } from './api-token/api-token.format';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { JwtVerifier } from './jwt/jwt.verifier';
import { checkHost, header, isLocalPeer, type Headers } from './local-request.checks';
import { SCOPES, type Principal, type Scope } from './principal';
import { RateLimiter } from './rate-limiter';
import { TRUSTED_SIGNATURE_HEADER, TRUSTED_USER_HEADER } from './trusted-user.schema';
import { TrustedUserVerifier } from './trusted-user-verifier.service';

/** What authentication reads of a request, whichever API it came through. */
export interface RequestCredentials {
  api: 'http' | 'grpc' | 'kafka';
  /** HTTP headers, gRPC metadata, or the Kafka request's `auth` fields under the same names. */
  headers: Headers;
  /** The peer's address (HTTP and gRPC); a Kafka request has none. */
  remoteAddress?: string;
}

/**
 * Who is asking, and whether they may: every API (HTTP, gRPC, the Kafka request topic) goes
 * through here. A bearer API token, the admin token or a JWT; else a user signed by the trusted
 * proxy; else, while no credential is configured, the local caller of a zero-config ChatBI.
 */
@Injectable()
export class AccessControl {
  private readonly limiter = new RateLimiter();

  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly proxy: TrustedUserVerifier,
    @Optional() private readonly tokens?: ApiTokenStore,
    @Optional() private readonly jwt?: JwtVerifier,
  ) {}

  async authenticate(request: RequestCredentials): Promise<Principal> {
    const authorization = header(request.headers, 'authorization');
    if (authorization !== undefined) return this.bearer(authorization);
    const signedUser = header(request.headers, TRUSTED_USER_HEADER);
    const signature = header(request.headers, TRUSTED_SIGNATURE_HEADER);
    if (this.proxy.enabled && (signedUser !== undefined || signature !== undefined)) {
      const user = this.proxy.verify(signedUser, signature);
      return { user: user.sub, roles: user.roles, attributes: user.attributes ?? {}, scopes: ['ask'], via: 'trusted-proxy' };
    }
    if (await this.required()) {
      throw new ChatbiError('AUTH_REQUIRED', 'This ChatBI needs credentials: send Authorization: Bearer <API token or JWT>, or come through the trusted proxy.');
    }
    return this.local(request);
  }

  /** Refuses a caller without the scope, or over its rate limit. */
  authorize(principal: Principal, scope: Scope): void {
    if (!principal.scopes.includes(scope)) {
      if (scope === 'admin' && principal.via === 'local') {
        throw this.options.adminToken
          ? new ChatbiError('ADMIN_TOKEN_REQUIRED', 'This admin endpoint needs the admin token: send Authorization: Bearer <CHATBI_ADMIN_TOKEN>.')
          : new ChatbiError('ADMIN_FORBIDDEN', 'Admin endpoints answer only requests from this machine while no credentials are configured; set CHATBI_ADMIN_TOKEN or create a token with the admin scope.');
      }
      throw new ChatbiError(scope === 'admin' ? 'ADMIN_FORBIDDEN' : 'FORBIDDEN', `This needs the ${scope} scope, which ${principal.user}'s credentials do not have.`);
    }
    this.limiter.take(principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.via}:${principal.user}`, principal.rateLimitPerMinute ?? (principal.via === 'local' ? 0 : this.options.rateLimitPerMinute));
  }

  /** Whether callers must authenticate: always in required mode, else once any credential is configured. */
  async required(): Promise<boolean> {
    if (this.options.mode === 'required' || this.proxy.enabled || this.jwt) return true;
    return (await this.tokens?.any()) ?? false;
  }

  private async bearer(authorization: string): Promise<Principal> {
    const value = /^Bearer +([\x21-\x7e]{1,8192})$/i.exec(authorization.trim())?.[1];
    if (!value) throw new ChatbiError('AUTH_INVALID', 'Send credentials as Authorization: Bearer <token>.');
    if (this.options.adminToken && sameSecret(value, this.options.adminToken)) {
      return { user: 'admin', roles: [], attributes: {}, scopes: [...SCOPES], via: 'admin-token' };
    }
    if (looksLikeApiToken(value) && this.tokens) return this.tokens.verify(value);
    if (this.jwt && value.split('.').length === 3) return this.jwt.verify(value);
    throw new ChatbiError('AUTH_INVALID', 'The bearer token is not one this ChatBI accepts (an API token, the admin token, or a JWT of the configured issuer).');
  }

  /**
   * Nobody in particular, on a ChatBI without credentials: over HTTP only for the hosts it knows
   * itself by (DNS rebinding), the advisor's reports and (without an admin token) the admin
   * endpoints only for a peer on this machine that no proxy forwarded.
   */
  private local(request: RequestCredentials): Principal {
    if (request.api === 'http') checkHost(request.headers, this.options.allowedHosts);
    const scopes: Scope[] = ['ask'];
    if (request.api === 'http' && isLocalPeer(request.remoteAddress, request.headers)) {
      scopes.push('advisor:read');
      if (!this.options.adminToken) scopes.push('admin');
    }
    return { user: 'anonymous', roles: [], attributes: {}, scopes, via: 'local' };
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
