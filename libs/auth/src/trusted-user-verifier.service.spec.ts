import { createHmac } from 'node:crypto';
import { ChatbiError } from '@chatbi/contracts';
import { TRUSTED_SIGNATURE_HEADER, TRUSTED_USER_HEADER, type TrustedUser } from './trusted-user.schema';
import { TrustedUserVerifier } from './trusted-user-verifier.service';
import { signTrustedUser } from './trusted-user.signer';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const nowSeconds = NOW / 1000;
const alice: TrustedUser = { sub: 'alice', name: 'Alice Liu', email: 'alice@example.com', roles: ['Alpha', 'Gamma'], iat: nowSeconds };

const verifier = new TrustedUserVerifier({ secret: SECRET, now: () => NOW });

function headersOf(user: unknown, secret = SECRET): [string, string] {
  const signed = signTrustedUser(user as TrustedUser, secret);
  return [signed[TRUSTED_USER_HEADER], signed[TRUSTED_SIGNATURE_HEADER]];
}

function refusal(header: string | undefined, signature: string | undefined): ChatbiError {
  try {
    verifier.verify(header, signature);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatbiError);
    expect((error as ChatbiError).httpStatus).toBe(401);
    return error as ChatbiError;
  }
  throw new Error('expected the verifier to refuse');
}

describe('TrustedUserVerifier', () => {
  it('accepts a user signed with the shared secret and returns its claims', () => {
    expect(verifier.verify(...headersOf(alice))).toEqual(alice);
  });

  it('accepts a header with base64 padding, as Python\'s urlsafe_b64encode writes it, and an upper-case signature', () => {
    const value = Buffer.from(JSON.stringify({ sub: '张伟', roles: [], iat: nowSeconds })).toString('base64url');
    const padded = value + '='.repeat((4 - (value.length % 4)) % 4);
    const signature = createHmac('sha256', SECRET).update(padded).digest('hex').toUpperCase();
    expect(verifier.verify(padded, signature).sub).toBe('张伟');
  });

  it('drops claims it does not know', () => {
    expect(verifier.verify(...headersOf({ ...alice, tenant: 'acme' }))).toEqual(alice);
  });

  describe('tampered', () => {
    it('refuses a user changed after signing', () => {
      const [, signature] = headersOf(alice);
      const [forged] = headersOf({ ...alice, sub: 'admin' });
      expect(refusal(forged, signature).code).toBe('TRUSTED_USER_BAD_SIGNATURE');
    });

    it('refuses a user signed with another secret, naming the setting', () => {
      const error = refusal(...headersOf(alice, 'another-secret-of-at-least-32-characters'));
      expect(error.code).toBe('TRUSTED_USER_BAD_SIGNATURE');
      expect(error.message).toContain('CHATBI_TRUSTED_PROXY_SECRET');
    });

    it.each([undefined, '', 'not-hex', 'ab'.repeat(31), 'ab'.repeat(33)])('refuses the signature %p', (signature) => {
      expect(refusal(headersOf(alice)[0], signature).code).toBe('TRUSTED_USER_BAD_SIGNATURE');
    });
  });

  describe('stale and future', () => {
    it('accepts a user signed five minutes ago, and refuses one a second older', () => {
      expect(verifier.verify(...headersOf({ ...alice, iat: nowSeconds - 300 })).sub).toBe('alice');
      const error = refusal(...headersOf({ ...alice, iat: nowSeconds - 301 }));
      expect(error.code).toBe('TRUSTED_USER_EXPIRED');
      expect(error.details).toEqual({ ageSeconds: 301 });
    });

    it('accepts a clock a minute ahead, and refuses one further ahead', () => {
      expect(verifier.verify(...headersOf({ ...alice, iat: nowSeconds + 60 })).sub).toBe('alice');
      const error = refusal(...headersOf({ ...alice, iat: nowSeconds + 61 }));
      expect(error.code).toBe('TRUSTED_USER_EXPIRED');
      expect(error.message).toContain('future');
    });
  });

  describe('malformed', () => {
    const signed = (value: string): [string, string] => [value, createHmac('sha256', SECRET).update(value).digest('hex')];
    const encoded = (text: string) => Buffer.from(text).toString('base64url');

    it.each([
      ['no header', undefined],
      ['an empty header', ''],
      ['characters outside base64url', 'eyJzdWIiOiJhIn0.+/'],
      ['a header over 8 KiB', 'A'.repeat(8193)],
    ])('refuses %s before looking at the signature', (_, header) => {
      expect(refusal(header, 'ab'.repeat(32)).code).toBe('TRUSTED_USER_MALFORMED');
    });

    it.each([
      ['JSON that is not an object', encoded('"alice"')],
      ['something that is not JSON', encoded('sub=alice')],
      ['no sub', encoded(JSON.stringify({ roles: [], iat: nowSeconds }))],
      ['a blank sub', encoded(JSON.stringify({ sub: '  ', roles: [], iat: nowSeconds }))],
      ['roles that are not a list', encoded(JSON.stringify({ sub: 'a', roles: 'Admin', iat: nowSeconds }))],
      ['an iat in milliseconds as a string', encoded(JSON.stringify({ sub: 'a', roles: [], iat: String(NOW) }))],
      ['no iat', encoded(JSON.stringify({ sub: 'a', roles: [] }))],
    ])('refuses a correctly signed header holding %s', (_, header) => {
      const error = refusal(...signed(header));
      expect(error.code).toBe('TRUSTED_USER_MALFORMED');
      expect(error.message).toContain('X-ChatBI-User');
    });
  });

  it('is disabled without a secret, and refuses one shorter than 32 characters', () => {
    expect(new TrustedUserVerifier({}).enabled).toBe(false);
    expect(verifier.enabled).toBe(true);
    expect(() => new TrustedUserVerifier({ secret: 'short' })).toThrow(/32 characters/);
  });
});
