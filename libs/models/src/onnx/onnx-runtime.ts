import { runInThisContext } from 'node:vm';

type OnnxRuntime = typeof import('onnxruntime-node');

interface Realm {
  ort: OnnxRuntime;
  Float32Array: Float32ArrayConstructor;
  BigInt64Array: BigInt64ArrayConstructor;
  Uint8Array: Uint8ArrayConstructor;
}

/**
 * onnxruntime-node as the main module loads it, with typed arrays made in the main realm. The
 * native binding returns outputs as arrays of the main realm and onnxruntime checks tensor data
 * with instanceof, so code running in another realm (a Jest test's sandbox) must use the main
 * realm's copy and arrays. In a plain Node process this is exactly what an import gives.
 */
const realm: Realm = mainRealm() ?? {
  ort: require('onnxruntime-node') as OnnxRuntime,
  Float32Array,
  BigInt64Array,
  Uint8Array,
};

export const onnxRuntime: OnnxRuntime = realm.ort;

function mainRealm(): Realm | undefined {
  try {
    const mainModule = (runInThisContext('process') as NodeJS.Process).mainModule;
    const ort = mainModule?.require('onnxruntime-node') as OnnxRuntime | undefined;
    if (!ort) return undefined;
    return {
      ort,
      Float32Array: runInThisContext('Float32Array') as Float32ArrayConstructor,
      BigInt64Array: runInThisContext('BigInt64Array') as BigInt64ArrayConstructor,
      Uint8Array: runInThisContext('Uint8Array') as Uint8ArrayConstructor,
    };
  } catch {
    return undefined;
  }
}

export function realmFloat32(values: ArrayLike<number>): Float32Array {
  const out = new realm.Float32Array(values.length);
  out.set(values);
  return out;
}

export function realmInt64(values: ArrayLike<number>): BigInt64Array {
  const out = new realm.BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return out;
}

export function realmBytes(bytes: Uint8Array): Uint8Array {
  const out = new realm.Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}
