import { StandInMessagesApi } from '../testing/stand-in-messages-api';
import { ClaudeParaphraser, usableRewrite } from './claude.paraphraser';

describe('ClaudeParaphraser', () => {
  const api = new StandInMessagesApi((q) =>
    /[\u3400-\u9fff]/.test(q) ? [`请问${q}`, 'DAU in English', q] : [`could you show ${q}`, `${q}, please`, '中文改写'],
  );
  let baseURL: string;

  beforeAll(async () => {
    baseURL = await api.start();
  });
  afterAll(() => api.stop());

  it('asks in batches through the tool and keeps only rewrites in the question\'s language', async () => {
    const paraphraser = new ClaudeParaphraser({ apiKey: 'test-key', baseURL, model: 'claude-test', batchSize: 2, perQuestion: 3 });
    const out = await paraphraser.paraphrase(['DAU of the lite app yesterday', '近7天主版DAU', 'what about Tianjin?']);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[0]).toMatchObject({ model: 'claude-test', user: expect.stringContaining('1. DAU of the lite app yesterday\n2. 近7天主版DAU') });
    expect(api.requests[0].system).toMatch(/must still leave it out/);
    expect(out.get('DAU of the lite app yesterday')).toEqual(['could you show DAU of the lite app yesterday', 'DAU of the lite app yesterday, please']);
    expect(out.get('近7天主版DAU')).toEqual(['请问近7天主版DAU']);
    expect(out.get('what about Tianjin?')).toEqual(['could you show what about Tianjin?', 'what about Tianjin?, please']);
  });

  it('judges a rewrite usable only when it is new, short enough and in the same language', () => {
    expect(usableRewrite('DAU yesterday', "yesterday's DAU")).toBe(true);
    expect(usableRewrite('DAU yesterday', 'dau YESTERDAY')).toBe(false);
    expect(usableRewrite('DAU yesterday', '昨天的DAU')).toBe(false);
    expect(usableRewrite('DAU yesterday', 'x'.repeat(201))).toBe(false);
  });
});
