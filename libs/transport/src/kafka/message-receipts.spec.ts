import { InMemoryMessageReceipts, LayeredMessageReceipts, type MessageReceipts } from './message-receipts';

describe('message receipts', () => {
  it('remembers per consumer and topic, forgetting the oldest past capacity', async () => {
    const receipts = new InMemoryMessageReceipts(2);
    await receipts.record('g', 't', 'a');
    expect(await receipts.has('g', 't', 'a')).toBe(true);
    expect(await receipts.has('other', 't', 'a')).toBe(false);
    expect(await receipts.has('g', 'other', 'a')).toBe(false);
    await receipts.record('g', 't', 'b');
    await receipts.record('g', 't', 'c');
    expect(await receipts.has('g', 't', 'a')).toBe(false);
    expect(await receipts.has('g', 't', 'c')).toBe(true);
  });

  it('asks the durable store only about possible redeliveries, and never for an instance-only group', async () => {
    const asked: string[] = [];
    const durable: MessageReceipts = {
      has: async (_c, _t, id) => {
        asked.push(id);
        return id === 'handled-by-a-dead-instance';
      },
      record: async () => undefined,
    };
    const receipts = new LayeredMessageReceipts(durable);
    expect(await receipts.has('g', 't', 'handled-by-a-dead-instance', true)).toBe(true);
    expect(await receipts.has('g', 't', 'handled-by-a-dead-instance', false)).toBe(false);
    expect(await receipts.has('g', 't', 'handled-by-a-dead-instance', true, false)).toBe(false);
    await receipts.record('g', 't', 'mine');
    expect(await receipts.has('g', 't', 'mine', true)).toBe(true);
    expect(asked).toEqual(['handled-by-a-dead-instance']);
  });
});
