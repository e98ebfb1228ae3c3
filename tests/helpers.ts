/** Shared by the test files: the answerer over the index the global setup built from the real seeds. */
import { inject } from 'vitest';
import { answererFor, type Answerer } from '../src/app.js';
import { loadCorpus } from '../src/index/load.js';

let cached: Promise<Answerer> | undefined;

export function testAnswerer(): Promise<Answerer> {
  cached ??= loadCorpus(inject('indexFile')).then(answererFor);
  return cached;
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
