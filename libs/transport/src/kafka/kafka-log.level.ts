import { logLevel } from 'kafkajs';

export type BusLogLevel = 'debug' | 'warn' | 'error';

/**
 * Retriable broker answers that a fresh broker (still electing leaders and loading the consumer
 * offsets topic) or a rebalance gives for a while; kafkajs retries them and logs each as an error.
 */
const TRANSIENT_BROKER_STATES = [
  /coordinator (is )?not available/i,
  /not (the )?coordinator/i,
  /coordinator (is )?load(ing)? in progress/i,
  /leader(ship)? (is )?not available/i,
  /no leader for this topic-partition/i,
  /does not host this topic-partition/i,
  /rebalance in progress/i,
  /group is rebalancing/i,
];

export interface KafkaLogLine {
  level: number;
  message: string;
  error?: unknown;
}

/**
 * The level a kafkajs log line is written at here: transient broker states at debug (they resolve
 * themselves; a consumer that stays out of its group is reported by the bus), and everything while
 * the bus is still connecting (each connection attempt is logged once, by the caller, at warn).
 */
export function kafkaLogLevel(line: KafkaLogLine, connecting: boolean): BusLogLevel {
  if (connecting) return 'debug';
  const text = `${line.message} ${typeof line.error === 'string' ? line.error : ''}`;
  if (TRANSIENT_BROKER_STATES.some((state) => state.test(text))) return 'debug';
  return line.level === logLevel.ERROR ? 'error' : line.level === logLevel.WARN ? 'warn' : 'debug';
}
