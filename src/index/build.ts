/**
 * Builds the prebuilt index: seeds/ → one SQLite file holding documents, sections, passages, aliases,
 * the term vocabulary and the serialized MiniSearch index, with the hash of the seeds it came from.
 * The same seeds give a byte-identical file: fixed insertion order, no timestamps, written to a
 * temporary file, vacuumed, then renamed into place.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import MiniSearch from 'minisearch';
import { loadCatalog, type CatalogEntry } from '../ingest/catalog.js';
import { parseDocument, type Passage, type Section } from '../ingest/parse.js';
import { FIELDS, indexFields, splitTerms } from '../search/fields.js';
import { Database } from '../store/sqlite.js';
import { forgetLexicon, INDEX_LEXICON_FILES, LEXICON_DIR } from '../lexicon.js';
import { extractRegister } from '../register/extract.js';
import { prepareReading } from '../register/reading.js';
import { foldedWords, targetMatchText, taskMatchText } from '../register/query.js';
import type { Register } from '../register/types.js';
import { headingName, mineAliases, mineNamedAliases, staticAliasPairs, uniqueAliases, unitAliasPairs, type AliasPair } from '../text/aliases.js';

/** Bumped when the analyzer or the schema changes, so older index files are rebuilt. */
export const INDEX_VERSION = '4';

export const MINISEARCH_OPTIONS = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [] as string[],
  tokenize: splitTerms,
  processTerm: (t: string) => t,
};

// The code that turns seeds into index terms: when it changes, the index is stale like when a seed changes.
const ANALYSIS_CODE = [
  '../text/analyzer', '../text/aliases', '../ingest/parse', '../ingest/split', '../search/fields', './build',
  '../register/extract', '../register/dates', '../register/figures', '../register/names', '../register/query', '../register/reading', '../lexicon',
];

function analysisCodeHash(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const ext = path.extname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const m of ANALYSIS_CODE) h.update(readFileSync(path.join(here, m + ext)));
  for (const f of INDEX_LEXICON_FILES) h.update(readFileSync(path.join(LEXICON_DIR, f)));
  return h.digest('hex');
}

/** sha256 over the analysis code, the lexicon, the catalog and every seed file, in name order. */
export function seedsHash(seedsDir: string): string {
  const h = createHash('sha256').update(`v${INDEX_VERSION}\n${analysisCodeHash()}\n`);
  for (const name of readdirSync(seedsDir).filter((f) => f.endsWith('.txt') || f === 'catalog.json').sort()) {
    h.update(name + '\n').update(readFileSync(path.join(seedsDir, name))).update('\n');
  }
  return h.digest('hex');
}

export interface BuiltCorpus {
  catalog: CatalogEntry[];
  sections: Array<Section & { doc: string }>;
  passages: Passage[];
  aliases: AliasPair[];
  /** Each seed's lines, for finding the line of a statement inside a multi-line passage. */
  lines: Map<string, string[]>;
}

/** Throws an error naming SEEDS_DIR and the path when the seeds folder is missing, unreadable or holds no seed. */
export function checkSeedsDir(seedsDir: string): void {
  const fix = 'set SEEDS_DIR to the folder holding the seed .txt files and catalog.json';
  if (!existsSync(seedsDir)) throw new Error(`SEEDS_DIR: ${seedsDir} does not exist; ${fix}`);
  if (!statSync(seedsDir).isDirectory()) throw new Error(`SEEDS_DIR: ${seedsDir} is not a folder; ${fix}`);
  let names: string[];
  try {
    names = readdirSync(seedsDir);
  } catch (err) {
    throw new Error(`SEEDS_DIR: ${seedsDir} cannot be read (${(err as NodeJS.ErrnoException).code}); make it readable or ${fix}`);
  }
  if (!names.some((f) => f.endsWith('.txt'))) throw new Error(`SEEDS_DIR: ${seedsDir} holds no seed (.txt file); ${fix}`);
  if (!names.includes('catalog.json')) throw new Error(`SEEDS_DIR: ${seedsDir} has no catalog.json; add one describing each seed (see README) or ${fix}`);
}

/** Makes the index file's folder; throws an error naming INDEX_FILE and the path when it cannot be written. */
function prepareIndexDir(outFile: string): void {
  const dir = path.dirname(path.resolve(outFile));
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Error(`INDEX_FILE: cannot write ${outFile} (${dir}: ${why}); make that folder writable or set INDEX_FILE to a writable path`);
  }
}

/** Parses every catalogued seed. Throws when a seed is missing or a .txt has no catalog entry. */
export function parseSeeds(seedsDir: string): BuiltCorpus {
  const catalog = loadCatalog(seedsDir);
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
  const listed = new Set(catalog.map((c) => c.file));
  const unlisted = files.filter((f) => !listed.has(f));
  if (unlisted.length) throw new Error(`seeds without a catalog entry: ${unlisted.join(', ')} (add them to seeds/catalog.json)`);
  const sections: BuiltCorpus['sections'] = [];
  const passages: Passage[] = [];
  const mined: AliasPair[] = [];
  const lines = new Map<string, string[]>();
  for (const entry of [...catalog].sort((a, b) => a.file.localeCompare(b.file))) {
    const file = path.join(seedsDir, entry.file);
    if (!existsSync(file)) throw new Error(`catalog lists ${entry.file}, which is not in ${seedsDir}`);
    const raw = readFileSync(file, 'utf8');
    lines.set(entry.file, raw.normalize('NFC').replace(/\r/g, '').split('\n'));
    const parsed = parseDocument(entry.file, raw);
    sections.push(...parsed.sections.map((s) => ({ ...s, doc: entry.file })));
    passages.push(...parsed.passages);
    mined.push(...mineAliases(raw));
    const headingNames = new Set(parsed.sections.map((sec) => headingName(sec.path[sec.path.length - 1] ?? '')));
    mined.push(...mineNamedAliases(raw, headingNames));
  }
  return { catalog, sections, passages, aliases: uniqueAliases([...staticAliasPairs(), ...unitAliasPairs(), ...mined]), lines };
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (file TEXT PRIMARY KEY, title TEXT NOT NULL, number TEXT, kind TEXT NOT NULL,
  date TEXT NOT NULL, years TEXT NOT NULL, short TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE sections (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, path TEXT NOT NULL, line_start INTEGER NOT NULL);
CREATE TABLE passages (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,
  text TEXT NOT NULL, heading_path TEXT NOT NULL, kind TEXT NOT NULL, table_json TEXT, lead TEXT, cites TEXT);
CREATE TABLE aliases (id INTEGER PRIMARY KEY, short TEXT NOT NULL, full TEXT NOT NULL);
CREATE TABLE search_index (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE tasks (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, line INTEGER NOT NULL, section TEXT NOT NULL,
  passage_id INTEGER NOT NULL, origin TEXT NOT NULL, text TEXT NOT NULL, lead_written TEXT NOT NULL, leads TEXT NOT NULL,
  cooperating_written TEXT NOT NULL, cooperating TEXT NOT NULL, deadline_written TEXT NOT NULL, deadline_from TEXT,
  deadline_to TEXT, precision TEXT NOT NULL, kind TEXT NOT NULL, sector TEXT, before_document INTEGER NOT NULL, words TEXT NOT NULL);
CREATE TABLE targets (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, line INTEGER NOT NULL, section TEXT NOT NULL,
  passage_id INTEGER NOT NULL, origin TEXT NOT NULL, text TEXT NOT NULL, indicator TEXT NOT NULL, figures TEXT NOT NULL,
  years TEXT NOT NULL, leads TEXT NOT NULL, sector TEXT, words TEXT NOT NULL);
CREATE TABLE units (name TEXT PRIMARY KEY, spellings TEXT NOT NULL, alone TEXT NOT NULL, origin TEXT NOT NULL);
CREATE TABLE sector_sections (id INTEGER PRIMARY KEY, sector TEXT NOT NULL, years TEXT NOT NULL, doc TEXT NOT NULL, heading TEXT NOT NULL,
  passage_ids TEXT NOT NULL);
`;

/** What one build produced, for the build log. */
export interface BuildReport {
  passages: number;
  sections: number;
  ms: number;
  /** Register rows per document and table ("003 … › PHỤ LỤC II: tasks 190"), and notes (units kept as written). */
  register: string[];
}

/** Counts of register rows per document and source (a table's appendix, or sentences). */
function registerCounts(register: Register, catalog: CatalogEntry[]): string[] {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const where = (r: { doc: string; section: string[]; from: string }) =>
    `${catalog.find((c) => c.file === r.doc)?.short ?? r.doc} › ${r.from === 'table' ? (r.section[0] ?? '').slice(0, 60) : 'sentences'}`;
  for (const t of register.tasks) add(`${where(t)}: ${t.kind === 'submitted' ? 'submitted' : 'tasks'}`);
  for (const t of register.targets) add(`${where(t)}: targets`);
  return [...counts].map(([k, n]) => `${k} ${n}`);
}

/** Builds the index file at `outFile` from `seedsDir`. Returns figures for the build log. */
export async function buildIndex(seedsDir: string, outFile: string): Promise<BuildReport> {
  const started = performance.now();
  // both checked before the seconds of parsing, so a wrong path is told at once
  checkSeedsDir(seedsDir);
  prepareIndexDir(outFile);
  // the lexicon as it is on disk now (its files are part of the hash stamped on the index)
  forgetLexicon();
  const corpus = parseSeeds(seedsDir);
  const register = extractRegister({ passages: corpus.passages, catalog: corpus.catalog, lines: corpus.lines });
  const search = new MiniSearch(MINISEARCH_OPTIONS);
  const vocabulary = new Map<string, number>();
  const docs = corpus.passages.map((p, id) => indexFields(id, p, corpus.aliases));
  // document frequency of every folded term and syllable pair: the IDF weights and the typo dictionary
  for (const d of docs) {
    for (const t of new Set([...splitTerms(d.folded), ...splitTerms(d.pairs), ...splitTerms(d.head)])) vocabulary.set(t, (vocabulary.get(t) ?? 0) + 1);
  }
  // a pair found in one passage only finds that passage, which its single words find too: leaving such
  // pairs out of the search index (the rerank still sees them) halves its terms and its load time
  search.addAll(docs.map((d) => ({ ...d, pairs: splitTerms(d.pairs).filter((t) => (vocabulary.get(t) ?? 0) > 1).join(' ') })));

  // one temporary file per process and thread, so two builds never write the same file; renamed when complete
  const tmp = `${outFile}.tmp-${process.pid}-${threadId}`;
  rmSync(tmp, { force: true });
  try {
    await writeIndex(tmp, seedsDir, corpus, vocabulary, search, register);
    renameSync(tmp, outFile);
  } catch (err) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-journal`, { force: true });
    throw err;
  }
  return {
    passages: corpus.passages.length, sections: corpus.sections.length, ms: performance.now() - started,
    register: [...registerCounts(register, corpus.catalog), ...register.log],
  };
}

/** Writes the whole index into `file`. */
async function writeIndex(file: string, seedsDir: string, corpus: BuiltCorpus, vocabulary: Map<string, number>, search: MiniSearch, register: Register): Promise<void> {
  const db = await Database.open(file);
  try {
    await db.exec('PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096;');
    await db.exec(SCHEMA);
    await db.transaction(async () => {
      await db.run('INSERT INTO meta VALUES (?, ?)', ['seeds_hash', seedsHash(seedsDir)]);
      await db.run('INSERT INTO meta VALUES (?, ?)', ['index_version', INDEX_VERSION]);
      for (const c of corpus.catalog) {
        const sha = createHash('sha256').update(readFileSync(path.join(seedsDir, c.file))).digest('hex');
        await db.run('INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [c.file, c.title, c.number ?? null, c.kind, c.date, JSON.stringify(c.years), c.short, sha]);
      }
      for (const [i, s] of corpus.sections.entries()) {
        await db.run('INSERT INTO sections VALUES (?, ?, ?, ?)', [i, s.doc, JSON.stringify(s.path), s.lineStart]);
      }
      for (const [i, p] of corpus.passages.entries()) {
        await db.run('INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [i, p.doc, p.lineStart, p.lineEnd, p.text,
          JSON.stringify(p.headingPath), p.kind, p.table ? JSON.stringify(p.table) : null, p.lead ?? null, p.cites ?? null]);
      }
      for (const [i, a] of corpus.aliases.entries()) {
        await db.run('INSERT INTO aliases VALUES (?, ?, ?)', [i, a.short.join(' '), a.full.join(' ')]);
      }
      // one "term<TAB>document frequency" line per term: loads far faster than a row per term, or JSON
      const sortedVocabulary = [...vocabulary].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, c]) => `${t}\t${c}`);
      await db.run('INSERT INTO meta VALUES (?, ?)', ['vocabulary', sortedVocabulary.join('\n')]);
      await db.run('INSERT INTO search_index VALUES (1, ?)', [JSON.stringify(search)]);
      await writeRegister(db, register, corpus.passages, corpus.aliases);
      await db.run('INSERT INTO meta VALUES (?, ?)', ['reading', JSON.stringify(prepareReading(corpus.aliases))]);
    });
    await db.exec('VACUUM');
  } finally {
    await db.close();
  }
}

async function writeRegister(db: Database, register: Register, passages: Passage[], aliases: AliasPair[]): Promise<void> {
  const json = JSON.stringify;
  // the words each row is matched by, analysed once here rather than at every start
  const words = (text: string) => [...foldedWords(text, aliases)].join(' ');
  for (const t of register.tasks) {
    await db.run('INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      t.id, t.doc, t.line, json(t.section), t.passageId, t.from, t.text, t.leadWritten, json(t.leads), t.cooperatingWritten,
      json(t.cooperating), t.deadline.written, t.deadline.range?.from ?? null, t.deadline.range?.to ?? null, t.deadline.precision,
      t.kind, t.sector ?? null, t.beforeDocument ? 1 : 0, words(taskMatchText(t, passages)),
    ]);
  }
  for (const t of register.targets) {
    await db.run('INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      t.id, t.doc, t.line, json(t.section), t.passageId, t.from, t.text, t.indicator, json(t.values), json(t.years), json(t.leads), t.sector ?? null,
      words(targetMatchText(t, passages)),
    ]);
  }
  for (const u of register.units) await db.run('INSERT INTO units VALUES (?, ?, ?, ?)', [u.name, json(u.spellings), json(u.alone ?? []), u.origin]);
  for (const [i, s] of register.sections.entries()) {
    await db.run('INSERT INTO sector_sections VALUES (?, ?, ?, ?, ?, ?)', [i, s.sector, json(s.years), s.doc, s.heading, json(s.passageIds)]);
  }
}
