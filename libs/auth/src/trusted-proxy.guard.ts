import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ChatbiError } from '@chatbi/contracts';
import { TRUSTED_SIGNATURE_HEADER, TRUSTED_USER_HEADER, type TrustedUser } from './trusted-user.schema';
import { TrustedUserVerifier } from './trusted-user-verifier.service';

/** A request that passed TrustedProxyGuard with a signed user. */
export type RequestWithTrustedUser = Request & { trustedUser?: TrustedUser };

/**
 * Accepts the user a trusted proxy signed (X-ChatBI-User, X-ChatBI-Signature) when a secret is
 * configured, and refuses a request whose headers do not verify. A request without them goes on as
 * before; without a secret the headers are ignored.
 */
@Injectable()
export class TrustedProxyGuard implements CanActivate {
  constructor(private readonly verifier: TrustedUserVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.verifier.enabled) return true;
    const request = context.switchToHttp().getRequest<RequestWithTrustedUser>();
    const user = request.headers[TRUSTED_USER_HEADER];
    const signature = request.headers[TRUSTED_SIGNATURE_HEADER];
    if (user === undefined && signature === undefined) return true;
    if (Array.isArray(user) || Array.isArray(signature)) {
      throw new ChatbiError('TRUSTED_USER_MALFORMED', 'Send X-ChatBI-User and X-ChatBI-Signature once each.');
    }
    request.trustedUser = this.verifier.verify(user, signature);
    return true;
  }
}
