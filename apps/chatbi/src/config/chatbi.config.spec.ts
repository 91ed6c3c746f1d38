import { ConfigError, loadConfig } from './chatbi.config';

describe('CHATBI_TRUSTED_PROXY_SECRET', () => {
  it('is unset by default: forwarded users are not trusted', () => {
    expect(loadConfig({}).CHATBI_TRUSTED_PROXY_SECRET).toBeUndefined();
  });

  it('takes a secret of 32 characters or more', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ CHATBI_TRUSTED_PROXY_SECRET: secret }).CHATBI_TRUSTED_PROXY_SECRET).toBe(secret);
  });

  it('refuses a shorter one at start-up, saying how long it must be', () => {
    expect(() => loadConfig({ CHATBI_TRUSTED_PROXY_SECRET: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHATBI_TRUSTED_PROXY_SECRET: 'too-short' })).toThrow(/CHATBI_TRUSTED_PROXY_SECRET: use at least 32 characters/);
  });
});
