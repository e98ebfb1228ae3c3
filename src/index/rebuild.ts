/**
 * Builds the index in a worker thread: parsing the seeds and writing the file take seconds of CPU, and on
 * the main thread every chat (and /healthz) would wait for them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../paths.js';
import type { BuildReport } from './build.js';

/** The compiled worker script: beside this module in dist/, or in dist/ when this module runs from the TypeScript sources (the tests). */
function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith('.js')) return path.join(here, 'build-worker.js');
  // Node cannot start a worker from a .ts file: the tests use the one `npm run build` compiled
  return path.join(PROJECT_ROOT, 'dist', path.relative(PROJECT_ROOT, here), 'build-worker.js');
}

/**
 * Builds `indexFile` from `seedsDir` in a worker thread (into a temporary file renamed into place once
 * complete, as buildIndex does). Rejects with an error naming the seeds folder and the index file.
 */
export function buildIndexInWorker(seedsDir: string, indexFile: string): Promise<BuildReport> {
  const failed = (why: string) => new Error(`rebuilding the index ${indexFile} from ${seedsDir} failed: ${why}`);
  const script = workerScript();
  if (!existsSync(script)) return Promise.reject(failed(`${script} is missing; run npm run build`));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { seedsDir, indexFile } });
    let report: BuildReport | undefined;
    worker.on('message', (r: BuildReport) => { report = r; });
    worker.on('error', (err) => reject(failed(err.message)));
    // resolved once the thread is gone, so no build is left running behind the new answerer
    worker.on('exit', (code) => (report ? resolve(report) : reject(failed(`the worker stopped (exit code ${code}) before finishing`))));
  });
}
