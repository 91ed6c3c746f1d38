import type { SemanticTask } from '@chatbi/contracts';
import { textFeatures } from './hashed-ngram.featurizer';
import { OnlineLogisticProxy } from './online-logistic.proxy';

const filter: SemanticTask = { kind: 'filter', instruction: 'complains about login' };

const examples = [
  ['无法登录，密码错误', true],
  ['登录页面一直报错', true],
  ['cannot login since the update', true],
  ['login keeps failing', true],
  ['发票已经收到，谢谢', false],
  ['物流很快，好评', false],
  ['thanks for the fast delivery', false],
  ['the invoice is correct', false],
] as const;

describe('OnlineLogisticProxy', () => {
  it('scores 0.5 (1/L for a classifier) before it has seen a label', async () => {
    const proxy = new OnlineLogisticProxy({ seed: 1 });
    expect(await proxy.score(filter, [{ id: 'a', text: 'anything' }])).toEqual([[0.5]]);
    const classify: SemanticTask = { kind: 'classify', instruction: 'topic', labels: ['a', 'b', 'c', 'd'] };
    expect(await proxy.score(classify, [{ id: 'a', text: 'anything' }])).toEqual([[0.25, 0.25, 0.25, 0.25]]);
  });

  it('learns English and Chinese from oracle labels, deterministically from its seed', async () => {
    const rows = examples.map(([text], i) => ({ id: `e${i}`, text }));
    const verdicts = examples.map(([, v]) => v);
    const train = async (seed: number) => {
      const proxy = new OnlineLogisticProxy({ seed });
      for (let round = 0; round < 5; round++) proxy.learn(filter, rows, verdicts);
      return proxy.score(filter, [
        { id: 'q1', text: '登录失败' },
        { id: 'q2', text: '收到发票' },
        { id: 'q3', text: 'login failing again' },
        { id: 'q4', text: 'fast delivery, thanks' },
      ]);
    };
    const scores = (await train(7)).map((s) => s[0]);
    expect(scores[0]).toBeGreaterThan(0.6);
    expect(scores[1]).toBeLessThan(0.4);
    expect(scores[2]).toBeGreaterThan(0.6);
    expect(scores[3]).toBeLessThan(0.4);
    expect((await train(7)).map((s) => s[0])).toEqual(scores);
  });

  it('reads Chinese as character n-grams and Latin words as words and their pieces', () => {
    const features = textFeatures('登录 Login失败 12345');
    expect(features).toEqual(expect.arrayContaining(['z:登', 'z:登录', 'w:login', 'g:<lo', 'z:失败', 'w:00000']));
  });
});
