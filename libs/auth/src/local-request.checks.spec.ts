import { ChatbiError } from '@chatbi/contracts';
import { checkHost, checkJsonBody, checkOrigin, isLocalPeer } from './local-request.checks';

const ALLOWED = ['localhost', '127.0.0.1', '::1'];

function refusal(fn: () => void): ChatbiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }
  throw new Error('expected a refusal');
}

describe('checks on requests nobody authenticated', () => {
  describe('Host (security review, finding 1: DNS rebinding)', () => {
    it.each(['evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io:3000', ''])('refuses Host %j', (host) => {
      expect(refusal(() => checkHost({ host }, ALLOWED)).code).toBe('FORBIDDEN');
    });

    it.each(['localhost:3000', '127.0.0.1:8080', '[::1]:3000', 'LOCALHOST'])('accepts Host %j', (host) => {
      expect(() => checkHost({ host }, ALLOWED)).not.toThrow();
    });
  });

  describe('Origin of a change (finding 1)', () => {
    it('refuses a rebinding page whose Origin matches its own (foreign) Host', () => {
      const headers = { host: 'evil.example:3000', origin: 'http://evil.example:3000' };
      expect(refusal(() => checkOrigin('POST', headers, ALLOWED, [])).code).toBe('FORBIDDEN');
    });

    it.each(['http://evil.example', 'null', 'http://localhost:9999'])('refuses Origin %s posting to localhost:3000', (origin) => {
      expect(() => checkOrigin('POST', { host: 'localhost:3000', origin }, ALLOWED, [])).toThrow(ChatbiError);
    });

    it('accepts ChatBI\'s own pages, reads, callers without Origin and CHATBI_CORS_ORIGINS', () => {
      expect(() => checkOrigin('POST', { host: 'localhost:3000', origin: 'http://localhost:3000' }, ALLOWED, [])).not.toThrow();
      expect(() => checkOrigin('GET', { host: 'localhost:3000', origin: 'http://evil.example' }, ALLOWED, [])).not.toThrow();
      expect(() => checkOrigin('POST', { host: 'localhost:3000' }, ALLOWED, [])).not.toThrow();
      expect(() => checkOrigin('POST', { host: 'localhost:3000', origin: 'http://bi.example' }, ALLOWED, ['http://bi.example'])).not.toThrow();
    });
  });

  describe('the loopback check (finding 10)', () => {
    it.each(['x-real-ip', 'x-forwarded-for', 'forwarded', 'x-forwarded-host', 'x-client-ip', 'true-client-ip'])(
      'takes a loopback peer that sends %s as forwarded, not local',
      (name) => {
        expect(isLocalPeer('127.0.0.1', { [name]: '203.0.113.9' })).toBe(false);
      },
    );

    it('takes a loopback peer without forwarding headers as local, and no other', () => {
      expect(isLocalPeer('127.0.0.1', {})).toBe(true);
      expect(isLocalPeer('::ffff:127.0.0.1', {})).toBe(true);
      expect(isLocalPeer('::1', {})).toBe(true);
      expect(isLocalPeer('10.0.0.8', {})).toBe(false);
      expect(isLocalPeer(undefined, {})).toBe(false);
    });
  });

  describe('bodies (finding 13)', () => {
    it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/jsonp', ''])(
      'refuses a %j body with 415',
      (type) => {
        const headers = { 'content-length': '20', ...(type ? { 'content-type': type } : {}) };
        expect(refusal(() => checkJsonBody('POST', headers)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      },
    );

    it('accepts JSON bodies and requests without one', () => {
      expect(() => checkJsonBody('POST', { 'content-length': '20', 'content-type': 'application/json; charset=utf-8' })).not.toThrow();
      expect(() => checkJsonBody('POST', { 'content-length': '0' })).not.toThrow();
      expect(() => checkJsonBody('GET', { 'content-type': 'text/plain', 'content-length': '5' })).not.toThrow();
    });

    it('takes a chunked body as a body', () => {
      expect(() => checkJsonBody('POST', { 'transfer-encoding': 'chunked', 'content-type': 'text/plain' })).toThrow(ChatbiError);
    });
  });
});
