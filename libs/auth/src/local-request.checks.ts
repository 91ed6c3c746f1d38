import { ChatbiError } from '@chatbi/contracts';

export type Headers = Record<string, string | string[] | undefined>;

export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
/** Headers a proxy on this machine adds for the client it forwards: such a request is not from this machine. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-client-ip', 'true-client-ip'];

/** A peer on this machine that no proxy forwarded (a local proxy would make every client look local). */
export function isLocalPeer(remoteAddress: string | undefined, headers: Headers): boolean {
  return LOOPBACK.test(remoteAddress ?? '') && FORWARDING_HEADERS.every((name) => header(headers, name) === undefined);
}

/** The host name of a Host header or an origin, lower-case, without port or brackets. */
export function hostName(hostOrOrigin: string | undefined): string | undefined {
  if (!hostOrOrigin) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(hostOrOrigin) ? hostOrOrigin : `http://${hostOrOrigin}`);
    return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Unauthenticated requests must name a host this ChatBI knows itself by: a page on another site
 * that rebinds its own name to 127.0.0.1 still sends its own name as Host.
 */
export function checkHost(headers: Headers, allowedHosts: readonly string[]): void {
  const host = hostName(header(headers, 'host'));
  if (!host || !allowedHosts.includes(host)) {
    throw new ChatbiError(
      'FORBIDDEN',
      `This ChatBI answers unauthenticated requests only for the hosts in CHATBI_ALLOWED_HOSTS (${allowedHosts.join(', ')}); add the name you use, or configure authentication.`,
    );
  }
}

/**
 * A change (any method but GET and HEAD) from a browser page must come from ChatBI's own pages or an
 * origin allowed by CHATBI_CORS_ORIGINS: a form or script on another site may not post on the user's behalf.
 */
export function checkOrigin(method: string, headers: Headers, allowedHosts: readonly string[], corsOrigins: readonly string[]): void {
  if (method === 'GET' || method === 'HEAD') return;
  const origin = header(headers, 'origin');
  if (origin === undefined) return;
  const ownPage = origin !== 'null' && hostOf(origin) === header(headers, 'host') && allowedHosts.includes(hostName(origin) ?? '');
  if (ownPage || corsOrigins.includes('*') || corsOrigins.includes(origin)) return;
  throw new ChatbiError('FORBIDDEN', `A page from ${origin.slice(0, 200)} may not call this endpoint; use ChatBI's own pages or add the origin to CHATBI_CORS_ORIGINS.`);
}

/** Bodies are JSON: a cross-site form (urlencoded, multipart, text/plain) is refused before anything reads it. */
export function checkJsonBody(method: string, headers: Headers): void {
  if (method === 'GET' || method === 'HEAD') return;
  const length = Number(header(headers, 'content-length') ?? 0);
  const hasBody = length > 0 || header(headers, 'transfer-encoding') !== undefined;
  if (hasBody && !/^application\/json\s*(;|$)/i.test(header(headers, 'content-type') ?? '')) {
    throw new ChatbiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON: set Content-Type: application/json.');
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
