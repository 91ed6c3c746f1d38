import { z } from 'zod';
import { userAttributesSchema } from '@chatbi/contracts';

/** The header a trusted proxy (Superset's ChatBI blueprint) puts the signed-in user in: base64url of JSON. */
export const TRUSTED_USER_HEADER = 'x-chatbi-user';
/** Hex HMAC-SHA256 of the exact TRUSTED_USER_HEADER value, keyed with CHATBI_TRUSTED_PROXY_SECRET. */
export const TRUSTED_SIGNATURE_HEADER = 'x-chatbi-signature';

/** The shortest shared secret accepted: 32 characters, e.g. `openssl rand -hex 32`. */
export const MIN_TRUSTED_PROXY_SECRET_LENGTH = 32;

/**
 * Who the proxy says is asking. `sub` becomes the question's user; the rest is kept for access
 * control. Claims this version does not know are dropped, so a newer proxy can add some.
 */
export const trustedUserSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  roles: z.array(z.string().max(200)).max(200),
  /** What the catalog's row filters bind as :user.<name> (region, department...). */
  attributes: userAttributesSchema.optional(),
  /** Unix seconds when the proxy signed the header. */
  iat: z.number().int().nonnegative(),
});

export type TrustedUser = z.infer<typeof trustedUserSchema>;
