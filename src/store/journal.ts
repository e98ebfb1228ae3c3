/**
 * Durable writes to one SQLite file. Statements queued while a commit is in flight are committed together
 * in the next transaction (one sync to disk for many writes: group commit). A batch the database cannot
 * take (locked past the busy timeout, read-only, its file deleted, the disk full) is appended to a spool
 * file beside it, synced, and replayed into the database once it takes writes again. A write resolves only
 * once it is committed or spooled, and rejects when neither is possible: the caller must then not
 * acknowledge what it was recording.
 *
 * The file runs in WAL mode with synchronous FULL: a commit is on disk when it returns, power loss
 * included. NORMAL measured no faster in `npm run bench` (the cost is the SQLite call, not the sync).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Database } from './sqlite.js';

interface Pending {
  sql: string;
  params: unknown[];
  resolve: (changes: number) => void;
  reject: (e: Error) => void;
}

/** After a failed commit, batches go straight to the spool for this long before the database is tried again. */
const DOWN_MS = 2000;
/** How often the spool is replayed while it holds writes. */
const REPLAY_EVERY_MS = 1000;
/** How long a write waits for a lock held by another connection before the batch is spooled. */
const BUSY_TIMEOUT_MS = 3000;

/** One SQLite file written through group commits and a spool (see the module comment). */
export class Journal {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private downUntil = 0;
  private inode: number;
  private replayTimer: NodeJS.Timeout | undefined;
  private closed = false;
  readonly spoolFile: string;

  private constructor(private db: Database, readonly file: string, private readonly schema: string, private readonly log: (m: string) => void) {
    this.inode = statSync(file).ino;
    this.spoolFile = `${file}.spool`;
  }

  /**
   * Opens (creating) the file and its schema, and replays a spool left by an earlier run. Throws with the
   * file named and what to do when it cannot be opened.
   */
  static async open(file: string, schema: string, log: (m: string) => void): Promise<Journal> {
    let db: Database;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      db = await Journal.connect(file, schema);
    } catch (err) {
      throw new Error(`DATA_FILE ${file} cannot be opened for writing (${(err as Error).message}). ` +
        'Make its directory writable by this user, or set DATA_FILE to a writable path.');
    }
    const journal = new Journal(db, file, schema, log);
    // a spool left by an earlier run is moved in now
    journal.flushing = journal.flushLoop();
    await journal.flush();
    return journal;
  }

  private static async connect(file: string, schema: string): Promise<Database> {
    const db = await Database.open(file);
    await db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
    await db.exec(schema);
    return db;
  }

  /**
   * Queues a statement; resolves once it is committed or spooled, with the rows it changed (0 for an INSERT
   * OR IGNORE of a row already there; 1 when spooled, not known yet).
   */
  write(sql: string, params: unknown[] = []): Promise<number> {
    if (this.closed) return Promise.reject(new Error('records file closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ sql, params, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Reads from the database (what waits in the spool is not seen until replayed). */
  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.closed) return Promise.reject(new Error('records file closed'));
    return this.db.all<T>(sql, params);
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // a tick's writes join the batch
    await new Promise((r) => setImmediate(r));
    do {
      await this.commit(this.queue.splice(0));
    } while (this.queue.length);
    this.flushing = undefined;
  }

  /**
   * Commits a batch, the spool's writes first (in order, in the same transaction, so a later write never
   * lands before an earlier spooled one), or spools it when the database does not take it.
   */
  private async commit(batch: Pending[]): Promise<void> {
    if (Date.now() >= this.downUntil && await this.ensureFile()) {
      const spooled = this.readSpool();
      try {
        const all = async () => {
          for (const w of spooled) await this.db.run(w.sql, w.params);
          const out: number[] = [];
          for (const p of batch) out.push((await this.db.run(p.sql, p.params)).changes);
          return out;
        };
        // one statement is its own transaction: BEGIN and COMMIT would only add two round trips
        const results = await this.withSchema(() => (spooled.length + batch.length === 1 ? all() : this.db.transaction(all, 'IMMEDIATE')));
        if (spooled.length) {
          unlinkSync(this.spoolFile);
          this.log(`records: ${spooled.length} spooled write(s) moved into ${this.file}`);
        }
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch (err) {
        this.downUntil = Date.now() + DOWN_MS;
        this.log(`records: ${this.file} did not take ${batch.length + spooled.length} write(s) (${(err as Error).message}); keeping them in ${this.spoolFile}`);
      }
    }
    if (!batch.length) return this.scheduleReplay();
    try {
      this.appendToSpool(batch);
      batch.forEach((p) => p.resolve(1));
      this.scheduleReplay();
    } catch (err) {
      const e = new Error(`neither ${this.file} nor ${this.spoolFile} can be written (${(err as Error).message})`);
      this.log(`records: ${e.message}; ${batch.length} write(s) refused`);
      batch.forEach((p) => p.reject(e));
    }
  }

  /** The writes waiting in the spool; a line cut short by a crash mid-append was never acknowledged and is skipped. */
  private readSpool(): Array<{ sql: string; params: unknown[] }> {
    if (!existsSync(this.spoolFile)) return [];
    const writes: Array<{ sql: string; params: unknown[] }> = [];
    for (const line of readFileSync(this.spoolFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try { writes.push(JSON.parse(line)); } catch { this.log(`records: a partial line of ${this.spoolFile} skipped`); }
    }
    return writes;
  }

  /**
   * Runs `work`; when it fails for want of a table or index (dropped by hand, a file from an older
   * version), the schema is made again and `work` tried once more.
   */
  private async withSchema<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!/no such (table|column|index)/.test((err as Error).message)) throw err;
      this.log(`records: ${this.file} lacked part of its schema (${(err as Error).message}); making it again`);
      await this.db.exec(this.schema);
      return work();
    }
  }

  /**
   * The open handle still names the file: when the file was deleted or replaced, writes to the old handle
   * would go nowhere, so the file is opened again (created with its schema). False when it cannot be.
   */
  private async ensureFile(): Promise<boolean> {
    let ino: number | undefined;
    try {
      ino = statSync(this.file).ino;
    } catch {
      ino = undefined;
    }
    if (ino === this.inode) return true;
    this.log(`records: ${this.file} was deleted or replaced; opening it again`);
    try {
      const db = await Journal.connect(this.file, this.schema);
      await this.db.close().catch(() => undefined);
      this.db = db;
      this.inode = statSync(this.file).ino;
      return true;
    } catch (err) {
      this.downUntil = Date.now() + DOWN_MS;
      this.log(`records: ${this.file} cannot be opened again (${(err as Error).message})`);
      return false;
    }
  }

  private appendToSpool(batch: Pending[]): void {
    const lines = batch.map((p) => JSON.stringify({ sql: p.sql, params: p.params })).join('\n') + '\n';
    const fd = openSync(this.spoolFile, 'a');
    try {
      writeSync(fd, lines);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Tries the database again later for what waits in the spool (an empty batch moves it in). */
  private scheduleReplay(): void {
    if (this.replayTimer || this.closed) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = undefined;
      this.flushing ??= this.flushLoop();
    }, REPLAY_EVERY_MS);
    this.replayTimer.unref();
  }

  /** Writes what is queued (spooling what the database refuses) and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    await this.db.close();
  }
}
