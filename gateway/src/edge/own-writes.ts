/**
 * Reading one's own writes where reads in flight are shared (shared-executions.ts,
 * shared-calls.ts): both key what they share by the caller's identity first, and when that
 * identity's mutation ends, answered or failed, what is under way for it is no longer
 * joined. A query sent after the write then runs, and fetches, anew.
 */

/** The key prefix of what is shared under a request's identity (its authorization header). */
export function identityPrefix(authorization: string | null | undefined): string {
  // Header values cannot hold a line break: no identity's prefix starts another's.
  return `${authorization ?? ''}\n`;
}

/**
 * Wraps a mutation's execution so that `ended` runs when it ends, however it ends (the
 * runtime skips onExecuteDone when an execution rejects).
 */
export function whenWritten<F extends (...args: never[]) => unknown>(executeFn: F, ended: () => void): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await executeFn(...args);
    } finally {
      ended();
    }
  }) as F;
}
