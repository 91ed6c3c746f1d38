import { ChatbiError } from '@chatbi/contracts';
import { timeoutError } from '../duckdb/duckdb-error.mapper';

interface PgError {
  code?: string;
  message?: string;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE',
  '28000', '28P01', '3D000', '53300', '57P01', '57P02', '57P03',
]);

/** Maps a failure while running a statement to an error the person asking can act on. */
export function toPostgresQueryError(error: unknown, timeoutMs: number, server: string): ChatbiError {
  if (error instanceof ChatbiError) return error;
  const { code, message = String(error) } = (error ?? {}) as PgError;
  if (code === '57014') return timeoutError(timeoutMs);
  if (code === '25006') return new ChatbiError('QUERY_FAILED', `the warehouse is read-only, only SELECT can run (${message})`);
  if (/multiple commands/.test(message)) {
    return new ChatbiError('QUERY_FAILED', 'the warehouse runs one statement at a time: multiple statements are refused');
  }
  // 08P01 is a protocol violation of this statement (say, too few parameters), not a lost connection.
  if ((code && (UNAVAILABLE_CODES.has(code) || (code.startsWith('08') && code !== '08P01'))) || /Connection terminated|connection timeout/i.test(message)) {
    return unavailable(server, message);
  }
  return new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${message.replace(/\s*\n\s*/g, ' ')}`);
}

/** A failure to reach the server: WAREHOUSE_UNAVAILABLE, naming the server (never the password). */
export function toPostgresOpenError(error: unknown, server: string): ChatbiError {
  if (error instanceof ChatbiError) return error;
  return unavailable(server, (error as PgError)?.message ?? String(error));
}

function unavailable(server: string, cause: string): ChatbiError {
  return new ChatbiError('WAREHOUSE_UNAVAILABLE', `the PostgreSQL warehouse ${server} cannot be reached: ${cause}`, { server });
}
