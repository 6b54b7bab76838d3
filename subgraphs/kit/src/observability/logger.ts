import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context.js';

/** The levels `LOG_LEVEL` accepts (see config/env.ts). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The level `value` (LOG_LEVEL) names, or info. The process logger exists before the
 * configuration is parsed (modules log while loading), so a bad value must not throw
 * here: parseConfig reports it a moment later.
 */
export function logLevelFrom(value: string | undefined = process.env.LOG_LEVEL): string {
  return value !== undefined && LEVELS.includes(value) ? value : 'info';
}

export interface LoggerOptions {
  /** Default: LOG_LEVEL from the environment, else info. */
  level?: string;
  /** Where the JSON lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** Fields on every line besides pid, e.g. `{ service: 'gateway' }`. */
  base?: Record<string, unknown>;
}

/**
 * The current request's id (and trace, when one is recorded) on every line written while
 * serving it: lines from the gateway and the subgraphs of one request share its id.
 */
function requestFields(): Record<string, string> {
  const context = currentRequestContext();
  if (!context) return {};
  const fields: Record<string, string> = { requestId: context.requestId };
  if (context.traceId) fields.traceId = context.traceId;
  if (context.spanId) fields.spanId = context.spanId;
  return fields;
}

/**
 * A structured logger: one JSON object per line, `level` as its name, an ISO time, and the
 * current request's id (see request-context.ts). Components take a child:
 * `logger.child({ component })`, and log fields, not concatenated strings.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: logLevelFrom(options.level),
    base: { pid: process.pid, ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: requestFields,
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** The process's logger: stdout, at the level LOG_LEVEL names (info by default). */
export const logger: Logger = createLogger();

/** `base` at `level`, sharing its destination: the embedded hub logs at its configuration's LOG_LEVEL. */
export function atLevel(base: Logger, level: string): Logger {
  return base.level === level ? base : base.child({}, { level: logLevelFrom(level) });
}

/**
 * For lines an operator or a script must see whatever LOG_LEVEL says: a process is ready
 * (start scripts and tests wait for that line), a signal stops it, the first start's
 * seed. They were printed unconditionally before the logs were structured, and still are.
 */
export function lifecycleLogger(base: Logger = logger): Logger {
  return base.child({}, { level: 'info' });
}

/**
 * For the last words of a process that cannot start (invalid configuration): synchronous
 * on stderr, so they are out before `process.exit`, and never silenced by LOG_LEVEL.
 */
export function startupFailureLogger(): Logger {
  return createLogger({ level: 'info', destination: pino.destination({ dest: 2, sync: true }) });
}
