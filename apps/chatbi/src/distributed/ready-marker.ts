/** The line a service prints on stdout when it is serving, followed by JSON: service, instance, pid, ports. */
export const READY_MARKER = 'chatbi-service-ready';

/** The line a service prints when HTTP (probes, /metrics) listens, before it joins its consumer groups; the same JSON follows. */
export const LISTENING_MARKER = 'chatbi-service-listening';
