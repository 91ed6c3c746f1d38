import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';

export const LOG_FORMATS = ['auto', 'json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** auto: JSON lines unless stdout is a terminal (a log collector reads them), text with colour on a terminal. */
export function resolvesToJson(format: LogFormat, isTerminal: boolean): boolean {
  return format === 'json' || (format === 'auto' && !isTerminal);
}

/** The process's logger: JSON or text, colour only on a terminal (and never with NO_COLOR). */
export function createAppLogger(format: LogFormat, logLevels: LogLevel[], isTerminal = process.stdout.isTTY === true): ConsoleLogger {
  const json = resolvesToJson(format, isTerminal);
  return new ConsoleLogger({ json, colors: !json && isTerminal && !process.env.NO_COLOR, logLevels });
}

/** Makes every Logger of the process (also those created before Nest starts) write through the app logger. */
export function useAppLogger(format: LogFormat, logLevels: LogLevel[]): ConsoleLogger {
  const logger = createAppLogger(format, logLevels);
  Logger.overrideLogger(logger);
  return logger;
}
