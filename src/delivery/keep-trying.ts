/**
 * Start-up calls to a platform, tried until it answers: each failure is logged with the wait before the
 * next try (1 s doubling to 30 s), so an unreachable API is visible in the log, and a stop request ends the
 * waiting at once. A failure `isFatal` calls final (a refused token) is thrown at once.
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

/** Runs `call` until it succeeds; see the module comment. */
export async function keepTrying<T>(what: string, call: () => Promise<T>, opts: KeepTryingOptions): Promise<T> {
  let wait = opts.firstWaitMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await call();
      if (attempt > 1) opts.log(`${what}: answered after ${attempt} attempts`);
      return result;
    } catch (err) {
      if (opts.isFatal?.(err) || opts.signal?.aborted) throw err;
      opts.log(`${what} failed (${opts.describe(err)}); the API is not reachable, trying again in ${wait / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        opts.signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      if (opts.signal?.aborted) throw new Error(`${what}: stopped while the API was unreachable`);
      wait = Math.min(wait * 2, MAX_WAIT_MS);
    }
  }
}
