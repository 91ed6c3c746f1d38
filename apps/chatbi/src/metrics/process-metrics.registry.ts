import { Registry, collectDefaultMetrics } from 'prom-client';

let registry: Registry | undefined;

/** One registry per process for the embedded app: default metrics may be collected only once into it. */
export function processMetricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'chatbi_' });
  }
  return registry;
}
