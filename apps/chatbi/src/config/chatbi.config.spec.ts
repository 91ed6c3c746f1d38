import { configuredWarehouse, loadConfig } from './chatbi.config';

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
