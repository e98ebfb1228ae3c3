/** `npm run index`: builds index/corpus.sqlite from seeds/. */
import { buildIndex } from '../index/build.js';
import { DEFAULT_INDEX_FILE, DEFAULT_SEEDS_DIR } from '../paths.js';

const seeds = process.env.SEEDS_DIR ?? DEFAULT_SEEDS_DIR;
const out = process.env.INDEX_FILE ?? DEFAULT_INDEX_FILE;
try {
  const r = await buildIndex(seeds, out);
  console.log(`index: ${r.passages} passages, ${r.sections} sections from ${seeds} → ${out} in ${Math.round(r.ms)} ms`);
  for (const line of r.register) console.log(`  register: ${line}`);
} catch (err) {
  console.error(`index: ${(err as Error).message}`);
  process.exit(1);
}
