/** Start-up shared by every entry point: make sure the index is current, load it, build the engine. */
import { buildReply, type Reply } from './answer/reply.js';
import { buildIndex } from './index/build.js';
import { ensureIndex, loadCorpus, type Corpus } from './index/load.js';
import { DEFAULT_INDEX_FILE, DEFAULT_SEEDS_DIR } from './paths.js';
import { Engine, type SearchResult } from './search/engine.js';

export interface Answerer {
  engine: Engine;
  corpus: Corpus;
  /** Searches and builds the channel-neutral reply. */
  answer(question: string): { result: SearchResult; reply: Reply };
}

export function answererFor(corpus: Corpus): Answerer {
  const engine = new Engine(corpus);
  return {
    engine,
    corpus,
    answer(question) {
      const result = engine.search(question, 8);
      return { result, reply: buildReply(result, corpus.documents, corpus.passages) };
    },
  };
}

/** Loads (building first when the seeds changed) and returns the answerer. */
export async function loadAnswerer(opts: { seedsDir?: string; indexFile?: string; log?: (m: string) => void } = {}): Promise<Answerer> {
  const seedsDir = opts.seedsDir ?? DEFAULT_SEEDS_DIR;
  const indexFile = opts.indexFile ?? DEFAULT_INDEX_FILE;
  await ensureIndex(seedsDir, indexFile, opts.log);
  return answererFor(await loadCorpus(indexFile));
}

/** Rebuilds the index from the seeds (for /reload, without a restart) and returns a new answerer. */
export async function rebuildAnswerer(seedsDir: string, indexFile: string): Promise<Answerer> {
  await buildIndex(seedsDir, indexFile);
  return answererFor(await loadCorpus(indexFile));
}
