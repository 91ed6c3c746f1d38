import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { KafkaBus } from './kafka-bus';

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('KafkaBus.connect with no broker', () => {
  it('tries again with a warning per attempt, then fails naming the brokers; kafkajs\'s own errors stay at debug', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const brokers = [`127.0.0.1:${await closedPort()}`];
      const bus = new KafkaBus({ brokers, service: 'connect-spec', instanceId: 'one', connectTimeoutMs: 1 });
      await expect(bus.connect()).rejects.toThrow(new RegExp(`Kafka at ${brokers[0]} could not be reached in \\d+ s \\(1 attempts; last: .*\\)\\. Check KAFKA_BROKERS and that the brokers are up\\.`));
      expect(error).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();

      const patient = new KafkaBus({ brokers, service: 'connect-spec', instanceId: 'two', connectTimeoutMs: 5_000 });
      const failure = await patient.connect().then(() => undefined, (e: Error) => e.message);
      const attempts = Number(/\((\d+) attempts; /.exec(failure ?? '')?.[1]);
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual(
        Array.from({ length: attempts - 1 }, (_, i) => expect.stringMatching(new RegExp(`^Kafka at ${brokers[0]} is not reachable \\(attempt ${i + 1}: .*\\); trying again in \\d+\\.\\d s$`))),
      );
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  }, 180_000);
});
