import { ChatbiError } from '@chatbi/contracts';

/**
 * Keeps the engine's explanation of a failure and drops what a reader does not need: the caret
 * drawings after "LINE n:" (the engine sometimes prints them twice) and line breaks.
 */
export function engineExplanation(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const withoutContext = raw.split(/\n\s*LINE \d+:/)[0];
  return withoutContext.replace(/\s*\n\s*/g, ' ').trim() || 'the engine gave no explanation';
}

export function timeoutError(timeoutMs: number): ChatbiError {
  return new ChatbiError(
    'QUERY_TIMEOUT',
    `the query ran longer than ${timeoutMs} ms and was stopped; narrow the time range or add filters`,
    { timeoutMs },
  );
}

/** Maps an engine failure while running a statement to an error the person asking can act on. */
export function toQueryError(error: unknown, timeoutMs: number): ChatbiError {
  if (error instanceof ChatbiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/^INTERRUPT Error/.test(message)) return timeoutError(timeoutMs);
  if (/read-only mode/i.test(message)) {
    return new ChatbiError('QUERY_FAILED', `the warehouse is read-only, only SELECT can run (${engineExplanation(error)})`);
  }
  return new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${engineExplanation(error)}`);
}

/** Maps a failure to open the database file to WAREHOUSE_UNAVAILABLE, naming the file and the likely cause. */
export function toOpenError(error: unknown, file: string, readOnly: boolean): ChatbiError {
  const message = error instanceof Error ? error.message : String(error);
  let cause: string;
  if (/database does not exist|No such file or directory/i.test(message)) {
    cause = readOnly
      ? 'the file does not exist (a read-only warehouse is never created; generate or copy the database first)'
      : 'the file or its directory does not exist';
  } else if (/not a valid DuckDB database file|Corrupt|checksum|unknown storage version|Serialization/i.test(message)) {
    cause = 'the file is not a valid DuckDB database (corrupt, truncated, or from an incompatible DuckDB version)';
  } else if (/Could not set lock|Conflicting lock/i.test(message)) {
    cause = 'another process holds a write lock on it; stop that process or give ChatBI a copy of the file';
  } else if (/Permission denied/i.test(message)) {
    cause = 'this process may not read it (permission denied)';
  } else {
    cause = engineExplanation(error);
  }
  return new ChatbiError('WAREHOUSE_UNAVAILABLE', `the DuckDB warehouse ${file} cannot be opened: ${cause}`, {
    file,
    engine: engineExplanation(error),
  });
}
