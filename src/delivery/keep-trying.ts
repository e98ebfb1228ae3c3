/**
 * Start-up calls to a platform, tried until it answers: each failure is logged with the wait before the
 * next try (1 s doubling to 30 s), so an unreachable API is visible in the log, and a stop request ends the
 * waiting at once. A failure `isFatal` calls final (a refused token) is thrown at once. The backoff and the
 * stoppable wait serve the polling loops too.
 */

export interface KeepTryingOptions {
  log: (m: string) => void;
  /** Ends the trying (SIGTERM during start-up): the last failure is thrown. */
  signal?: AbortSignal;
  isFatal?: (err: unknown) => boolean;
  /** The failure as the log shows it (never a URL: it holds the token). */
  describe: (err: unknown) => string;
  /** First wait in ms; tests shorten it. */
  firstWaitMs?: number;
}

const MAX_WAIT_MS = 30_000;

/** Waits `ms`, or less when `signal` aborts first (a stop request does not wait out a backoff). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** A wait that doubles after each failure, up to 30 s, and starts again from the first after a success. */
export class Backoff {
  private ms: number;
  constructor(private readonly firstMs = 1000) {
    this.ms = firstMs;
  }

  /** The wait to take now; the next one is twice as long. */
  next(): number {
    const ms = this.ms;
    this.ms = Math.min(this.ms * 2, MAX_WAIT_MS);
    return ms;
  }

  /** After a success. */
  reset(): void {
    this.ms = this.firstMs;
  }
}

/** Runs `call` until it succeeds; see the module comment. */
export async function keepTrying<T>(what: string, call: () => Promise<T>, opts: KeepTryingOptions): Promise<T> {
  const backoff = new Backoff(opts.firstWaitMs);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await call();
      if (attempt > 1) opts.log(`${what}: answered after ${attempt} attempts`);
      return result;
    } catch (err) {
      if (opts.isFatal?.(err) || opts.signal?.aborted) throw err;
      const wait = backoff.next();
      opts.log(`${what} failed (${opts.describe(err)}); the API is not reachable, trying again in ${wait / 1000} s`);
      await pause(wait, opts.signal);
      if (opts.signal?.aborted) throw new Error(`${what}: stopped while the API was unreachable`);
    }
  }
}
