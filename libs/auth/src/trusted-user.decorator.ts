import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestWithTrustedUser } from './trusted-proxy.guard';

/** The user TrustedProxyGuard verified for this request, or undefined when none was forwarded. */
export const SignedUser = createParamDecorator((_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<RequestWithTrustedUser>().trustedUser);
