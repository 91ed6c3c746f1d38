import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelCardSchema, type ModelCard, type ModelKind } from '../model-card';
import { sha256 } from '../sha256';

/** Why a cached model cannot be used. */
export class ModelFileProblem extends Error {
  constructor(
    readonly kind: 'missing' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The model cache on disk: <kind>.onnx and its card <kind>.card.json. Files are written under a
 * temporary name and renamed, so a crash mid-write leaves the previous model or none, never half.
 */
export class ModelFiles {
  constructor(readonly dir: string) {}

  onnxPath(kind: ModelKind): string {
    return join(this.dir, `${kind}.onnx`);
  }

  cardPath(kind: ModelKind): string {
    return join(this.dir, `${kind}.card.json`);
  }

  write(kind: ModelKind, onnx: Uint8Array, card: ModelCard): void {
    mkdirSync(this.dir, { recursive: true });
    atomicWrite(this.onnxPath(kind), onnx);
    atomicWrite(this.cardPath(kind), `${JSON.stringify(card, null, 2)}\n`);
  }

  /** The card and model bytes; throws ModelFileProblem when either is missing or they do not match. */
  read(kind: ModelKind): { card: ModelCard; onnx: Uint8Array } {
    const cardPath = this.cardPath(kind);
    const onnxPath = this.onnxPath(kind);
    if (!existsSync(cardPath) || !existsSync(onnxPath)) throw new ModelFileProblem('missing', `no cached ${kind} model in ${this.dir}`);
    let card: ModelCard;
    try {
      const parsed = modelCardSchema.safeParse(JSON.parse(readFileSync(cardPath, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues[0].message);
      card = parsed.data;
    } catch (error) {
      throw new ModelFileProblem('corrupt', `${cardPath} is not a model card (${(error as Error).message})`);
    }
    const onnx = new Uint8Array(readFileSync(onnxPath));
    if (onnx.length !== card.onnx.bytes || sha256(onnx) !== card.onnx.sha256) {
      throw new ModelFileProblem('corrupt', `${onnxPath} does not match its card (size or sha256 differs)`);
    }
    return { card, onnx };
  }
}

function atomicWrite(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
