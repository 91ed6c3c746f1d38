import type { InferenceSession } from 'onnxruntime-node';
import { BAG_CLASSIFIER_IO } from '../onnx/bag-classifier.onnx-encoder';
import { onnxRuntime, realmBytes, realmFloat32, realmInt64 } from '../onnx/onnx-runtime';
import type { FeatureBag } from './bag-classifier';

/** A bag classifier exported to ONNX, run by onnxruntime-node on one thread. */
export class OnnxBagClassifier {
  private constructor(
    private readonly session: InferenceSession,
    readonly classes: number,
  ) {}

  /** Loads a model from its bytes; throws when onnxruntime cannot read it or its outputs do not fit. */
  static async load(bytes: Uint8Array, classes: number): Promise<OnnxBagClassifier> {
    const session = await onnxRuntime.InferenceSession.create(realmBytes(bytes), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    const expected = [BAG_CLASSIFIER_IO.featureIds, BAG_CLASSIFIER_IO.featureWeights];
    if (expected.some((name) => !session.inputNames.includes(name)) || !session.outputNames.includes(BAG_CLASSIFIER_IO.probabilities)) {
      await session.release();
      throw new Error(`the model's inputs (${session.inputNames.join(', ')}) or outputs (${session.outputNames.join(', ')}) are not a ChatBI bag classifier's`);
    }
    const classifier = new OnnxBagClassifier(session, classes);
    const probe = await classifier.probabilities({ ids: Int32Array.of(0), weights: Float32Array.of(1) });
    if (probe.length !== classes) {
      await session.release();
      throw new Error(`the model has ${probe.length} outputs, its card names ${classes} labels`);
    }
    return classifier;
  }

  async probabilities(bag: FeatureBag): Promise<Float32Array> {
    const n = bag.ids.length;
    const out = await this.session.run({
      [BAG_CLASSIFIER_IO.featureIds]: new onnxRuntime.Tensor('int64', realmInt64(bag.ids), [n]),
      [BAG_CLASSIFIER_IO.featureWeights]: new onnxRuntime.Tensor('float32', realmFloat32(bag.weights), [1, n]),
    });
    return Float32Array.from(out[BAG_CLASSIFIER_IO.probabilities].data as Float32Array);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
