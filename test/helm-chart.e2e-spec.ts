import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Histogram, Registry } from 'prom-client';
import { parseAllDocuments, stringify } from 'yaml';
import { TransportMetrics } from '@chatbi/transport';
import { AnswerMetrics } from '../apps/dialogue/src/metrics/answer.metrics';
import { CatalogLoader } from '@chatbi/catalog';
import { startPostgresTestServer, type PostgresTestServer } from '../libs/catalog/src/persistence/testing/postgres-test-server';
import { configuredWarehouse, loadConfig, serviceWarehouse } from '../apps/chatbi/src/config/chatbi.config';
import { grpcTlsOf } from '../apps/chatbi/src/config/grpc-tls.config';
import { kafkaSecurityOf } from '../apps/chatbi/src/distributed/kafka-security.config';
import {
  DEFAULT_HTTP_PORTS,
  SERVICE_NAMES,
  distributedConfigSchema,
  loadDistributedConfig,
  type ServiceName,
} from '../apps/chatbi/src/distributed/distributed.config';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..');
const CHART = join(ROOT, 'helm', 'chatbi');
const TS_REGISTER = join(ROOT, 'apps', 'chatbi', 'src', 'distributed', 'testing', 'ts-register.js');
const ALL_TOGGLES = join(CHART, 'ci', 'all-toggles-values.yaml');
const EMBEDDED = join(CHART, 'ci', 'embedded-values.yaml');
/** The least a distributed install gives (Kafka's and PostgreSQL's addresses): every render starts from it. */
const MINIMAL = join(CHART, 'ci', 'distributed-values.yaml');
/** Variables the chart sets for the image rather than the services' config: the entrypoint's service, and HOME on the writable volume. */
const IMAGE_VARIABLES = ['CHATBI_SERVICE', 'HOME'];
/** The services that call Claude: the planner, and cascade-runner's oracle for semantic operators. */
const USES_CLAUDE = new Set(['json-planner', 'cascade-runner']);

// ---- Kubernetes objects, as much of them as the checks read ----
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
    configMapKeyRef?: unknown;
  };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: unknown[];
  ports?: { name: string; containerPort: number }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string; readOnly?: boolean }; configMap?: { name: string }; emptyDir?: object }[];
  securityContext?: { runAsNonRoot?: boolean };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

let helm: string;
let kubeconform: { bin: string; schemas: string };

function runHelm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(helm, args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * kubeconform -strict against the Kubernetes API's own schemas (scripts/helm/fetch-kubeconform.sh):
 * unknown fields, wrong types and missing required fields fail. ServiceMonitor and PrometheusRule
 * are Prometheus Operator's CRDs, which those schemas do not hold (promtool checks the rules).
 */
function validateManifests(yaml: string): { status: number | null; out: string } {
  const result = spawnSync(
    kubeconform.bin,
    ['-strict', '-summary', '-skip', 'ServiceMonitor,PrometheusRule', '-schema-location', join(kubeconform.schemas, '{{ .ResourceKind }}{{ .KindSuffix }}.json'), '-'],
    { input: yaml, encoding: 'utf8' },
  );
  return { status: result.status, out: result.stdout + result.stderr };
}

/** helm template over ci/distributed-values.yaml and the given values, every manifest checked by kubeconform. */
function render(args: string[] = [], release = 'chatbi'): Manifest[] {
  const result = runHelm(['template', release, CHART, '-f', MINIMAL, ...args]);
  if (result.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${result.stderr}`);
  const validation = validateManifests(result.stdout);
  expect({ args, ...validation }).toEqual({ args, status: 0, out: expect.stringMatching(/Invalid: 0, Errors: 0/) });
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in [${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}]`);
  return found;
}

function ofKind(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter((m) => m.kind === kind);
}

function podSpec(workload: Manifest): PodSpec {
  return workload.spec.template.spec as PodSpec;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function secretValue(secret: Manifest, key: string): string | undefined {
  if (secret.stringData?.[key] !== undefined) return secret.stringData[key];
  const encoded = secret.data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

/** The Secrets ci/all-toggles-values.yaml names but the chart does not create (the operator's own). */
const EXTERNAL_SECRETS: Record<string, Record<string, string>> = {
  'chatbi-kafka': { 'kafka-password': 'kafka pa$$word' },
  'chatbi-postgresql': { password: 'pg p@ss/word' },
};

/**
 * The environment a container would see, as Kubernetes would build it: literal values, the pod's
 * name, and Secret keys (from the rendered Secret, or `externalSecrets` standing in for existing ones).
 */
function environmentOf(container: Container, manifests: Manifest[], podName: string, externalSecrets: Record<string, Record<string, string>> = EXTERNAL_SECRETS): Record<string, string> {
  expect(container.envFrom).toBeUndefined();
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) {
      env[variable.name] = String(variable.value);
      continue;
    }
    const from = variable.valueFrom;
    if (from?.fieldRef) {
      expect(from.fieldRef.fieldPath).toBe('metadata.name');
      env[variable.name] = podName;
    } else if (from?.secretKeyRef) {
      const { name, key, optional } = from.secretKeyRef;
      const secret = manifests.find((m) => m.kind === 'Secret' && m.metadata.name === name);
      const value = secret ? secretValue(secret, key) : externalSecrets[name]?.[key];
      if (value !== undefined) env[variable.name] = value;
      else if (!optional) throw new Error(`${container.name}: ${variable.name} refers to ${name}/${key}, which does not exist`);
    } else {
      throw new Error(`${container.name}: ${variable.name} has no value the test understands`);
    }
  }
  return env;
}

function portOf(container: Container, port: string | number): number {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new Error(`${container.name} has no port named ${port}`);
  return named.containerPort;
}

/** Liveness (and start-up) only ask whether the process answers; readiness whether the service can work. */
function expectHealthProbes(container: Container, port: number): void {
  expect([container.startupProbe, container.readinessProbe, container.livenessProbe].map((p) => p?.httpGet?.path)).toEqual(['/health/live', '/health/ready', '/health/live']);
  for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) expect(portOf(container, probe!.httpGet!.port)).toBe(port);
}

/** The metric names ChatBI's /metrics can emit (a histogram's as its series), from the registries the services fill. */
function emittedMetricNames(): Set<string> {
  const registry = new Registry();
  new AnswerMetrics(registry);
  new TransportMetrics(registry);
  const names = new Set<string>();
  for (const metric of registry.getMetricsAsArray()) {
    const name = (metric as unknown as { name: string }).name;
    names.add(name);
    if (metric instanceof Histogram) for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** chatbi_* names in a PromQL expression (label values in quotes are not names). */
function metricNamesIn(expr: string): string[] {
  return [...new Set(expr.replace(/"[^"]*"/g, '""').match(/\bchatbi_[a-z_]+\b/g) ?? [])];
}

/** A pod name as a ReplicaSet makes them: <deployment>-<10-character hash>-<5 characters>. */
function podNameOf(deployment: Manifest): string {
  return `${deployment.metadata.name}-6d4cf56db6-x7k2p`;
}

/**
 * The environment with every file path that lies on a mounted Secret volume pointed at a
 * stand-in file holding "<secret name>/<key>", so that the config's readability checks run and a
 * path outside the mounts fails them.
 */
function onMountedSecrets(env: Record<string, string>, pod: PodSpec, container: Container): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-mounted-secrets-'));
  const out = { ...env };
  for (const mount of container.volumeMounts ?? []) {
    const secretName = (pod.volumes?.find((v) => v.name === mount.name) as { secret?: { secretName: string } } | undefined)?.secret?.secretName;
    if (!secretName) continue;
    expect(mount.readOnly).toBe(true);
    for (const [name, value] of Object.entries(env)) {
      if (!value.startsWith(`${mount.mountPath}/`)) continue;
      const key = value.slice(mount.mountPath.length + 1);
      const file = join(dir, name);
      writeFileSync(file, `${secretName}/${key}`);
      out[name] = file;
    }
  }
  return out;
}

/** Every string in the manifests except the Secrets': where an inlined secret would show. */
function nonSecretText(manifests: Manifest[]): string {
  return manifests
    .filter((m) => m.kind !== 'Secret')
    .map((m) => JSON.stringify(m))
    .join('\n');
}

beforeAll(() => {
  // Builds helm with the Go toolchain the first time (minutes); afterwards prints the cached binary.
  helm = execFileSync('bash', [join(ROOT, 'scripts', 'helm', 'fetch-helm.sh')], { encoding: 'utf8', timeout: 20 * 60_000 }).trim();
  const home = execFileSync('bash', [join(ROOT, 'scripts', 'helm', 'fetch-kubeconform.sh')], { encoding: 'utf8', timeout: 20 * 60_000 }).trim();
  kubeconform = { bin: join(home, 'kubeconform'), schemas: join(home, 'schemas') };
}, 40 * 60_000);

describe('helm chart helm/chatbi', () => {
  it('passes helm lint --strict with the least distributed values, embedded mode and every toggle on', () => {
    for (const values of [['-f', MINIMAL], ['-f', EMBEDDED], ['-f', ALL_TOGGLES]]) {
      const result = runHelm(['lint', CHART, '--strict', ...values]);
      expect({ values, status: result.status, out: result.stdout + result.stderr }).toEqual({ values, status: 0, out: expect.stringContaining('0 chart(s) failed') });
    }
  });

  it('refuses values the schema forbids, naming the value', () => {
    const cases: [string, RegExp][] = [
      ['kafka.brokers=kafka', /kafka\/brokers/],
      ['mode=cluster', /mode/],
      ['secrets.metadataUrl=mysql://db/chatbi', /metadataUrl/],
      ['servics.dialogue.replicaCount=2', /servics/],
      ['catalog.files.notes\\.txt=x', /notes\.txt/],
    ];
    for (const [set, message] of cases) {
      const result = runHelm(['template', 'chatbi', CHART, '--set', set]);
      expect({ set, status: result.status }).toEqual({ set, status: 1 });
      expect(result.stderr).toMatch(message);
    }
  });

  it('requires where Kafka and the metadata PostgreSQL are in distributed mode: no placeholder defaults', () => {
    const bare = runHelm(['template', 'chatbi', CHART]);
    expect(bare.status).toBe(1);
    expect(bare.stderr).toMatch(/kafka\.brokers is required in distributed mode/);
    const noDatabase = runHelm(['template', 'chatbi', CHART, '--set', 'kafka.brokers=kafka:9092']);
    expect(noDatabase.status).toBe(1);
    expect(noDatabase.stderr).toMatch(/the PostgreSQL metadata database is required: set externalDatabase\.host .*, secrets\.metadataUrl, or secrets\.existingSecret/);
    const noPassword = runHelm(['template', 'chatbi', CHART, '--set', 'kafka.brokers=kafka:9092', '--set', 'externalDatabase.host=pg']);
    expect(noPassword.stderr).toMatch(/externalDatabase\.existingSecret is required with externalDatabase\.host/);
    const noSaslSecret = runHelm(['template', 'chatbi', CHART, '-f', MINIMAL, '--set', 'kafka.securityProtocol=SASL_SSL', '--set', 'kafka.sasl.username=u']);
    expect(noSaslSecret.stderr).toMatch(/kafka\.sasl\.existingSecret is required with a SASL_\* kafka\.securityProtocol/);
    expect(runHelm(['template', 'chatbi', CHART, '--set', 'mode=embedded']).status).toBe(0);
  });

  it('kubeconform, as the render checks use it, refuses a manifest Kubernetes would refuse', () => {
    const result = runHelm(['template', 'chatbi', CHART, '-f', MINIMAL, '--show-only', 'templates/services-deployments.yaml']);
    expect(validateManifests(result.stdout).status).toBe(0);
    const unknownField = result.stdout.replace('revisionHistoryLimit: 5', 'revisionHistoryLimit: 5\n  revisionHistoryLimt: 5');
    expect(validateManifests(unknownField)).toEqual({ status: 1, out: expect.stringContaining("additional properties 'revisionHistoryLimt' not allowed") });
    const wrongType = result.stdout.replace(/containerPort: 3000/, 'containerPort: "3000"');
    expect(validateManifests(wrongType)).toEqual({ status: 1, out: expect.stringContaining('containerPort') });
  });

  describe('distributed mode, the least values (ci/distributed-values.yaml)', () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render();
    });

    it.each(SERVICE_NAMES)('%s: a Deployment whose environment passes the service config schema, live and ready probes on its http port', (service: ServiceName) => {
      const deployment = find(manifests, 'Deployment', `chatbi-${service}`);
      const pod = podSpec(deployment);
      const container = pod.containers.find((c) => c.name === service)!;
      expect(container).toBeDefined();
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(1);

      const env = environmentOf(container, manifests, podNameOf(deployment));
      expect(env.CHATBI_SERVICE).toBe(service);
      expect(existsSync(join(ROOT, 'apps', service, 'src', 'main.ts'))).toBe(true);
      // The same parse the service does at start: a required variable the chart does not set fails here.
      const config = loadDistributedConfig(service, env);
      const port = portOf(container, 'http');
      expect(port).toBe(DEFAULT_HTTP_PORTS[service]);
      expect(config.PORT).toBe(port);
      expect(config.HOST).toBe('0.0.0.0');
      expect(config.CHATBI_INSTANCE_ID).toBe(podNameOf(deployment));
      // Every variable the chart sets is one the service reads (no typos that silently do nothing).
      const known = new Set([...Object.keys(distributedConfigSchema.shape), ...IMAGE_VARIABLES]);
      expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
      expectHealthProbes(container, port);

      expect(deployment.spec.template.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      const writable = new Set(pod.volumes!.filter((v) => v.emptyDir).map((v) => v.name));
      expect(container.volumeMounts!.filter((m) => writable.has(m.name)).map((m) => m.mountPath).sort()).toEqual(['/data', '/tmp']);
      expect(config.CHATBI_DATA_DIR).toBe('/data');

      // Its Service selects exactly its own pods and exposes the HTTP port.
      const svc = find(manifests, 'Service', `chatbi-${service}`);
      for (const other of ofKind(manifests, 'Deployment')) {
        expect({ other: other.metadata.name, selected: selects(svc.spec.selector, other.spec.template.metadata.labels) }).toEqual({
          other: other.metadata.name,
          selected: other === deployment,
        });
      }
      expect(svc.spec.ports.find((p: { name: string }) => p.name === 'http').targetPort).toBe('http');
    });

    it('the check above fails when a required variable is missing', () => {
      const deployment = find(manifests, 'Deployment', 'chatbi-dialogue');
      const env = environmentOf(podSpec(deployment).containers[0], manifests, podNameOf(deployment));
      delete env.KAFKA_BROKERS;
      expect(() => loadDistributedConfig('dialogue', env)).toThrow(/KAFKA_BROKERS/);
    });

    it('has one partition count: values.yaml kafka.partitions is the services\' own default and reaches every service', () => {
      const values = parseAllDocuments(readFileSync(join(CHART, 'values.yaml'), 'utf8'))[0].toJS();
      const codeDefault = loadDistributedConfig('dialogue', { KAFKA_BROKERS: 'k:9092', CHATBI_METADATA_URL: 'postgres://h/db' }).CHATBI_KAFKA_PARTITIONS;
      expect(values.kafka.partitions).toBe(codeDefault);
      const scaled = render(['--set', 'kafka.partitions=24']);
      for (const service of SERVICE_NAMES) {
        const deployment = find(scaled, 'Deployment', `chatbi-${service}`);
        expect(loadDistributedConfig(service, environmentOf(podSpec(deployment).containers[0], scaled, podNameOf(deployment))).CHATBI_KAFKA_PARTITIONS).toBe(24);
      }
    });

    it('dialogue is the edge: HTTP and gRPC on its Service, gRPC on the port the service listens on', () => {
      const deployment = find(manifests, 'Deployment', 'chatbi-dialogue');
      const container = podSpec(deployment).containers[0];
      const config = loadDistributedConfig('dialogue', environmentOf(container, manifests, podNameOf(deployment)));
      expect(portOf(container, 'grpc')).toBe(config.GRPC_PORT);
      const svc = find(manifests, 'Service', 'chatbi-dialogue');
      expect(svc.spec.ports).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'http', port: 80, targetPort: 'http' }),
          expect.objectContaining({ name: 'grpc', port: config.GRPC_PORT, targetPort: 'grpc' }),
        ]),
      );
    });

    it('keeps secrets in the Secret: metadata URL to every service, the Anthropic key to the planner and the cascade oracle only', () => {
      const secret = find(manifests, 'Secret', 'chatbi-secrets');
      expect(secretValue(secret, 'CHATBI_METADATA_URL')).toMatch(/^postgres:\/\//);
      expect(secretValue(secret, 'ANTHROPIC_API_KEY')).toBeUndefined();
      for (const deployment of ofKind(manifests, 'Deployment')) {
        const container = podSpec(deployment).containers[0];
        const byName = new Map((container.env ?? []).map((e) => [e.name, e]));
        expect(byName.get('CHATBI_METADATA_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'chatbi-secrets', key: 'CHATBI_METADATA_URL' });
        const key = byName.get('ANTHROPIC_API_KEY');
        if (USES_CLAUDE.has(container.name)) expect(key?.valueFrom?.secretKeyRef).toEqual({ name: 'chatbi-secrets', key: 'ANTHROPIC_API_KEY', optional: true });
        else expect(key).toBeUndefined();
      }
      expect(nonSecretText(manifests)).not.toContain(secretValue(secret, 'CHATBI_METADATA_URL'));
    });

    it('cascade-runner generates the demo warehouse in an init container into the file it then queries', () => {
      const deployment = find(manifests, 'Deployment', 'chatbi-cascade-runner');
      const pod = podSpec(deployment);
      const env = environmentOf(pod.containers[0], manifests, podNameOf(deployment));
      const [init] = pod.initContainers!;
      expect(init.args!.slice(0, 3)).toEqual(['demo', '--file', env.CHATBI_WAREHOUSE_FILE]);
      expect(init.volumeMounts!.find((m) => m.name === 'data')!.mountPath).toBe('/data');
      expect(env.CHATBI_WAREHOUSE_FILE.startsWith('/data/')).toBe(true);
      // The CLI the init container runs knows these options.
      const help = spawnSync(process.execPath, ['-r', TS_REGISTER, join(ROOT, 'apps', 'chatbi', 'src', 'main.ts'), 'demo', '--help'], { encoding: 'utf8', cwd: ROOT });
      expect(help.status).toBe(0);
      for (const option of init.args!.filter((a) => a.startsWith('--'))) expect(help.stdout).toContain(option);
    });

    it('gives pods names short enough for the instance id, even with a long release name', () => {
      const long = render([], 'analytics-production-chatbi-release');
      for (const service of SERVICE_NAMES) {
        const deployment = ofKind(long, 'Deployment').find((d) => d.metadata.labels?.['app.kubernetes.io/component'] === service)!;
        const podName = podNameOf(deployment);
        const env = environmentOf(podSpec(deployment).containers[0], long, podName);
        expect(loadDistributedConfig(service, env).CHATBI_INSTANCE_ID).toBe(podName);
      }
    });

    it('uses an existing Secret by reference and renders none', () => {
      const rendered = render(['--set', 'secrets.existingSecret=chatbi-prod', '--set', 'secrets.metadataUrlKey=url']);
      expect(ofKind(rendered, 'Secret')).toEqual([]);
      const external = { 'chatbi-prod': { url: 'postgres://chatbi:pw@pg.prod:5432/chatbi', ANTHROPIC_API_KEY: 'sk-ant-test' } };
      for (const service of SERVICE_NAMES) {
        const deployment = find(rendered, 'Deployment', `chatbi-${service}`);
        const env = environmentOf(podSpec(deployment).containers[0], rendered, podNameOf(deployment), external);
        const config = loadDistributedConfig(service, env);
        expect(config.CHATBI_METADATA_URL).toBe(external['chatbi-prod'].url);
        expect(config.ANTHROPIC_API_KEY).toBe(USES_CLAUDE.has(service) ? 'sk-ant-test' : undefined);
      }
    });

    it('gives every service the warehouse URL from the Secret, so one dialect for all, and generates no demo', () => {
      const url = 'postgres://chatbi_reader:reader-pw@db.analytics:5432/sales';
      const rendered = render(['--set', `warehouse.url=${url}`]);
      expect(secretValue(find(rendered, 'Secret', 'chatbi-secrets'), 'CHATBI_WAREHOUSE_URL')).toBe(url);
      expect(nonSecretText(rendered)).not.toContain('reader-pw');
      const external = render(['--set', 'secrets.existingSecret=chatbi-prod', '--set', 'warehouse.urlFromSecret=true']);
      const secrets = { 'chatbi-prod': { CHATBI_METADATA_URL: 'postgres://chatbi:pw@pg.prod:5432/chatbi', CHATBI_WAREHOUSE_URL: 'mariadb://reader:pw@db:3306/shop' } };
      for (const [manifests, dialect] of [
        [rendered, 'postgres'],
        [external, 'mysql'],
      ] as const) {
        for (const service of SERVICE_NAMES) {
          const deployment = find(manifests, 'Deployment', `chatbi-${service}`);
          const pod = podSpec(deployment);
          const config = loadDistributedConfig(service, environmentOf(pod.containers[0], manifests, podNameOf(deployment), secrets));
          expect([service, serviceWarehouse(config).dialect]).toEqual([service, dialect]);
          expect(config.CHATBI_WAREHOUSE_FILE).toBeUndefined();
          expect(pod.initContainers).toBeUndefined();
        }
      }
      const embedded = render(['-f', EMBEDDED, '--set', `warehouse.url=${url}`]);
      const deployment = find(embedded, 'Deployment', 'chatbi-embedded');
      expect(configuredWarehouse(loadConfig(environmentOf(podSpec(deployment).containers[0], embedded, podNameOf(deployment))))).toMatchObject({ dialect: 'postgres', database: 'sales' });
      const refused = runHelm(['template', 'chatbi', CHART, '-f', MINIMAL, '--set', 'secrets.existingSecret=chatbi-prod', '--set', `warehouse.url=${url}`]);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/put the URL into that Secret under secrets\.warehouseUrlKey and set warehouse\.urlFromSecret/);
    });
  });

  describe('every toggle on (ci/all-toggles-values.yaml)', () => {
    let manifests: Manifest[];
    let values: any;
    beforeAll(() => {
      manifests = render(['-f', ALL_TOGGLES]);
      values = parseAllDocuments(readFileSync(ALL_TOGGLES, 'utf8'))[0].toJS();
    });

    it('renders each service with its environment valid, the secrets only in the Secret', () => {
      const known = new Set([...Object.keys(distributedConfigSchema.shape), ...IMAGE_VARIABLES, ...values.extraEnv.map((e: EnvVar) => e.name), 'NODE_OPTIONS']);
      for (const service of SERVICE_NAMES) {
        const deployment = find(manifests, 'Deployment', `chatbi-${service}`);
        const pod = podSpec(deployment);
        const env = environmentOf(pod.containers[0], manifests, podNameOf(deployment));
        expect({ service, unknown: Object.keys(env).filter((name) => !known.has(name)) }).toEqual({ service, unknown: [] });
        const config = loadDistributedConfig(service, onMountedSecrets(env, pod, pod.containers[0]));
        expect(config.KAFKA_BROKERS).toHaveLength(3);
        // Kafka over SASL_SSL: the password from its Secret, the CA and client certificate from Secrets mounted read-only.
        expect(kafkaSecurityOf(config)).toEqual({
          tls: { ca: 'kafka-ca/ca.crt', cert: 'chatbi-kafka-client/tls.crt', key: 'chatbi-kafka-client/tls.key' },
          sasl: { mechanism: 'SCRAM-SHA-512', username: 'chatbi', password: EXTERNAL_SECRETS['chatbi-kafka']['kafka-password'] },
        });
        // The metadata database of externalDatabase, its password from its own Secret.
        expect(config.CHATBI_METADATA_URL).toBe(`postgres://chatbi:${encodeURIComponent(EXTERNAL_SECRETS['chatbi-postgresql'].password)}@postgresql.databases:5432/chatbi?sslmode=verify-full`);
        // dialogue's gRPC API over mutual TLS from the kubernetes.io/tls Secret.
        const grpcTls = grpcTlsOf(config);
        if (service === 'dialogue') expect(grpcTls).toEqual({ cert: Buffer.from('chatbi-grpc-tls/tls.crt'), key: Buffer.from('chatbi-grpc-tls/tls.key'), clientCa: Buffer.from('chatbi-grpc-tls/ca.crt') });
        else expect(grpcTls).toBeUndefined();
        // extraVolumes and extraVolumeMounts reach every container.
        expect(pod.volumes).toEqual(expect.arrayContaining(values.extraVolumes));
        expect(pod.containers[0].volumeMounts).toEqual(expect.arrayContaining(values.extraVolumeMounts));
        expect(config.CHATBI_CATALOG_DIR).toBe('/etc/chatbi/catalog');
        expect(env.ANTHROPIC_API_KEY).toBe(USES_CLAUDE.has(service) ? values.secrets.anthropicApiKey : undefined);
        expect(env.CHATBI_ADMIN_TOKEN).toBe(service === 'view-advisor' ? values.secrets.adminToken : undefined);
        expect(config.CHATBI_AUDIT).toBe('required');
        // view-advisor purges the shared metadata database; the others leave it alone.
        const retention = [config.CHATBI_AUDIT_RETENTION_DAYS, config.CHATBI_CONVERSATION_RETENTION_DAYS, config.CHATBI_QUESTION_LOG_RETENTION_DAYS];
        expect({ service, retention: service === 'view-advisor' ? retention : env.CHATBI_AUDIT_RETENTION_DAYS }).toEqual({ service, retention: service === 'view-advisor' ? [365, 14, 60] : undefined });
        // The two small models: one shared, writable directory for the services that train them.
        const models = pod.volumes!.find((v) => v.persistentVolumeClaim?.claimName === values.models.existingClaim);
        if (service === 'dialogue' || service === 'view-selector') {
          const mount = pod.containers[0].volumeMounts!.find((m) => m.name === models?.name);
          expect(mount?.readOnly).toBeFalsy();
          expect(env.CHATBI_MODELS_DIR).toBe(mount!.mountPath);
        } else {
          expect(models).toBeUndefined();
          expect(env.CHATBI_MODELS_DIR).toBeUndefined();
        }
      }
      const text = nonSecretText(manifests);
      for (const secret of [values.secrets.anthropicApiKey, values.secrets.adminToken]) expect(text).not.toContain(secret);
      // externalDatabase needs no metadata URL in the chart's Secret.
      expect(secretValue(find(manifests, 'Secret', 'chatbi-secrets'), 'CHATBI_METADATA_URL')).toBeUndefined();
    });

    it('NetworkPolicies: one per service selecting exactly its pods; only the edge takes HTTP and gRPC from outside', () => {
      const policies = ofKind(manifests, 'NetworkPolicy');
      expect(policies.map((p) => p.metadata.name).sort()).toEqual(SERVICE_NAMES.map((s) => `chatbi-${s}`).sort());
      for (const deployment of ofKind(manifests, 'Deployment')) {
        const labels = deployment.spec.template.metadata.labels;
        const selecting = policies.filter((p) => selects(p.spec.podSelector.matchLabels, labels));
        expect(selecting.map((p) => p.metadata.name)).toEqual([deployment.metadata.name]);
        const [policy] = selecting;
        const container = podSpec(deployment).containers[0];
        for (const rule of policy.spec.ingress) for (const port of rule.ports) expect(portOf(container, port.port)).toBeGreaterThan(0);
        const fromOutside = policy.spec.ingress.filter((rule: { from?: unknown[] }) => JSON.stringify(rule.from) === JSON.stringify(values.networkPolicy.edgeFrom));
        if (deployment.metadata.name === 'chatbi-dialogue') expect(fromOutside.flatMap((r: { ports: { port: string }[] }) => r.ports.map((p) => p.port))).toEqual(['http', 'grpc']);
        else expect(fromOutside).toEqual([]);
        // Scrapes (metricsFrom) and this release's own pods reach the HTTP port of every service.
        expect(policy.spec.ingress[0]).toEqual({
          from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'chatbi', 'app.kubernetes.io/instance': 'chatbi' } } }, ...values.networkPolicy.metricsFrom],
          ports: [{ port: 'http', protocol: 'TCP' }],
        });
      }
      expect(ofKind(render(), 'NetworkPolicy')).toEqual([]);
      expect(ofKind(render(['-f', EMBEDDED, '--set', 'networkPolicy.enabled=true']), 'NetworkPolicy').map((p) => p.metadata.name)).toEqual(['chatbi-embedded']);
    });

    it('HPAs own the replica count of the services that enable them and target real Deployments', () => {
      const hpas = ofKind(manifests, 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(SERVICE_NAMES.filter((s) => s !== 'view-advisor').map((s) => `chatbi-${s}`).sort());
      for (const hpa of hpas) {
        const deployment = find(manifests, 'Deployment', hpa.spec.scaleTargetRef.name);
        expect(deployment.spec.replicas).toBeUndefined();
      }
      expect(find(manifests, 'HorizontalPodAutoscaler', 'chatbi-dialogue').spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
      expect(find(manifests, 'Deployment', 'chatbi-view-advisor').spec.replicas).toBe(1);
    });

    it('PodDisruptionBudgets select their own service, with per-service overrides', () => {
      const pdbs = ofKind(manifests, 'PodDisruptionBudget');
      expect(pdbs).toHaveLength(5);
      for (const pdb of pdbs) {
        const matching = ofKind(manifests, 'Deployment').filter((d) => selects(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels));
        expect(matching.map((d) => d.metadata.name)).toEqual([pdb.metadata.name]);
      }
      expect(find(manifests, 'PodDisruptionBudget', 'chatbi-dialogue').spec).toEqual(expect.objectContaining({ minAvailable: 2 }));
      expect(find(manifests, 'PodDisruptionBudget', 'chatbi-dialogue').spec.maxUnavailable).toBeUndefined();
    });

    it('the ServiceMonitor scrapes /metrics on the http port of all six services; the Ingress reaches dialogue', () => {
      const [monitor] = ofKind(manifests, 'ServiceMonitor');
      expect(monitor.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
      const scraped = ofKind(manifests, 'Service').filter((s) => selects(monitor.spec.selector.matchLabels, s.metadata.labels!));
      expect(scraped.map((s) => s.metadata.name).sort()).toEqual(SERVICE_NAMES.map((s) => `chatbi-${s}`).sort());
      for (const svc of scraped) expect(svc.spec.ports.map((p: { name: string }) => p.name)).toContain(monitor.spec.endpoints[0].port);
      expect(monitor.spec.endpoints[0].path).toBe('/metrics');

      const [ingress] = ofKind(manifests, 'Ingress');
      const backend = ingress.spec.rules[0].http.paths[0].backend.service;
      expect(backend).toEqual({ name: 'chatbi-dialogue', port: { name: 'http' } });
      expect(ingress.spec.tls[0].secretName).toBe('chatbi-tls');
    });

    it('alert rules pass promtool and name only metrics ChatBI emits; none is rendered by default', () => {
      const [rule] = ofKind(manifests, 'PrometheusRule');
      expect(rule.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
      const dir = mkdtempSync(join(tmpdir(), 'chatbi-rules-'));
      try {
        const file = join(dir, 'rules.yaml');
        writeFileSync(file, stringify({ groups: rule.spec.groups }));
        const checked = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
        expect({ status: checked.status, output: `${checked.stdout}${checked.stderr}` }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS: 5 rules found') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const emitted = emittedMetricNames();
      const exprs: string[] = rule.spec.groups.flatMap((g: { rules: { expr: string }[] }) => g.rules.map((r) => r.expr));
      for (const expr of exprs) for (const name of metricNamesIn(expr)) expect({ expr, name, emitted: emitted.has(name) }).toEqual({ expr, name, emitted: true });
      expect(exprs.flatMap(metricNamesIn)).toEqual(expect.arrayContaining(['chatbi_answers_total', 'chatbi_answer_duration_seconds_bucket', 'chatbi_kafka_consumer_lag']));
      expect(ofKind(render(), 'PrometheusRule')).toEqual([]);
    });

    it('the Grafana dashboard is valid JSON whose queries name only metrics ChatBI emits; none is rendered by default', () => {
      const [configMap] = ofKind(manifests, 'ConfigMap').filter((c) => c.metadata.name === 'chatbi-dashboard');
      expect(configMap.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
      const dashboard = JSON.parse(configMap.data!['chatbi.json']);
      const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
      const emitted = emittedMetricNames();
      for (const expr of exprs) for (const name of metricNamesIn(expr)) expect({ expr, name, emitted: emitted.has(name) }).toEqual({ expr, name, emitted: true });
      expect(new Set(exprs.flatMap(metricNamesIn))).toEqual(new Set(['chatbi_answers_total', 'chatbi_answer_duration_seconds_bucket', 'chatbi_stage_duration_seconds_bucket', 'chatbi_kafka_consumer_lag', 'chatbi_bus_consumer_joined']));
      expect(ofKind(render(), 'ConfigMap').filter((c) => c.metadata.name === 'chatbi-dashboard')).toEqual([]);
    });

    it('mounts the catalog ConfigMap unchanged (it loads as a catalog) and rolls pods when it changes', () => {
      const configMap = find(manifests, 'ConfigMap', 'chatbi-catalog');
      expect(configMap.data).toEqual(values.catalog.files);
      const dir = mkdtempSync(join(tmpdir(), 'chatbi-helm-catalog-'));
      try {
        for (const [file, text] of Object.entries(configMap.data!)) writeFileSync(join(dir, file), text);
        const catalog = new CatalogLoader().loadDirectory(dir);
        expect(catalog.views.map((v) => v.name)).toEqual(['orders_daily']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const checksum = (m: Manifest[]) => find(m, 'Deployment', 'chatbi-view-advisor').spec.template.metadata.annotations['checksum/catalog'];
      const changed = render(['-f', ALL_TOGGLES, '--set-string', 'catalog.files.orders-daily\\.yaml=version: 1']);
      expect(checksum(manifests)).toMatch(/^[0-9a-f]{64}$/);
      expect(checksum(changed)).not.toBe(checksum(manifests));
    });

    it('cascade-runner reads the warehouse file from the claim, read-only, with no demo generation', () => {
      const deployment = find(manifests, 'Deployment', 'chatbi-cascade-runner');
      const pod = podSpec(deployment);
      expect(pod.initContainers).toBeUndefined();
      const volume = pod.volumes!.find((v) => v.persistentVolumeClaim)!;
      expect(volume.persistentVolumeClaim).toEqual({ claimName: 'chatbi-warehouse', readOnly: true });
      const mount = pod.containers[0].volumeMounts!.find((m) => m.name === volume.name)!;
      expect(mount.readOnly).toBe(true);
      const env = environmentOf(pod.containers[0], manifests, podNameOf(deployment));
      expect(env.CHATBI_WAREHOUSE_FILE).toBe(`${mount.mountPath}/shop.duckdb`);
    });

    it('only cascade-runner mounts the trained proxies, read-only, and the oracle labels folder, writable, and points its settings at them', () => {
      for (const service of SERVICE_NAMES) {
        const deployment = find(manifests, 'Deployment', `chatbi-${service}`);
        const pod = podSpec(deployment);
        const volume = pod.volumes!.find((v) => v.persistentVolumeClaim?.claimName === 'chatbi-proxies');
        const labels = pod.volumes!.find((v) => v.persistentVolumeClaim?.claimName === 'chatbi-oracle-labels');
        const env = environmentOf(pod.containers[0], manifests, podNameOf(deployment));
        if (service !== 'cascade-runner') {
          expect({ service, volume, labels, env: [env.CHATBI_SEMANTIC_PROXIES, env.CHATBI_SEMANTIC_LABELS_DIR] }).toEqual({ service, volume: undefined, labels: undefined, env: [undefined, undefined] });
          continue;
        }
        expect(volume!.persistentVolumeClaim!.readOnly).toBe(true);
        const mount = pod.containers[0].volumeMounts!.find((m) => m.name === volume!.name)!;
        expect(mount.readOnly).toBe(true);
        expect(env.CHATBI_SEMANTIC_PROXIES).toBe(`${mount.mountPath}/team/proxies.yaml`);
        expect(labels!.persistentVolumeClaim!.readOnly).toBeFalsy();
        const labelsMount = pod.containers[0].volumeMounts!.find((m) => m.name === labels!.name)!;
        expect(labelsMount.readOnly).toBeFalsy();
        expect(env.CHATBI_SEMANTIC_LABELS_DIR).toBe(labelsMount.mountPath);
        const config = loadDistributedConfig(service, onMountedSecrets(env, pod, pod.containers[0]));
        expect([config.CHATBI_SEMANTIC_PROXIES, config.CHATBI_SEMANTIC_LABELS_DIR]).toEqual([env.CHATBI_SEMANTIC_PROXIES, env.CHATBI_SEMANTIC_LABELS_DIR]);
      }
    });

    describe('the migrations hook Job', () => {
      let postgres: PostgresTestServer | undefined;
      afterAll(async () => {
        await postgres?.stop();
      });

      it('runs pre-upgrade (pre-install too only with an existing Secret) and migrates a real PostgreSQL', async () => {
        const job = find(manifests, 'Job', 'chatbi-migrations');
        expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-upgrade');
        const withExisting = render(['-f', ALL_TOGGLES, '--set', 'secrets.existingSecret=chatbi-prod']);
        expect(find(withExisting, 'Job', 'chatbi-migrations').metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');

        // Run the Job's command as the image would, on the sources instead of dist/.
        const [container] = podSpec(job).containers;
        const [node, flag, script] = container.command!;
        expect([node, flag]).toEqual(['node', '-e']);
        const compiled = ['./dist/apps/chatbi/src/distributed/metadata-database.js', './dist/apps/chatbi/src/config/metadata-url.js'];
        for (const file of compiled) expect(script).toContain(file);
        const fromSource = compiled.reduce((text, file) => text.replace(file, file.replace('./dist/', './').replace(/\.js$/, '.ts')), script);
        postgres = await startPostgresTestServer();
        const env = environmentOf(container, manifests, 'chatbi-migrations-abcde');
        const run = spawnSync(process.execPath, ['-r', TS_REGISTER, '-e', fromSource], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, ...env, CHATBI_METADATA_URL: postgres.url },
        });
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
        expect(run.stdout).toContain('metadata schema up to date');
        const client = new Client({ connectionString: postgres.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations');
          expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['CreateMessageReceipt1730000000200', 'CreateConversationTurn1730000000500']));
        } finally {
          await client.end();
        }
      });
    });
  });

  describe('embedded mode (ci/embedded-values.yaml)', () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render(['-f', EMBEDDED]);
    });

    it('is one pod running `chatbi serve` whose environment passes the embedded config schema', () => {
      const deployments = ofKind(manifests, 'Deployment');
      expect(deployments.map((d) => d.metadata.name)).toEqual(['chatbi-embedded']);
      const [deployment] = deployments;
      expect(deployment.spec.replicas).toBe(1);
      const container = podSpec(deployment).containers[0];
      expect(container.args).toEqual(['serve']);
      const env = environmentOf(container, manifests, podNameOf(deployment));
      expect(env.CHATBI_SERVICE).toBe('chatbi');
      const config = loadConfig(env);
      expect(config).toMatchObject({ HOST: '0.0.0.0', PORT: portOf(container, 'http'), CHATBI_DATA_DIR: '/data', CHATBI_CORS_ORIGINS: ['https://superset.example.com'] });
      expect(config.CHATBI_METADATA_URL).toBeUndefined();
      expect(Object.keys(env).filter((name) => name.startsWith('KAFKA'))).toEqual([]);
      expectHealthProbes(container, config.PORT);
      expect(ofKind(manifests, 'Secret')).toEqual([]);
    });

    it('keeps the data dir on its claim; the Service and Ingress reach the pod', () => {
      const deployment = find(manifests, 'Deployment', 'chatbi-embedded');
      const claim = find(manifests, 'PersistentVolumeClaim', 'chatbi-embedded');
      const data = podSpec(deployment).volumes!.find((v) => v.name === 'data')!;
      expect(data.persistentVolumeClaim!.claimName).toBe(claim.metadata.name);
      expect(deployment.spec.strategy.type).toBe('Recreate');
      const svc = find(manifests, 'Service', 'chatbi-embedded');
      expect(selects(svc.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
      const [ingress] = ofKind(manifests, 'Ingress');
      expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'chatbi-embedded', port: { name: 'http' } });
    });
  });

  it('NOTES.txt renders for every value set and says what is still a placeholder', () => {
    // helm template skips NOTES.txt and helm install needs a cluster: render it as a named template
    // in a copy of the chart.
    const copy = mkdtempSync(join(tmpdir(), 'chatbi-helm-notes-'));
    try {
      cpSync(CHART, join(copy, 'chatbi'), { recursive: true });
      const templates = join(copy, 'chatbi', 'templates');
      writeFileSync(join(templates, '_notes-preview.tpl'), `{{- define "notes-preview" }}${readFileSync(join(templates, 'NOTES.txt'), 'utf8')}{{- end }}`);
      writeFileSync(join(templates, 'notes-preview.yaml'), 'notes: {{ include "notes-preview" . | toJson }}\n');
      const notes = (args: string[]) => {
        const result = runHelm(['template', 'chatbi', join(copy, 'chatbi'), '-n', 'analytics', '--show-only', 'templates/notes-preview.yaml', '-f', MINIMAL, ...args]);
        expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
        return (parseAllDocuments(result.stdout)[0].toJS() as { notes: string }).notes;
      };
      const defaults = notes([]);
      expect(defaults).toContain('Kafka brokers:    kafka:9092 (PLAINTEXT; topics chatbi.* are created on first start with 4 partitions)');
      expect(defaults).toContain('port-forward service/chatbi-dialogue 3000:80');
      const toggles = notes(['-f', ALL_TOGGLES]);
      expect(toggles).not.toContain('WARNING');
      expect(toggles).toContain('Metadata:         PostgreSQL postgresql.databases:5432/chatbi, password from Secret chatbi-postgresql');
      expect(toggles).toContain('svc:50051 over TLS, client certificates required');
      expect(toggles).toContain('curl -s https://chatbi.example.com/api/ask');
      expect(toggles).toContain('{"question":"revenue by shop over the last 7 days"}');
      expect(notes(['-f', EMBEDDED])).toContain('rollout status deployment/chatbi-embedded');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('k8s/ holds what scripts/helm/render-k8s.sh renders now', () => {
    const out = mkdtempSync(join(tmpdir(), 'chatbi-k8s-'));
    try {
      execFileSync('bash', [join(ROOT, 'scripts', 'helm', 'render-k8s.sh'), out], { env: { ...process.env, HELM: helm }, encoding: 'utf8' });
      const committed = join(ROOT, 'k8s');
      const rendered = readdirSync(out).sort();
      expect(rendered.length).toBeGreaterThan(0);
      expect(readdirSync(committed).filter((f) => f.endsWith('.yaml')).sort()).toEqual(rendered);
      for (const file of rendered) {
        expect({ file, upToDate: readFileSync(join(committed, file), 'utf8') === readFileSync(join(out, file), 'utf8') }).toEqual({ file, upToDate: true });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('the image runs every service the chart names and refuses others', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const entrypointLine = dockerfile.split('\n').find((l) => l.startsWith('ENTRYPOINT '))!;
    const entrypoint = JSON.parse(entrypointLine.slice('ENTRYPOINT '.length)) as string[];
    const named = new Set<string>();
    for (const manifests of [render(), render(['-f', EMBEDDED])]) {
      for (const workload of ofKind(manifests, 'Deployment')) {
        const pod = podSpec(workload);
        for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
          const service = container.env!.find((e) => e.name === 'CHATBI_SERVICE')!.value!;
          named.add(service);
          expect(existsSync(join(ROOT, 'apps', service, 'src', 'main.ts'))).toBe(true);
        }
      }
    }
    expect([...named].sort()).toEqual(['chatbi', ...SERVICE_NAMES].sort());
    // The entrypoint's own check, run by sh: a known service reaches node, an unknown one is refused.
    const [shell, flag, script, argv0] = entrypoint;
    const refused = spawnSync(shell, [flag, script, argv0], { env: { CHATBI_SERVICE: 'planner' }, encoding: 'utf8' });
    expect(refused.status).toBe(64);
    expect(refused.stderr).toContain('CHATBI_SERVICE must be one of');
    const fakeNode = mkdtempSync(join(tmpdir(), 'chatbi-fake-node-'));
    try {
      writeFileSync(join(fakeNode, 'node'), '#!/bin/sh\necho "node $*"\n', { mode: 0o755 });
      for (const service of named) {
        const ran = spawnSync(shell, [flag, script, argv0, 'serve'], { env: { CHATBI_SERVICE: service, PATH: `${fakeNode}:/usr/bin:/bin` }, encoding: 'utf8' });
        expect(ran.stdout.trim()).toBe(`node dist/apps/${service}/src/main.js serve`);
      }
    } finally {
      rmSync(fakeNode, { recursive: true, force: true });
    }
  });
});
