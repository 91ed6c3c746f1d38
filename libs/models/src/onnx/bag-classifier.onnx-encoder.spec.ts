import { emptyWeights, forward, type BagClassifierWeights } from '../classifier/bag-classifier';
import { OnnxBagClassifier } from '../classifier/onnx-bag-classifier';
import { SeededRandom } from '../seeded-random';
import { encodeBagClassifier } from './bag-classifier.onnx-encoder';

function randomWeights(seed: number): BagClassifierWeights {
  const random = new SeededRandom(seed);
  const w = emptyWeights(512, 8, 3);
  for (const a of [w.embedding, w.hiddenBias, w.output, w.outputBias]) for (let i = 0; i < a.length; i++) a[i] = random.next() * 2 - 1;
  return w;
}

describe('the ONNX export', () => {
  it('runs in onnxruntime-node and gives the probabilities of the TypeScript forward pass', async () => {
    const w = randomWeights(3);
    const model = await OnnxBagClassifier.load(encodeBagClassifier(w, { labels: '["a","b","c"]' }), 3);
    try {
      const random = new SeededRandom(9);
      for (let k = 0; k < 20; k++) {
        const n = 1 + random.int(40);
        const bag = { ids: Int32Array.from({ length: n }, () => random.int(512)), weights: Float32Array.from({ length: n }, () => random.next()) };
        const expected = forward(w, bag).probabilities;
        const actual = await model.probabilities(bag);
        expect(actual).toHaveLength(3);
        for (let c = 0; c < 3; c++) expect(actual[c]).toBeCloseTo(expected[c], 5);
      }
    } finally {
      await model.release();
    }
  });

  it('is the same bytes for the same weights', () => {
    expect(Buffer.from(encodeBagClassifier(randomWeights(1), {})).equals(Buffer.from(encodeBagClassifier(randomWeights(1), {})))).toBe(true);
  });

  it('is refused by onnxruntime when the bytes are not a model', async () => {
    await expect(OnnxBagClassifier.load(Uint8Array.from([1, 2, 3, 4, 5]), 3)).rejects.toThrow();
  });

  it('is refused when its outputs do not match the labels of its card', async () => {
    await expect(OnnxBagClassifier.load(encodeBagClassifier(randomWeights(2), {}), 4)).rejects.toThrow(/3 outputs, its card names 4 labels/);
  });
});
