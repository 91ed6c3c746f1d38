import { Logger } from '@nestjs/common';
import { TOPICS, type SemanticProgress } from '@chatbi/contracts';
import type { PartitionedBus } from './kafka-semantic.bus';
import { SemanticProgressFeedController } from './semantic-progress-feed.controller';
import { PROGRESS_INTERVAL_MS, SemanticProgressPublisher } from './semantic-progress.publisher';
import { SemanticProgressRegistry } from './semantic-progress.registry';

type Update = Omit<SemanticProgress, 'updatedAt'>;

const snapshot = (state: Update['state'], rowsSeen: number, low = 0.2): Update => ({
  requestId: 'request-0001',
  state,
  operator: 0,
  operators: 1,
  instruction: 'complains about login',
  rowsIn: 100,
  rowsSeen,
  rowsDecided: rowsSeen,
  oracleCalls: Math.floor(rowsSeen / 4),
  oracleTokens: 10 * rowsSeen,
  undecided: 0,
  thresholds: [{ partition: 0, low, high: Infinity }],
});

describe('SemanticProgressPublisher and SemanticProgressFeedController', () => {
  let sent: { topic: string; key: string; message: unknown; messageId?: string }[];
  let owner: SemanticProgressRegistry;
  let publisher: SemanticProgressPublisher;
  let edge: SemanticProgressRegistry;
  let feed: SemanticProgressFeedController;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    const bus: PartitionedBus = {
      publish: async () => {
        throw new Error('progress goes out with its own message id, by publishTo');
      },
      publishTo: async (topic, message, target) => void sent.push({ topic, key: target.key, messageId: target.messageId, message: JSON.parse(JSON.stringify(message)) }),
      partitionCount: async () => 4,
      subscribe: () => () => undefined,
    };
    owner = new SemanticProgressRegistry();
    publisher = new SemanticProgressPublisher(owner, bus);
    publisher.onModuleInit();
    edge = new SemanticProgressRegistry();
    feed = new SemanticProgressFeedController(edge);
  });
  afterEach(() => {
    publisher.onModuleDestroy();
    jest.useRealTimers();
  });

  it('relays the first snapshot at once, then at most one per interval (the latest), and the finished one at once', async () => {
    owner.update(snapshot('reading', 0));
    for (let rows = 10; rows <= 50; rows += 10) owner.update(snapshot('judging', rows));
    expect(sent.map((s) => (s.message as SemanticProgress).state)).toEqual(['reading']);
    jest.advanceTimersByTime(PROGRESS_INTERVAL_MS);
    expect(sent.map((s) => (s.message as SemanticProgress).rowsSeen)).toEqual([0, 50]);
    owner.update(snapshot('judging', 60));
    owner.update(snapshot('done', 100));
    expect(sent.map((s) => (s.message as SemanticProgress).state)).toEqual(['reading', 'judging', 'done']);
    expect(sent.every((s) => s.topic === TOPICS.semanticProgress && s.key === 'request-0001')).toBe(true);
    // Every snapshot carries the request id, which the bus would take as the message id: each gets its own.
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(3);
    jest.advanceTimersByTime(10 * PROGRESS_INTERVAL_MS);
    expect(sent).toHaveLength(3);
  });

  it('the edge keeps what was relayed, infinite thresholds made finite, and drops what is not progress', () => {
    owner.update(snapshot('done', 100));
    for (const s of sent) feed.onProgress(s.message);
    expect(edge.get('request-0001')).toMatchObject({ state: 'done', rowsSeen: 100, oracleCalls: 25, thresholds: [{ partition: 0, low: 0.2, high: 1 }] });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    feed.onProgress({ requestId: 'request-0002', state: 'done' });
    expect(edge.get('request-0002')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not a semantic progress message/));
    warn.mockRestore();
  });
});
