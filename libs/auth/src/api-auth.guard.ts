import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessControl } from './access-control.service';
import { SCOPE_KEY, type RequestWithPrincipal } from './auth.decorators';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { checkJsonBody, checkOrigin } from './local-request.checks';
import type { Scope } from './principal';

/**
 * Every HTTP route of the app: JSON bodies only, then the caller authenticated, then the route's
 * scope (`ask` unless it says otherwise) and the caller's rate limit. A request nobody vouches for
 * (no credentials configured) must also come from a page of ChatBI's own or an allowed origin.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessControl,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const scope = this.reflector.getAllAndOverride<Scope | 'public' | undefined>(SCOPE_KEY, [context.getHandler(), context.getClass()]) ?? 'ask';
    if (scope === 'public') return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    checkJsonBody(request.method, request.headers);
    const principal = await this.access.authenticate({ api: 'http', headers: request.headers, remoteAddress: request.socket?.remoteAddress });
    if (principal.via === 'local') checkOrigin(request.method, request.headers, this.options.allowedHosts, this.options.corsOrigins);
    this.access.authorize(principal, scope);
    request.principal = principal;
    return true;
  }
}
