import { Logger as HiveLogger, type LogWriter } from '@graphql-hive/gateway-runtime';
import type { Logger } from 'pino';

type HiveLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * Hive Logger's writer for pino, as its documented PinoLogWriter
 * (`@graphql-hive/logger/writers/pino`) does it, without a dependency on that package's
 * subpath (the gateway depends on the runtime, which re-exports the logger). The runtime's
 * attributes become fields of the JSON line; a list of them goes under `attrs`.
 */
class PinoWriter implements LogWriter {
  constructor(private readonly pino: Logger) {}

  write(level: HiveLevel, attrs: unknown, msg: string | null | undefined): void {
    const fields =
      attrs === null || attrs === undefined
        ? {}
        : Array.isArray(attrs) || typeof attrs !== 'object'
          ? { attrs }
          : attrs;
    this.pino[level](fields, msg ?? undefined);
  }
}

/** The Hive level that matches pino's (fatal has no Hive twin; silent is Hive's false). */
function hiveLevel(level: string): HiveLevel | false {
  if (level === 'silent') return false;
  if (level === 'fatal') return 'error';
  return level as HiveLevel;
}

/**
 * The runtime's logger (its `logging` option): the gateway's own lines (start-up, plugin
 * notices, masked errors) as JSON through `pino`, at pino's level, with the request's id
 * from the request context and the runtime's own `requestId` attribute alike.
 */
export function hiveLogger(pino: Logger): HiveLogger {
  return new HiveLogger({ level: () => hiveLevel(pino.level), writers: [new PinoWriter(pino)] });
}
