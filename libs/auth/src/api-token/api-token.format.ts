import { createHash, randomBytes } from 'node:crypto';

/** `cbi_<id>_<secret>`: the id finds the row, the secret (32 random bytes) proves the holder. */
const TOKEN = /^cbi_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface TokenParts {
  id: string;
  secret: string;
}

export function newToken(): TokenParts & { token: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `cbi_${id}_${secret}` };
}

export function parseToken(token: string): TokenParts | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1], secret: m[2] } : undefined;
}

/** The secret's SHA-256: enough for 256 random bits, which no dictionary holds. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a bearer value is meant as an API token (rather than a JWT or the admin token). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith('cbi_');
}
