/** The worker thread behind buildIndexInWorker: builds one index file and posts back the build report. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex } from './build.js';

if (!parentPort) throw new Error('build-worker.js runs inside a worker thread started by buildIndexInWorker (src/index/rebuild.ts)');
const { seedsDir, indexFile } = workerData as { seedsDir: string; indexFile: string };
// an error thrown here reaches the main thread as the worker's 'error' event, its message intact
parentPort.postMessage(await buildIndex(seedsDir, indexFile));
