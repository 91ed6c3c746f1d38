import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';
import { createInterface } from 'node:readline';
import { LISTENING_MARKER, READY_MARKER } from '../ready-marker';
import { SERVICE_NAMES, type ServiceName } from '../distributed.config';

/**
 * A service starts in seconds; on 2 shared cores, compiling its sources and (dialogue, view-selector)
 * training the small models while other tests run can take over a minute.
 */
const DEFAULT_START_TIMEOUT_MS = 180_000;

export interface ServiceProcess {
  name: ServiceName;
  instance: string;
  pid: number;
  ports: Record<string, number>;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<number | string>;
  child: ChildProcess;
}

export interface ServiceClusterOptions {
  /** Environment of every service: KAFKA_BROKERS, CHATBI_METADATA_URL, CHATBI_WAREHOUSE_FILE, ... */
  env: Record<string, string>;
  /** Where each process's output goes (one file per start). */
  logDir: string;
  /** Run the TypeScript sources (tests) rather than the build in dist/ (benchmarks). */
  fromSource: boolean;
  /** Default DEFAULT_START_TIMEOUT_MS. */
  startTimeoutMs?: number;
  /** Extra flags for every service's node, e.g. --cpu-prof for a benchmark's profile. */
  nodeArgs?: string[];
}

/**
 * The six services as separate processes, as a test or a benchmark runs them: started with their
 * own ports (PORT=0, GRPC_PORT=0) and waited on until they print that they are serving; stopped by
 * signal, SIGTERM for a graceful drain, SIGKILL for a crash.
 */
export class ServiceCluster {
  readonly root = repositoryRoot();
  private readonly running = new Map<ServiceName, ServiceProcess>();
  private starts = 0;

  constructor(private readonly options: ServiceClusterOptions) {
    mkdirSync(options.logDir, { recursive: true });
  }

  async startAll(names: readonly ServiceName[] = SERVICE_NAMES): Promise<void> {
    await Promise.all(names.map((name) => this.start(name)));
  }

  get(name: ServiceName): ServiceProcess {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service;
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.get(name).ports.http}`;
  }

  /**
   * until: 'ready' (default) waits for the service to serve; 'listening' only for its HTTP port
   * (probes, /metrics), e.g. for a service that waits for its warehouse before it joins its groups.
   */
  async start(name: ServiceName, extraEnv: Record<string, string> = {}, until: 'ready' | 'listening' = 'ready'): Promise<ServiceProcess> {
    const n = ++this.starts;
    const instance = `${name}-${n}`;
    const entry = this.options.fromSource
      ? ['-r', join(__dirname, 'ts-register.js'), join(this.root, 'apps', name, 'src', 'main.ts')]
      : [join(this.root, 'dist', 'apps', name, 'src', 'main.js')];
    if (!this.options.fromSource && !existsSync(entry[0])) throw new Error(`${entry[0]} is missing: run npm run build first`);
    const log = join(this.options.logDir, `${instance}.log`);
    const out = createWriteStream(log);
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), ...entry], {
      cwd: this.root,
      env: {
        ...process.env,
        PORT: '0',
        GRPC_PORT: '0',
        HOST: '127.0.0.1',
        CHATBI_INSTANCE_ID: instance,
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        NO_COLOR: '1',
        ...this.options.env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.pipe(out);
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${instance} did not start within ${this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS} ms; see ${log}`)), this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        out.write(`${line}\n`);
        const marker = until === 'ready' ? READY_MARKER : LISTENING_MARKER;
        if (line.startsWith(marker)) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(marker.length)) as Record<string, unknown>);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${instance} exited (${code}) while starting; see ${log}`));
      });
    });
    const info = await ready;
    const service: ServiceProcess = { name, instance, pid: child.pid!, ports: info.ports as Record<string, number>, exited, child };
    this.running.set(name, service);
    void exited.then(() => {
      if (this.running.get(name) === service) this.running.delete(name);
    });
    return service;
  }

  /** SIGKILL: the process dies mid-work, as in a crash. */
  async kill(name: ServiceName): Promise<void> {
    const service = this.get(name);
    service.child.kill('SIGKILL');
    await service.exited;
  }

  /** SIGTERM: the service drains and exits; resolves with its exit code. */
  async terminate(name: ServiceName): Promise<number | string> {
    const service = this.get(name);
    service.child.kill('SIGTERM');
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 30_000);
    const code = await service.exited;
    clearTimeout(timer);
    return code;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.terminate(name).catch(() => undefined)));
  }
}

function repositoryRoot(): string {
  const root = findAncestorWith(__dirname, 'nest-cli.json');
  if (!root) throw new Error(`no repository above ${__dirname}`);
  return root;
}
