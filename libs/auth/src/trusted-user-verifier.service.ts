import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ChatbiError } from '@chatbi/contracts';
import { MIN_TRUSTED_PROXY_SECRET_LENGTH, trustedUserSchema, type TrustedUser } from './trusted-user.schema';

export interface TrustedProxyOptions {
  /** CHATBI_TRUSTED_PROXY_SECRET; without it no forwarded user is trusted and the headers are ignored. */
  secret?: string;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

export const TRUSTED_PROXY_OPTIONS = Symbol('TRUSTED_PROXY_OPTIONS');

/** How old a signed header may be, and how far ahead of this machine's clock the proxy's may run. */
export const MAX_AGE_SECONDS = 5 * 60;
export const MAX_CLOCK_AHEAD_SECONDS = 60;
/** Far more than a user's name, email and roles take; caps the work done before the signature is checked. */
const MAX_HEADER_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks the user a trusted proxy forwards: the signature first (HMAC-SHA256 over the exact header
 * value, compared in constant time), then the JSON inside, then that it was signed within the last
 * five minutes. Every refusal is a 401 ChatbiError whose code says which check failed.
 */
@Injectable()
export class TrustedUserVerifier {
  private readonly key: Buffer | undefined;
  private readonly now: () => number;

  constructor(@Inject(TRUSTED_PROXY_OPTIONS) options: TrustedProxyOptions) {
    if (options.secret !== undefined && options.secret.length < MIN_TRUSTED_PROXY_SECRET_LENGTH) {
      throw new Error(`The trusted proxy secret needs at least ${MIN_TRUSTED_PROXY_SECRET_LENGTH} characters.`);
    }
    this.key = options.secret === undefined ? undefined : Buffer.from(options.secret, 'utf8');
    this.now = options.now ?? Date.now;
  }

  /** Whether a secret is configured, i.e. whether forwarded users are accepted at all. */
  get enabled(): boolean {
    return this.key !== undefined;
  }

  verify(header: string | undefined, signature: string | undefined): TrustedUser {
    if (!this.key) throw new Error('No trusted proxy secret is configured; check `enabled` first.');
    if (!header || header.length > MAX_HEADER_LENGTH || !BASE64URL.test(header)) {
      throw new ChatbiError('TRUSTED_USER_MALFORMED', 'X-ChatBI-User must be the base64url encoding of the user\'s JSON (at most 8 KiB).');
    }
    if (!signature || !HEX_SHA256.test(signature) || !this.signatureMatches(this.key, header, signature)) {
      throw new ChatbiError(
        'TRUSTED_USER_BAD_SIGNATURE',
        'X-ChatBI-Signature is not the HMAC-SHA256 of X-ChatBI-User with the shared secret; check that the proxy and ChatBI use the same CHATBI_TRUSTED_PROXY_SECRET.',
      );
    }
    const user = this.parse(header);
    const nowSeconds = Math.floor(this.now() / 1000);
    if (nowSeconds - user.iat > MAX_AGE_SECONDS) {
      throw new ChatbiError('TRUSTED_USER_EXPIRED', `The signed user is ${nowSeconds - user.iat} s old; the proxy must sign each request (at most ${MAX_AGE_SECONDS} s old).`, {
        ageSeconds: nowSeconds - user.iat,
      });
    }
    if (user.iat - nowSeconds > MAX_CLOCK_AHEAD_SECONDS) {
      throw new ChatbiError(
        'TRUSTED_USER_EXPIRED',
        `The signed user is dated ${user.iat - nowSeconds} s in the future; the clocks of the proxy and ChatBI differ by more than ${MAX_CLOCK_AHEAD_SECONDS} s.`,
        { aheadSeconds: user.iat - nowSeconds },
      );
    }
    return user;
  }

  private signatureMatches(key: Buffer, header: string, signature: string): boolean {
    const expected = createHmac('sha256', key).update(header, 'utf8').digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }

  private parse(header: string): TrustedUser {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    } catch {
      throw new ChatbiError('TRUSTED_USER_MALFORMED', 'X-ChatBI-User does not decode to JSON.');
    }
    const parsed = trustedUserSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatbiError('TRUSTED_USER_MALFORMED', `X-ChatBI-User: ${issue.path.join('.') || 'user'}: ${issue.message}`);
    }
    return parsed.data;
  }
}
