import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bucketOf, emptyWeights, encodeBagClassifier, forward } from '@chatbi/models';
import type { SemanticTask } from '@chatbi/contracts';
import { featurizeText, textFeatures } from './hashed-ngram.featurizer';
import { OnnxProxyModel } from './onnx.proxy';

const BUCKETS = 1 << 16;

/** A two-class bag classifier, written by hand, that says "yes" for texts mentioning a refund. */
function refundModel() {
  const w = emptyWeights(BUCKETS, 2, 2);
  w.hiddenBias.set([0, 1]);
  for (const feature of textFeatures('refund refunds')) {
    if (!feature.startsWith('w:') && !feature.startsWith('g:')) continue;
    w.embedding[bucketOf(feature, BUCKETS) * 2] += 4;
  }
  // hidden 0 = evidence of a refund -> class 1; hidden 1 = a constant pull to class 0.
  w.output.set([0, 3, 1.5, 0]);
  return w;
}

describe('OnnxProxyModel', () => {
  const filter: SemanticTask = { kind: 'filter', instruction: 'asks for a refund' };
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-proxy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a real ONNX file and agrees with the same network computed in TypeScript', async () => {
    const weights = refundModel();
    const file = join(dir, 'refund.onnx');
    writeFileSync(file, encodeBagClassifier(weights, { labels: 'no,yes' }));
    const proxy = await OnnxProxyModel.load({ model: file, classes: 2, buckets: BUCKETS });
    const texts = ['I want a refund for my order', 'great service, thanks', '请退款 refund please', ''];
    const scores = await proxy.score(filter, texts.map((text, i) => ({ id: String(i), text })));
    texts.forEach((text, i) => {
      const bag = featurizeText(text, BUCKETS);
      expect(scores[i][0]).toBeCloseTo(forward(weights, { ids: bag.ids, weights: bag.weights }).probabilities[1], 5);
    });
    expect(scores[0][0]).toBeGreaterThan(0.5);
    expect(scores[1][0]).toBeLessThan(0.5);
    await proxy.release();
  });

  it('refuses a task whose label count does not match the model', async () => {
    const proxy = await OnnxProxyModel.load({ model: encodeBagClassifier(refundModel(), {}), classes: 2, buckets: BUCKETS });
    await expect(proxy.score({ kind: 'classify', instruction: 'topic', labels: ['a', 'b', 'c'] }, [{ id: '1', text: 'x' }])).rejects.toThrow(/3/);
    await proxy.release();
  });

  it('refuses bytes that are not a model', async () => {
    await expect(OnnxProxyModel.load({ model: new Uint8Array([1, 2, 3]), classes: 2 })).rejects.toThrow();
  });
});
