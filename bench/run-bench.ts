import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench -- <name> [args]` runs bench/<name>/<name>.bench.ts, whose `run(args)` prints a
 * table and writes bench/results/<name>.json.
 */
async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const module = name ? join(__dirname, name, `${name}.bench.js`) : '';
  if (!name || !existsSync(module)) {
    process.stderr.write(`usage: npm run bench -- <name>; names are the folders of bench/ with a <name>.bench.ts\n`);
    process.exit(2);
  }
  const bench = (await import(module)) as { run(args: string[]): Promise<void> };
  await bench.run(args);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
