import { loadDistributedConfig } from './distributed.config';

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
});
