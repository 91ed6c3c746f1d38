import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * libs/contracts/proto/chatbi.proto, found from the source or from the compiled copy in dist/
 * (the .proto file is not compiled, so look upwards for the repository's copy).
 */
export function chatbiProtoPath(): string {
  let dir = __dirname;
  for (;;) {
    for (const candidate of [join(dir, 'proto', 'chatbi.proto'), join(dir, 'libs', 'contracts', 'proto', 'chatbi.proto')]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`chatbi.proto not found above ${__dirname}`);
    dir = parent;
  }
}
