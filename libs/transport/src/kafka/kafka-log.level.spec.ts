import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-log.level';

describe('kafkaLogLevel', () => {
  it('puts the answers of a broker that is still starting at debug', () => {
    const coordinator = { level: logLevel.ERROR, message: '[Connection] Response GroupCoordinator(key: 10, version: 2)', error: 'The group coordinator is not available' };
    const leader = { level: logLevel.ERROR, message: '[Connection] Response Metadata(key: 3, version: 6)', error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' };
    expect([kafkaLogLevel(coordinator, false), kafkaLogLevel(leader, false)]).toEqual(['debug', 'debug']);
  });

  it('keeps other errors and warnings at their level', () => {
    expect(kafkaLogLevel({ level: logLevel.ERROR, message: '[Producer] Failed to send messages', error: 'Not authorized to access topics' }, false)).toBe('error');
    expect(kafkaLogLevel({ level: logLevel.WARN, message: '[Consumer] Restarting the consumer in 300ms' }, false)).toBe('warn');
  });

  it('puts everything at debug while connecting, where each attempt is reported once', () => {
    expect(kafkaLogLevel({ level: logLevel.ERROR, message: '[Connection] Connection error: connect ECONNREFUSED 127.0.0.1:9092' }, true)).toBe('debug');
  });
});
