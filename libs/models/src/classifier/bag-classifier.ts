/**
 * The small neural text classifier both models use: a weighted bag of hashed features looked up in
 * an embedding table (the first layer), a ReLU, and a softmax layer over the labels.
 *
 *   h = relu(sum_i w_i * E[f_i] + b1)      p = softmax(h * W2 + b2)
 */
export interface BagClassifierWeights {
  buckets: number;
  hidden: number;
  classes: number;
  /** buckets x hidden, row-major. */
  embedding: Float32Array;
  hiddenBias: Float32Array;
  /** hidden x classes, row-major. */
  output: Float32Array;
  outputBias: Float32Array;
}

/** A question as the classifier reads it: feature buckets and their weights. */
export interface FeatureBag {
  ids: Int32Array;
  weights: Float32Array;
}

export function emptyWeights(buckets: number, hidden: number, classes: number): BagClassifierWeights {
  return {
    buckets,
    hidden,
    classes,
    embedding: new Float32Array(buckets * hidden),
    hiddenBias: new Float32Array(hidden),
    output: new Float32Array(hidden * classes),
    outputBias: new Float32Array(classes),
  };
}

export interface ForwardPass {
  /** Hidden pre-activations. */
  pre: Float32Array;
  /** Hidden activations after ReLU. */
  hidden: Float32Array;
  probabilities: Float32Array;
}

/** The forward pass in TypeScript: what training uses, and what the ONNX graph must reproduce. */
export function forward(w: BagClassifierWeights, bag: FeatureBag, out?: ForwardPass): ForwardPass {
  const H = w.hidden;
  const C = w.classes;
  const pass = out ?? { pre: new Float32Array(H), hidden: new Float32Array(H), probabilities: new Float32Array(C) };
  const { pre, hidden, probabilities } = pass;
  pre.set(w.hiddenBias);
  for (let k = 0; k < bag.ids.length; k++) {
    const row = bag.ids[k] * H;
    const weight = bag.weights[k];
    for (let j = 0; j < H; j++) pre[j] += weight * w.embedding[row + j];
  }
  for (let j = 0; j < H; j++) hidden[j] = pre[j] > 0 ? pre[j] : 0;
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    let z = w.outputBias[c];
    for (let j = 0; j < H; j++) z += hidden[j] * w.output[j * C + c];
    probabilities[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) {
    probabilities[c] = Math.exp(probabilities[c] - max);
    sum += probabilities[c];
  }
  for (let c = 0; c < C; c++) probabilities[c] /= sum;
  return pass;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
