/**
 * Work that callers asking the same thing at the same time share (shared-executions.ts,
 * shared-calls.ts): started once, under a signal of its own, by the first caller; the
 * callers who come while it is under way wait for its result. A caller whose own signal
 * aborts stops waiting; the work is aborted only when every waiting caller has gone.
 */
export class SharedWork<T> {
  private readonly underWay = new Map<string, Work<T>>();

  /**
   * Waits for the work under way for `key`, or starts it with `start`. The caller's answer
   * is `copy` of the result; when its `signal` aborts first, `left` of the reason.
   */
  join<R>(
    key: string,
    start: (signal: AbortSignal) => T | Promise<T>,
    signal: AbortSignal | undefined,
    copy: (result: T) => R,
    left: (reason: unknown) => R,
  ): Promise<R> {
    if (signal?.aborted) return Promise.resolve().then(() => left(signal.reason));
    let work = this.underWay.get(key);
    if (!work) {
      const started = new Work(start);
      const forget = () => {
        if (this.underWay.get(key) === started) this.underWay.delete(key);
      };
      started.result.then(forget, forget);
      started.onIdle = forget;
      this.underWay.set(key, started);
      work = started;
    }
    return work.join(signal, copy, left);
  }

  /** Work under way whose key starts with `prefix` is no longer joined (it runs on for its callers). */
  forget(prefix: string): void {
    for (const key of this.underWay.keys()) if (key.startsWith(prefix)) this.underWay.delete(key);
  }
}

class Work<T> {
  readonly result: Promise<T>;
  /** Called when the last waiting caller has left and the work was aborted. */
  onIdle?: () => void;
  private readonly controller = new AbortController();
  private waiting = 0;

  constructor(start: (signal: AbortSignal) => T | Promise<T>) {
    this.result = Promise.resolve().then(() => start(this.controller.signal));
  }

  join<R>(signal: AbortSignal | undefined, copy: (result: T) => R, left: (reason: unknown) => R): Promise<R> {
    this.waiting++;
    return new Promise<R>((resolve, reject) => {
      let done = false;
      const answer = (make: () => R) => {
        try {
          resolve(make());
        } catch (error) {
          reject(error);
        }
      };
      const settle = () => {
        if (done) return false;
        done = true;
        this.waiting--;
        signal?.removeEventListener('abort', leave);
        return true;
      };
      const leave = () => {
        if (!settle()) return;
        answer(() => left(signal?.reason));
        if (this.waiting === 0) {
          this.onIdle?.();
          this.controller.abort(signal?.reason);
        }
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.result.then(
        (result) => {
          if (settle()) answer(() => copy(result));
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }
}
