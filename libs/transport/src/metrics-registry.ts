/** The process's prom-client Registry, which /metrics serves; services add their metrics to it. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
