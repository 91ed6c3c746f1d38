import { join } from 'node:path';
import { findAncestorWith } from './find-ancestor';

const PROTO = join('libs', 'contracts', 'proto', 'chatbi.proto');

/**
 * libs/contracts/proto/chatbi.proto, found from the source or from the compiled copy in dist/
 * (the .proto file is not compiled, so look upwards for the repository's copy).
 */
export function chatbiProtoPath(): string {
  const beside = findAncestorWith(__dirname, join('proto', 'chatbi.proto'));
  if (beside) return join(beside, 'proto', 'chatbi.proto');
  const root = findAncestorWith(__dirname, PROTO);
  if (!root) throw new Error(`chatbi.proto not found above ${__dirname}`);
  return join(root, PROTO);
}
