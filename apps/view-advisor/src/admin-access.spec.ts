import { ChatbiError } from '@chatbi/contracts';
import { checkAdminAccess, type AdminRequest } from './admin-access';

const TOKEN = 'a-long-enough-admin-token';

function refusal(request: Partial<AdminRequest>, token?: string): ChatbiError | undefined {
  try {
    checkAdminAccess({ method: 'GET', remoteAddress: '127.0.0.1', headers: {}, ...request }, { token });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }
}

describe('checkAdminAccess', () => {
  describe('without a token', () => {
    it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('lets %s in', (remoteAddress) => {
      expect(refusal({ remoteAddress })).toBeUndefined();
    });

    it.each(['10.0.0.7', '192.168.1.20', '::ffff:10.0.0.7', undefined])('refuses %s with ADMIN_FORBIDDEN, naming the setting', (remoteAddress) => {
      const error = refusal({ remoteAddress });
      expect(error?.code).toBe('ADMIN_FORBIDDEN');
      expect(error?.httpStatus).toBe(403);
      expect(error?.message).toContain('CHATBI_ADMIN_TOKEN');
    });

    it('refuses a request a local proxy forwarded', () => {
      expect(refusal({ headers: { 'x-forwarded-for': '203.0.113.9' } })?.code).toBe('ADMIN_FORBIDDEN');
      expect(refusal({ headers: { forwarded: 'for=203.0.113.9' } })?.code).toBe('ADMIN_FORBIDDEN');
    });
  });

  describe('with a token', () => {
    it('needs the bearer token, from anywhere', () => {
      expect(refusal({ remoteAddress: '10.0.0.7', headers: { authorization: `Bearer ${TOKEN}` } }, TOKEN)).toBeUndefined();
      for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Basic ${TOKEN}`, TOKEN]) {
        const error = refusal({ remoteAddress: '127.0.0.1', headers: { authorization } }, TOKEN);
        expect(error?.code).toBe('ADMIN_TOKEN_REQUIRED');
        expect(error?.httpStatus).toBe(401);
      }
    });
  });

  describe('changes', () => {
    const post = (headers: AdminRequest['headers']) => refusal({ method: 'POST', headers: { host: '127.0.0.1:3000', ...headers } });

    it('accepts JSON from the console\'s own origin, and a bodiless POST from a script', () => {
      expect(post({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/json', 'content-length': '20' })).toBeUndefined();
      expect(post({})).toBeUndefined();
    });

    it('refuses a page of another origin, even on this machine', () => {
      const error = post({ origin: 'http://evil.example', 'content-type': 'application/json', 'content-length': '20' });
      expect(error?.code).toBe('ADMIN_FORBIDDEN');
      expect(error?.message).toContain('http://evil.example');
      expect(post({ origin: 'null' })?.code).toBe('ADMIN_FORBIDDEN');
    });

    it('refuses a body that is not JSON (a cross-site form post)', () => {
      expect(post({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '20' })?.code).toBe('INVALID_REQUEST');
      expect(post({ 'content-type': 'text/plain', 'transfer-encoding': 'chunked' })?.code).toBe('INVALID_REQUEST');
    });
  });
});
