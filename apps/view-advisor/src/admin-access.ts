import { createHash, timingSafeEqual } from 'node:crypto';
import { ChatbiError } from '@chatbi/contracts';

/** How the DBA endpoints are protected: a bearer token when one is configured, else this machine only. */
export interface AdminAccessOptions {
  /** CHATBI_ADMIN_TOKEN; without it, admin requests are accepted only from a loopback address. */
  token?: string;
}

export const ADMIN_ACCESS = Symbol('ADMIN_ACCESS');

/** What the check needs from an HTTP request. */
export interface AdminRequest {
  method: string;
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Throws unless the request may use an admin endpoint. With a token: `Authorization: Bearer <token>`.
 * Without one: a loopback peer that was not forwarded by a proxy. Either way a browser page of
 * another origin may not change anything (its Origin differs from Host), and bodies must be JSON, so
 * a form on another site cannot post to a console open on localhost.
 */
export function checkAdminAccess(request: AdminRequest, options: AdminAccessOptions): void {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (options.token) {
    const presented = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1]?.trim();
    if (!presented || !sameSecret(presented, options.token)) {
      throw new ChatbiError('ADMIN_TOKEN_REQUIRED', 'This admin endpoint needs the admin token: send Authorization: Bearer <CHATBI_ADMIN_TOKEN>.');
    }
  } else if (!LOOPBACK.test(request.remoteAddress ?? '') || header('x-forwarded-for') !== undefined || header('forwarded') !== undefined) {
    throw new ChatbiError(
      'ADMIN_FORBIDDEN',
      'Admin endpoints answer only requests from this machine while no admin token is set; set CHATBI_ADMIN_TOKEN to use them from elsewhere.',
    );
  }
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = header('origin');
  if (origin !== undefined && origin !== 'null' && hostOf(origin) !== header('host')) {
    throw new ChatbiError('ADMIN_FORBIDDEN', `A page from ${origin} may not change the catalog; use the console served by ChatBI.`);
  }
  if (origin === 'null') throw new ChatbiError('ADMIN_FORBIDDEN', 'A page without an origin may not change the catalog; use the console served by ChatBI.');
  const length = Number(header('content-length') ?? 0);
  const hasBody = length > 0 || header('transfer-encoding') !== undefined;
  if (hasBody && !/^application\/json\b/i.test(header('content-type') ?? '')) {
    throw new ChatbiError('INVALID_REQUEST', 'Admin requests send JSON: set Content-Type: application/json.');
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
