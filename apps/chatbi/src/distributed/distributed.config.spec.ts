import { serviceWarehouse } from '../config/chatbi.config';
import { loadDistributedConfig, serviceDataDir } from './distributed.config';

describe('loadDistributedConfig', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093', CHATBI_METADATA_URL: 'postgres://u@h/db' };

  it('reads brokers as a list and gives each service its own default port', () => {
    const config = loadDistributedConfig('json-planner', base);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.PORT).toBe(3002);
    expect(loadDistributedConfig('dialogue', { ...base, PORT: '0' }).PORT).toBe(0);
  });

  it('refuses to start without Kafka or PostgreSQL, naming the setting', () => {
    expect(() => loadDistributedConfig('dialogue', { CHATBI_METADATA_URL: base.CHATBI_METADATA_URL })).toThrow(/dialogue:\n\s+KAFKA_BROKERS/);
    expect(() => loadDistributedConfig('dialogue', { ...base, KAFKA_BROKERS: 'no-port' })).toThrow(/KAFKA_BROKERS: must be host:port/);
    expect(() => loadDistributedConfig('dialogue', { KAFKA_BROKERS: base.KAFKA_BROKERS })).toThrow(/CHATBI_METADATA_URL/);
  });

  it('gives every service the one warehouse, and so the one dialect, of CHATBI_WAREHOUSE_URL', () => {
    const config = loadDistributedConfig('sql-templater', { ...base, CHATBI_WAREHOUSE_URL: 'mariadb://reader:pw@db:3306/shop' });
    expect(serviceWarehouse(config)).toMatchObject({ dialect: 'mysql', database: 'shop' });
    expect(serviceWarehouse(loadDistributedConfig('cascade-runner', { ...base, CHATBI_DATA_DIR: '/d' }))).toMatchObject({ dialect: 'duckdb', target: '/d/demo-small.duckdb' });
    expect(() => loadDistributedConfig('cascade-runner', { ...base, CHATBI_WAREHOUSE_URL: 'oracle://db/x' })).toThrow(/cascade-runner:\n\s+CHATBI_WAREHOUSE_URL: .*not one ChatBI opens/);
  });

  it('keeps the data outside the checkout unless CHATBI_DATA_DIR says otherwise', () => {
    expect(loadDistributedConfig('dialogue', { ...base, XDG_DATA_HOME: '/srv/data' }).CHATBI_DATA_DIR).toBe('/srv/data/chatbi');
    expect(loadDistributedConfig('dialogue', { ...base, HOME: '/home/ops' }).CHATBI_DATA_DIR).toBe('/home/ops/.local/share/chatbi');
    expect(serviceDataDir({ HOME: '/home/ops', XDG_DATA_HOME: '' })).toBe('/home/ops/.local/share/chatbi');
    expect(loadDistributedConfig('dialogue', { ...base, CHATBI_DATA_DIR: '/d' }).CHATBI_DATA_DIR).toBe('/d');
  });

  it('puts CHATBI_METADATA_PASSWORD into the metadata URL, encoded', () => {
    const config = loadDistributedConfig('dialogue', { ...base, CHATBI_METADATA_URL: 'postgres://chatbi@db:5432/chatbi?sslmode=require', CHATBI_METADATA_PASSWORD: 'p@ss word/1' });
    expect(config.CHATBI_METADATA_URL).toBe('postgres://chatbi:p%40ss%20word%2F1@db:5432/chatbi?sslmode=require');
    expect(new URL(config.CHATBI_METADATA_URL).password).toBe(encodeURIComponent('p@ss word/1'));
    expect(loadDistributedConfig('dialogue', base).CHATBI_METADATA_URL).toBe(base.CHATBI_METADATA_URL);
  });
});
