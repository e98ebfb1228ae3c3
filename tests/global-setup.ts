/** Builds one index from the real seeds for all test files (a temporary file, removed at the end). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIndex } from '../src/index/build.js';
import { DEFAULT_SEEDS_DIR } from '../src/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    indexFile: string;
  }
}

let dir = '';

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-index-'));
  const indexFile = path.join(dir, 'corpus.sqlite');
  await buildIndex(DEFAULT_SEEDS_DIR, indexFile);
  project.provide('indexFile', indexFile);
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
