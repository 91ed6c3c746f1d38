import { RecentReplies } from './recent-replies';

const keepNone = () => false;

describe('RecentReplies', () => {
  it('gives a repeated key the stored reply without running again, and a new key its own', async () => {
    let runs = 0;
    const replies = new RecentReplies<string>(60_000, 10);
    const work = async () => `answer ${++runs}`;
    expect(await replies.reply('alice/r1', work, keepNone)).toBe('answer 1');
    expect(await replies.reply('alice/r1', work, keepNone)).toBe('answer 1');
    expect(await replies.reply('bob/r1', work, keepNone)).toBe('answer 2');
    expect(runs).toBe(2);
  });

  it('lets a repeat that comes while the first still runs share its reply', async () => {
    let release!: (value: string) => void;
    let runs = 0;
    const replies = new RecentReplies<string>(60_000, 10);
    const work = () => {
      runs++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = replies.reply('k', work, keepNone);
    const repeat = replies.reply('k', work, keepNone);
    release('the answer');
    expect(await Promise.all([first, repeat])).toEqual(['the answer', 'the answer']);
    expect(runs).toBe(1);
  });

  it('keeps a failure only when a repeat would fail the same way', async () => {
    const replies = new RecentReplies<string>(60_000, 10);
    let runs = 0;
    const failing = async (): Promise<string> => {
      runs++;
      throw new Error(runs === 1 ? 'timeout' : 'bad question');
    };
    const keepBadQuestions = (e: unknown) => (e as Error).message === 'bad question';
    await expect(replies.reply('k', failing, keepBadQuestions)).rejects.toThrow('timeout');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(replies.reply('k', failing, keepBadQuestions)).rejects.toThrow('bad question');
    await expect(replies.reply('k', failing, keepBadQuestions)).rejects.toThrow('bad question');
    expect(runs).toBe(2);
  });

  it('forgets replies after their time and beyond its capacity, oldest first', async () => {
    let now = 0;
    const replies = new RecentReplies<string>(1_000, 2, () => now);
    let runs = 0;
    const work = async () => `answer ${++runs}`;
    await replies.reply('a', work, keepNone);
    now = 1_001;
    expect(await replies.reply('a', work, keepNone)).toBe('answer 2');
    await replies.reply('b', work, keepNone);
    await replies.reply('c', work, keepNone);
    expect(replies.size).toBe(2);
    expect(await replies.reply('a', work, keepNone)).toBe('answer 5');
    expect(await replies.reply('c', work, keepNone)).toBe('answer 4');
  });
});
