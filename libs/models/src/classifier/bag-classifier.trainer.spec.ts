import { argmax, forward } from './bag-classifier';
import { accuracyOf, trainBagClassifier, type LabelledBag } from './bag-classifier.trainer';

const bag = (...ids: number[]): LabelledBag['bag'] => ({ ids: Int32Array.from([0, ...ids]), weights: new Float32Array(ids.length + 1).fill(1 / Math.sqrt(ids.length + 1)) });

/** Label 1 only when both feature 1 and feature 2 are present: no single feature decides (an AND). */
const AND: LabelledBag[] = [
  ...Array.from({ length: 30 }, () => ({ bag: bag(1, 2), label: 1 })),
  ...Array.from({ length: 30 }, () => ({ bag: bag(1), label: 0 })),
  ...Array.from({ length: 30 }, () => ({ bag: bag(2), label: 0 })),
  ...Array.from({ length: 30 }, () => ({ bag: bag(3), label: 0 })),
];

const options = { buckets: 16, classes: 2, hidden: 8, epochs: 40, learningRate: 0.2, featureDropout: 0, seed: 5 };

describe('trainBagClassifier', () => {
  it('learns a conjunction of two features, which needs the hidden layer', async () => {
    const w = await trainBagClassifier(AND, options);
    expect(accuracyOf(w, AND)).toBe(1);
    expect(argmax(forward(w, bag(1, 2)).probabilities)).toBe(1);
    expect(argmax(forward(w, bag(2)).probabilities)).toBe(0);
  });

  it('gives the same weights for the same seed and different ones for another', async () => {
    const a = await trainBagClassifier(AND, { ...options, featureDropout: 0.2 });
    const b = await trainBagClassifier(AND, { ...options, featureDropout: 0.2 });
    const c = await trainBagClassifier(AND, { ...options, featureDropout: 0.2, seed: 6 });
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(b.embedding.buffer))).toBe(true);
    expect(Buffer.from(a.output.buffer).equals(Buffer.from(b.output.buffer))).toBe(true);
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(c.embedding.buffer))).toBe(false);
  });

  it('stops when asked to', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(trainBagClassifier(AND, { ...options, signal: abort.signal })).rejects.toThrow();
  });
});
