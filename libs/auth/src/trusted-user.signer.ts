import { createHmac } from 'node:crypto';
import { TRUSTED_SIGNATURE_HEADER, TRUSTED_USER_HEADER, type TrustedUser } from './trusted-user.schema';

/**
 * The two headers a trusted proxy sends, as Superset's blueprint builds them
 * (superset-plugin/superset/chatbi_superset.py): for a proxy written in Node, and for tests.
 */
export function signTrustedUser(user: TrustedUser, secret: string): Record<string, string> {
  const value = Buffer.from(JSON.stringify(user), 'utf8').toString('base64url');
  return { [TRUSTED_USER_HEADER]: value, [TRUSTED_SIGNATURE_HEADER]: createHmac('sha256', secret).update(value, 'utf8').digest('hex') };
}
