import { createLocalJWKSet, createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ChatbiError, attributeValueSchema, type AttributeValue } from '@chatbi/contracts';
import { SCOPES, type Principal, type Scope } from '../principal';

/** Single sign-on: bearer JWTs from an OpenID Connect provider (or any issuer with a key ChatBI knows). */
export interface JwtOptions {
  /** `iss` the tokens must carry. */
  issuer: string;
  /** `aud` the tokens must carry, when set. */
  audience?: string;
  /** The issuer's JWKS (https://idp/.../certs): keys are fetched and rotated by jose. */
  jwksUrl?: string;
  /** Or one public key (PEM, SPKI) for issuers without a JWKS. */
  publicKey?: string;
  /** The claim holding the user's name; default sub. */
  userClaim: string;
  /** The claim holding the roles the catalog's access rules name (dots reach into objects: realm_access.roles). */
  rolesClaim: string;
  /** Claims copied as attributes for row filters (`region` becomes :user.region). */
  attributeClaims: string[];
}

/** Accepted signature algorithms: asymmetric only, so that no shared secret can sign a user. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_SECONDS = 60;

/** Checks a JWT's signature, issuer, audience and lifetime with jose, then reads who it names. */
export class JwtVerifier {
  private readonly key: Promise<KeyLike | JWTVerifyGetKey>;

  constructor(private readonly options: JwtOptions) {
    if (!options.jwksUrl && !options.publicKey) throw new Error('JWT verification needs a JWKS URL or a public key');
    this.key = options.jwksUrl ? Promise.resolve(createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 })) : importSPKI(options.publicKey!, 'RS256').catch(() => importSPKI(options.publicKey!, 'ES256'));
  }

  /** A verifier over keys given as a JWKS document (tests, and issuers whose keys are shipped as a file). */
  static withKeys(options: Omit<JwtOptions, 'jwksUrl' | 'publicKey'>, jwks: Parameters<typeof createLocalJWKSet>[0]): JwtVerifier {
    const verifier = Object.create(JwtVerifier.prototype) as JwtVerifier;
    Object.assign(verifier, { options, key: Promise.resolve(createLocalJWKSet(jwks)) });
    return verifier;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const key = await this.key;
      const verifyOptions = {
        issuer: this.options.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      };
      payload = (typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions)).payload;
    } catch (error) {
      throw new ChatbiError('AUTH_INVALID', `The bearer JWT was refused: ${reason(error)}.`);
    }
    const user = claim(payload, this.options.userClaim);
    if (typeof user !== 'string' || !user.trim() || user.length > 200) throw new ChatbiError('AUTH_INVALID', `The JWT has no ${this.options.userClaim} naming the user.`);
    const roles = claim(payload, this.options.rolesClaim);
    const attributes: Record<string, AttributeValue> = {};
    for (const name of this.options.attributeClaims) {
      const parsed = attributeValueSchema.safeParse(claim(payload, name));
      if (parsed.success) attributes[name] = parsed.data;
    }
    return {
      user: user.trim(),
      roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string').slice(0, 200) : typeof roles === 'string' ? [roles] : [],
      attributes,
      scopes: scopesOf(payload),
      via: 'jwt',
    };
  }
}

/** ChatBI's scopes named in `scope` (space-separated) or `scp`; a token naming none of them may ask. */
function scopesOf(payload: JWTPayload): Scope[] {
  const raw = payload.scope ?? payload.scp;
  const named = typeof raw === 'string' ? raw.split(/\s+/) : Array.isArray(raw) ? raw : [];
  const scopes = SCOPES.filter((s) => named.includes(s) || named.includes(`chatbi:${s}`));
  return scopes.length > 0 ? scopes : ['ask'];
}

function claim(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** What was wrong, without echoing the token. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is not as expected`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches it';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (error instanceof errors.JOSEError) return error.code.replace(/^ERR_/, '').toLowerCase().replace(/_/g, ' ');
  return 'it is not a valid JWT';
}
