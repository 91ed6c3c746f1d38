import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Scope } from './principal';

export const SCOPE_KEY = 'chatbi:scope';

/** The scope a route needs; routes without one need `ask`. */
export const RequireScope = (scope: Scope) => SetMetadata(SCOPE_KEY, scope);

/** A route anyone may call: health, metrics, static pages. */
export const Public = () => SetMetadata(SCOPE_KEY, 'public');

/** A request ApiAuthGuard let through, with who made it. */
export type RequestWithPrincipal = Request & { principal?: Principal };

/** Who made the request, as ApiAuthGuard authenticated them. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route ApiAuthGuard did not authenticate (a @Public() route?)');
  return principal;
});
