import { ConfigError, configuredWarehouse, loadConfig } from './chatbi.config';

describe('loadConfig: the warehouse', () => {
  it('reads CHATBI_WAREHOUSE_URL for any engine, and CHATBI_WAREHOUSE_FILE as before', () => {
    expect(configuredWarehouse(loadConfig({ CHATBI_WAREHOUSE_URL: 'postgres://reader:pw@db/sales' }))).toMatchObject({ dialect: 'postgres', database: 'sales' });
    expect(configuredWarehouse(loadConfig({ CHATBI_WAREHOUSE_URL: 'sqlite:///data/flight_2.sqlite' }))).toMatchObject({ dialect: 'sqlite', target: '/data/flight_2.sqlite' });
    expect(configuredWarehouse(loadConfig({ CHATBI_WAREHOUSE_FILE: 'w.duckdb' }))).toMatchObject({ dialect: 'duckdb', target: 'w.duckdb' });
    expect(configuredWarehouse(loadConfig({ CHATBI_WAREHOUSE_FILE: 'spider.sqlite' }))).toMatchObject({ dialect: 'sqlite' });
    expect(configuredWarehouse(loadConfig({}))).toBeUndefined();
  });

  it('refuses a bad URL at start-up, saying what is wrong and how to write it', () => {
    expect(() => loadConfig({ CHATBI_WAREHOUSE_URL: 'oracle://db/x' })).toThrow(/CHATBI_WAREHOUSE_URL: "oracle:\/\/db\/x" is not a warehouse URL .*use one of: duckdb:\/\/\//);
    expect(() => loadConfig({ CHATBI_WAREHOUSE_URL: 'mysql://reader:secret@db' })).toThrow(/CHATBI_WAREHOUSE_URL: mysql:\/\/reader@db names no database/);
    expect(() => loadConfig({ CHATBI_WAREHOUSE_URL: 'mysql://reader:secret@db' })).not.toThrow(/secret/);
  });

  it('refuses both ways of naming the warehouse at once', () => {
    expect(() => loadConfig({ CHATBI_WAREHOUSE_URL: 'duckdb:///a.duckdb', CHATBI_WAREHOUSE_FILE: 'b.duckdb' })).toThrow(/CHATBI_WAREHOUSE_FILE: set CHATBI_WAREHOUSE_URL or CHATBI_WAREHOUSE_FILE, not both/);
  });
});

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
