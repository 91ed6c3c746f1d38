import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ADMIN_ACCESS, checkAdminAccess, type AdminAccessOptions } from './admin-access';

/** Guards the DBA endpoints (see checkAdminAccess). */
@Injectable()
export class AdminAccessGuard implements CanActivate {
  constructor(@Inject(ADMIN_ACCESS) private readonly options: AdminAccessOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    checkAdminAccess({ method: request.method, remoteAddress: request.socket?.remoteAddress, headers: request.headers }, this.options);
    return true;
  }
}
