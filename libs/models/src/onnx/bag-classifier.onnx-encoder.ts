import type { BagClassifierWeights } from '../classifier/bag-classifier';
import { ProtobufWriter } from './protobuf.writer';

/** Field numbers and enum values of onnx.proto that this encoder writes. */
const MODEL = { irVersion: 1, producerName: 2, producerVersion: 3, docString: 6, graph: 7, opsetImport: 8, metadataProps: 14 };
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 };
const ATTRIBUTE = { name: 1, i: 3, type: 20 };
const ATTRIBUTE_INT = 2;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 };
const VALUE_INFO = { name: 1, type: 2 };
const TYPE = { tensorType: 1 };
const TENSOR_TYPE = { elemType: 1, shape: 2 };
const SHAPE = { dim: 1 };
const DIMENSION = { value: 1, param: 2 };
const OPSET = { domain: 1, version: 2 };
const ENTRY = { key: 1, value: 2 };
const FLOAT = 1;
const INT64 = 7;

const IR_VERSION = 8;
const OPSET_VERSION = 13;

/** Names of the graph's inputs and output, shared with the code that runs it. */
export const BAG_CLASSIFIER_IO = {
  featureIds: 'feature_ids',
  featureWeights: 'feature_weights',
  probabilities: 'probabilities',
} as const;

type Dim = number | string;

/**
 * Writes the classifier as an ONNX model (opset 13) that onnxruntime runs as is:
 *
 *   feature_ids int64[n], feature_weights float[1,n]
 *   Gather(embedding, feature_ids) -> MatMul(feature_weights, ·) -> Add(b1) -> Relu
 *   -> MatMul(W2) -> Add(b2) -> Softmax -> probabilities float[1,classes]
 *
 * Metadata (labels, catalog hash, ...) travels in metadata_props as strings.
 */
export function encodeBagClassifier(w: BagClassifierWeights, metadata: Record<string, string>, graphName = 'chatbi_bag_classifier'): Uint8Array {
  const model = new ProtobufWriter()
    .varint(MODEL.irVersion, IR_VERSION)
    .string(MODEL.producerName, 'chatbi-models')
    .string(MODEL.producerVersion, '1')
    .string(MODEL.docString, 'Bag-of-hashed-features text classifier trained by ChatBI from its catalog.')
    .message(MODEL.opsetImport, (o) => o.string(OPSET.domain, '').varint(OPSET.version, OPSET_VERSION));

  model.message(MODEL.graph, (g) => {
    node(g, 'Gather', ['embedding', BAG_CLASSIFIER_IO.featureIds], ['gathered'], { axis: 0 });
    node(g, 'MatMul', [BAG_CLASSIFIER_IO.featureWeights, 'gathered'], ['bag']);
    node(g, 'Add', ['bag', 'hidden_bias'], ['pre']);
    node(g, 'Relu', ['pre'], ['hidden']);
    node(g, 'MatMul', ['hidden', 'output_weights'], ['scores']);
    node(g, 'Add', ['scores', 'output_bias'], ['logits']);
    node(g, 'Softmax', ['logits'], [BAG_CLASSIFIER_IO.probabilities], { axis: -1 });
    g.string(GRAPH.name, graphName);
    floatTensor(g, 'embedding', [w.buckets, w.hidden], w.embedding);
    floatTensor(g, 'hidden_bias', [w.hidden], w.hiddenBias);
    floatTensor(g, 'output_weights', [w.hidden, w.classes], w.output);
    floatTensor(g, 'output_bias', [w.classes], w.outputBias);
    valueInfo(g, GRAPH.input, BAG_CLASSIFIER_IO.featureIds, INT64, ['n']);
    valueInfo(g, GRAPH.input, BAG_CLASSIFIER_IO.featureWeights, FLOAT, [1, 'n']);
    valueInfo(g, GRAPH.output, BAG_CLASSIFIER_IO.probabilities, FLOAT, [1, w.classes]);
  });

  for (const [key, value] of Object.entries(metadata)) {
    model.message(MODEL.metadataProps, (e) => e.string(ENTRY.key, key).string(ENTRY.value, value));
  }
  return model.finish();
}

function node(g: ProtobufWriter, opType: string, inputs: string[], outputs: string[], ints: Record<string, number> = {}): void {
  g.message(GRAPH.node, (n) => {
    for (const i of inputs) n.string(NODE.input, i);
    for (const o of outputs) n.string(NODE.output, o);
    n.string(NODE.name, `${opType}_${outputs[0]}`);
    n.string(NODE.opType, opType);
    for (const [name, value] of Object.entries(ints)) {
      n.message(NODE.attribute, (a) => {
        a.string(ATTRIBUTE.name, name);
        a.int64(ATTRIBUTE.i, value);
        a.varint(ATTRIBUTE.type, ATTRIBUTE_INT);
      });
    }
  });
}

function floatTensor(g: ProtobufWriter, name: string, dims: number[], values: Float32Array): void {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  g.message(GRAPH.initializer, (t) => {
    t.packedVarints(TENSOR.dims, dims);
    t.varint(TENSOR.dataType, FLOAT);
    t.string(TENSOR.name, name);
    t.bytes(TENSOR.rawData, raw);
  });
}

function valueInfo(g: ProtobufWriter, field: number, name: string, elemType: number, dims: Dim[]): void {
  g.message(field, (v) => {
    v.string(VALUE_INFO.name, name);
    v.message(VALUE_INFO.type, (t) =>
      t.message(TYPE.tensorType, (tt) => {
        tt.varint(TENSOR_TYPE.elemType, elemType);
        tt.message(TENSOR_TYPE.shape, (s) => {
          for (const d of dims) s.message(SHAPE.dim, (dim) => (typeof d === 'number' ? dim.varint(DIMENSION.value, d) : dim.string(DIMENSION.param, d)));
        });
      }),
    );
  });
}
