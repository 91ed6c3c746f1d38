import { ChatbiError } from '@chatbi/contracts';
import { timeoutError } from '../duckdb/duckdb-error.mapper';

interface MySqlError {
  code?: string;
  errno?: number;
  message?: string;
  fatal?: boolean;
}

const TIMEOUT_ERRNOS = new Set([1969, 3024, 1317, 1028]);
const UNAVAILABLE_ERRNOS = new Set([1040, 1044, 1045, 1049, 1129, 1130, 1203, 2002, 2003, 2006, 2013]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'POOL_CLOSED',
]);

/** Maps a failure while running a statement to an error the person asking can act on. */
export function toMySqlQueryError(error: unknown, timeoutMs: number, server: string): ChatbiError {
  if (error instanceof ChatbiError) return error;
  const { code, errno, message = String(error) } = (error ?? {}) as MySqlError;
  if (errno !== undefined && TIMEOUT_ERRNOS.has(errno)) return timeoutError(timeoutMs);
  if (errno === 1792) return new ChatbiError('QUERY_FAILED', `the warehouse is read-only, only SELECT can run (${message})`);
  if ((errno !== undefined && UNAVAILABLE_ERRNOS.has(errno)) || (code && UNAVAILABLE_CODES.has(code))) return unavailable(server, message);
  return new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${message.replace(/\s*\n\s*/g, ' ')}`);
}

/** A failure to reach the server: WAREHOUSE_UNAVAILABLE, naming the server (never the password). */
export function toMySqlOpenError(error: unknown, server: string): ChatbiError {
  if (error instanceof ChatbiError) return error;
  return unavailable(server, (error as MySqlError)?.message ?? String(error));
}

function unavailable(server: string, cause: string): ChatbiError {
  return new ChatbiError('WAREHOUSE_UNAVAILABLE', `the MySQL warehouse ${server} cannot be reached: ${cause}`, { server });
}
