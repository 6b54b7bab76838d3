import { pino, type Logger } from 'pino';

/** The levels `LOG_LEVEL` accepts (see config/env.ts). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * The process's structured logger: one JSON object per line on stdout, at the level
 * `LOG_LEVEL` names (info by default). Components take a child: `logger.child({ component })`.
 */
export const logger: Logger = pino({
  level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
