/** Where the project's files live, found from this module so any working directory works. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const DEFAULT_SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');
export const DEFAULT_INDEX_FILE = path.join(PROJECT_ROOT, 'index', 'corpus.sqlite');
export const DEFAULT_DATA_FILE = path.join(PROJECT_ROOT, 'data', 'bot.sqlite');
