/** The line a service prints on stdout when it is serving, followed by JSON: service, instance, pid, ports. */
export const READY_MARKER = 'chatbi-service-ready';
