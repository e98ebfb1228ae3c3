/** Loads the prebuilt index once at start, rebuilding it first when the seeds changed or the file is unreadable. */
import { existsSync } from 'node:fs';
import MiniSearch from 'minisearch';
import type { CatalogEntry } from '../ingest/catalog.js';
import type { Passage, TableCells } from '../ingest/parse.js';
import { Database } from '../store/sqlite.js';
import type { Reading } from '../register/reading.js';
import type { Register, Target, Task } from '../register/types.js';
import type { AliasPair } from '../text/aliases.js';
import { buildIndex, checkSeedsDir, MINISEARCH_OPTIONS, seedsHash } from './build.js';

/** A passage as loaded, with its id in the search index. */
export interface StoredPassage extends Passage {
  id: number;
}

/** Everything the engine needs, in memory. */
export interface Corpus {
  documents: Map<string, CatalogEntry>;
  passages: StoredPassage[];
  search: MiniSearch;
  aliases: AliasPair[];
  /** Folded term → number of passages holding it. */
  vocabulary: Map<string, number>;
  seedsHash: string;
  /** The commitments the documents hold: tasks, targets, units. */
  register: Register;
  /** The word lists list questions are read with, prepared at index time. */
  reading: Reading;
}

/** Why the index file must be built ("missing", "stale", or what made it unreadable), or undefined when it is current. */
async function rebuildReason(seedsDir: string, indexFile: string): Promise<string | undefined> {
  if (!existsSync(indexFile)) return 'missing';
  const wanted = seedsHash(seedsDir);
  let db: Database | undefined;
  try {
    db = await Database.open(indexFile, 'readonly');
    const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'seeds_hash'");
    return row?.value === wanted ? undefined : 'stale';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** Whether the index file exists, can be read and was built from exactly these seeds. */
export async function indexIsCurrent(seedsDir: string, indexFile: string): Promise<boolean> {
  try {
    return (await rebuildReason(seedsDir, indexFile)) === undefined;
  } catch {
    return false;
  }
}

/** Rebuilds the index when it is missing, stale or unreadable, saying which in the log. Returns true when it built. */
export async function ensureIndex(seedsDir: string, indexFile: string, log: (m: string) => void = () => {}): Promise<boolean> {
  // a missing seeds folder is told as such, not as an index that cannot be checked
  checkSeedsDir(seedsDir);
  const reason = await rebuildReason(seedsDir, indexFile);
  if (reason === undefined) return false;
  log(reason === 'missing' ? `Building the index ${indexFile} from ${seedsDir} …`
    : reason === 'stale' ? `The seeds, lexicon or code changed: rebuilding the index ${indexFile} from ${seedsDir} …`
    : `The index ${indexFile} is unreadable (${reason}): rebuilding it from ${seedsDir} …`);
  await buildLogged(seedsDir, indexFile, log);
  return true;
}

async function buildLogged(seedsDir: string, indexFile: string, log: (m: string) => void): Promise<void> {
  const r = await buildIndex(seedsDir, indexFile);
  log(`Index built: ${r.passages} passages, ${r.sections} sections in ${Math.round(r.ms)} ms.`);
}

/**
 * Loads the index, building it first when it is missing or stale, and rebuilding it once more when the
 * file reads as current but cannot be loaded (truncated, a table missing).
 */
export async function loadIndex(seedsDir: string, indexFile: string, log: (m: string) => void = () => {}): Promise<Corpus> {
  const built = await ensureIndex(seedsDir, indexFile, log);
  try {
    return await loadCorpus(indexFile);
  } catch (err) {
    const why = (err as Error).message;
    if (built) throw new Error(`the index ${indexFile} was just built from ${seedsDir} but cannot be read (${why}); check the free disk space, then run npm run index to see the build's own errors`);
    log(`The index ${indexFile} is unreadable (${why}): rebuilding it from ${seedsDir} …`);
    await buildLogged(seedsDir, indexFile, log);
    return loadCorpus(indexFile);
  }
}

interface PassageRow {
  id: number; doc: string; line_start: number; line_end: number; text: string;
  heading_path: string; kind: Passage['kind']; table_json: string | null; lead: string | null; cites: string | null;
}

/** Reads the index file into memory. */
export async function loadCorpus(indexFile: string): Promise<Corpus> {
  const db = await Database.open(indexFile, 'readonly');
  try {
    // the reads run in sqlite's threads side by side; each is turned into objects as soon as it arrives, so
    // the search index (the longest to load) is read while the passages are still being fetched
    const search = db.get<{ json: string }>('SELECT json FROM search_index WHERE id = 1').then((row) => {
      if (!row) throw new Error(`${indexFile} has no search index: rebuild it with npm run index`);
      return MiniSearch.loadJSON(row.json, MINISEARCH_OPTIONS);
    });
    const [documents, passages, aliases, vocabulary, seeds, register, index, reading] = await Promise.all([
      db.all<{ file: string; title: string; number: string | null; kind: CatalogEntry['kind']; date: string; years: string; short: string }>(
        'SELECT file, title, number, kind, date, years, short FROM documents ORDER BY file').then((docs) => new Map(docs.map((d) => [d.file, {
        file: d.file, title: d.title, number: d.number ?? undefined, kind: d.kind, date: d.date, years: JSON.parse(d.years) as number[], short: d.short,
      }]))),
      db.all<PassageRow>('SELECT * FROM passages ORDER BY id').then((rows) => {
        // a section's passages share one heading path: parsed once, shared
        const paths = new Map<string, string[]>();
        const pathOf = (json: string) => paths.get(json) ?? paths.set(json, JSON.parse(json) as string[]).get(json)!;
        return rows.map((r) => ({
          id: r.id, doc: r.doc, lineStart: r.line_start, lineEnd: r.line_end, text: r.text, headingPath: pathOf(r.heading_path),
          kind: r.kind, table: r.table_json ? (JSON.parse(r.table_json) as TableCells) : undefined, lead: r.lead ?? undefined, cites: r.cites ?? undefined,
        }));
      }),
      db.all<{ short: string; full: string }>('SELECT short, full FROM aliases ORDER BY id')
        .then((rows) => rows.map((a) => ({ short: a.short.split(' '), full: a.full.split(' ') }))),
      db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'vocabulary'").then((row) => parseVocabulary(row?.value ?? '')),
      db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'seeds_hash'"),
      loadRegister(db),
      search,
      db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'reading'").then((row) => (row ? (JSON.parse(row.value) as Reading) : undefined)),
    ]);
    if (!seeds || !reading) throw new Error(`${indexFile} is incomplete: rebuild it with npm run index`);
    return { documents, passages, search: index, aliases, vocabulary, seedsHash: seeds.value, register, reading };
  } finally {
    await db.close();
  }
}

function parseVocabulary(tsv: string): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const line of tsv.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) vocabulary.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return vocabulary;
}

interface TaskRow {
  id: number; doc: string; line: number; section: string; passage_id: number; origin: Task['from']; text: string;
  lead_written: string; leads: string; cooperating_written: string; cooperating: string; deadline_written: string;
  deadline_from: string | null; deadline_to: string | null; precision: Task['deadline']['precision']; kind: Task['kind'];
  sector: string | null; before_document: number; words: string;
}
interface TargetRow {
  id: number; doc: string; line: number; section: string; passage_id: number; origin: Target['from']; text: string;
  indicator: string; figures: string; years: string; leads: string; sector: string | null; words: string;
}

/** Reads the register tables. */
async function loadRegister(db: Database): Promise<Register> {
  const [tasks, targets, units, sections] = await Promise.all([
    db.all<TaskRow>('SELECT * FROM tasks ORDER BY id'),
    db.all<TargetRow>('SELECT * FROM targets ORDER BY id'),
    db.all<{ name: string; spellings: string; alone: string; origin: 'lexicon' | 'document' }>('SELECT * FROM units ORDER BY rowid'),
    db.all<{ sector: string; years: string; doc: string; heading: string; passage_ids: string }>('SELECT * FROM sector_sections ORDER BY id'),
  ]);
  return {
    tasks: tasks.map((r) => ({
      id: r.id, doc: r.doc, line: r.line, section: JSON.parse(r.section), passageId: r.passage_id, from: r.origin, text: r.text,
      leadWritten: r.lead_written, leads: JSON.parse(r.leads), cooperatingWritten: r.cooperating_written, cooperating: JSON.parse(r.cooperating),
      deadline: {
        written: r.deadline_written, precision: r.precision,
        range: r.deadline_from && r.deadline_to ? { from: r.deadline_from, to: r.deadline_to } : undefined,
      },
      kind: r.kind, sector: r.sector ?? undefined, beforeDocument: r.before_document === 1, words: new Set(r.words.split(' ')),
    })),
    targets: targets.map((r) => ({
      id: r.id, doc: r.doc, line: r.line, section: JSON.parse(r.section), passageId: r.passage_id, from: r.origin, text: r.text,
      indicator: r.indicator, values: JSON.parse(r.figures), years: JSON.parse(r.years), leads: JSON.parse(r.leads), sector: r.sector ?? undefined,
      words: new Set(r.words.split(' ')),
    })),
    units: units.map((u) => ({ name: u.name, spellings: JSON.parse(u.spellings), alone: JSON.parse(u.alone), origin: u.origin })),
    sections: sections.map((s) => ({ sector: s.sector, years: JSON.parse(s.years), doc: s.doc, heading: s.heading, passageIds: JSON.parse(s.passage_ids) })),
  };
}
