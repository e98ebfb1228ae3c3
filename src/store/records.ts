/**
 * Records of the bot's use, in their own SQLite file through the journal (group commit, spool when the
 * database refuses): every update as it arrives (before it is acknowledged, so nothing acknowledged is
 * lost, and a redelivery is known as one), every question with its reply's sources and latency, the
 * feedback given, and the outbox of replies the platform did not take yet.
 */
import { Journal } from './journal.js';

/** An answered question as recorded. */
export interface QuestionRecord {
  channel: string;
  chatId: string;
  userId: string;
  question: string;
  intent: string;
  noAnswer: boolean;
  /** "doc:lineStart-lineEnd" of the cited passages, in rank order. */
  sources: string[];
  latencyMs: number;
}

/** Questions of one day, and how many went unanswered. */
export interface DayStats {
  day: string;
  questions: number;
  unanswered: number;
}

/** What /stats shows. */
export interface Stats {
  days: DayStats[];
  feedback: { up: number; down: number };
  recentUnanswered: Array<{ at: string; question: string }>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS questions (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, chat_id TEXT NOT NULL, user_id TEXT NOT NULL,
  question TEXT NOT NULL, intent TEXT NOT NULL, no_answer INTEGER NOT NULL, sources TEXT NOT NULL, latency_ms REAL NOT NULL,
  answer_key TEXT);
CREATE INDEX IF NOT EXISTS questions_at ON questions(at);
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, answer_key TEXT NOT NULL, channel TEXT NOT NULL, user_id TEXT NOT NULL, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
  channel TEXT NOT NULL, key TEXT NOT NULL, at TEXT NOT NULL, chat_id TEXT NOT NULL, user_id TEXT NOT NULL,
  text TEXT, body TEXT NOT NULL, handled_at TEXT, PRIMARY KEY (channel, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS updates_unhandled ON updates(handled_at) WHERE handled_at IS NULL;
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, chat_id TEXT NOT NULL, method TEXT NOT NULL,
  payload TEXT NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, last_error TEXT NOT NULL);
`;

// Handled marks wait this long to be written together (SQLite takes at most 32,766 parameters a statement,
// far more than the deliveries of 200 ms).
const HANDLED_EVERY_MS = 200;

// Telegram redelivers an unacknowledged update for up to 24 hours; a week covers Zalo's retries too.
const DELIVERY_MEMORY_DAYS = 7;

/** One delivery from a platform, as recorded when it arrives. */
export interface Delivery {
  channel: string;
  /** The platform's id for it: a Telegram update id, a Zalo chat and message id. */
  key: string;
  chatId: string;
  userId: string;
  /** The user's text or button data, when there is one. */
  text?: string;
  /** The delivery as it came, to handle it again after a crash. */
  body: unknown;
}

/** A reply the platform did not take yet. */
export interface OutboxEntry {
  id: number;
  channel: string;
  chatId: string;
  method: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** When to try again, ms since the epoch. */
  nextAt: number;
}

/** The records file: deliveries, questions, feedback and the outbox. */
export class Records {
  private readonly handledSoon = new Map<string, string[]>();
  private handledWrite: Promise<void> | undefined;

  private constructor(private readonly journal: Journal) {}

  /** Opens (creating) the records file; replays writes a crash left in its spool. */
  static async open(file: string, log: (m: string) => void = console.error): Promise<Records> {
    const journal = await Journal.open(file, SCHEMA, log);
    // one vote per user per answer, the last one counting (older files may hold repeats: the last stays);
    // an older file's delivery ids move into the updates table
    await journal.write(`DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY answer_key, channel, user_id)`);
    await journal.write('CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback(answer_key, channel, user_id)');
    if ((await journal.all("SELECT 1 FROM sqlite_master WHERE name = 'deliveries'")).length) {
      await journal.write(`INSERT OR IGNORE INTO updates (channel, key, at, chat_id, user_id, body, handled_at)
        SELECT channel, key, at, '', '', '{}', at FROM deliveries`);
      await journal.write('DROP TABLE deliveries');
    }
    await journal.write('DELETE FROM updates WHERE at < ?', [new Date(Date.now() - DELIVERY_MEMORY_DAYS * 86_400_000).toISOString()]);
    return new Records(journal);
  }

  /**
   * Records a delivery as it arrives, durably (committed, or spooled when the database refuses it):
   * 'duplicate' when the same delivery came before, across restarts. Rejects when it cannot be recorded
   * at all: the delivery must then not be acknowledged, so the platform delivers it again.
   */
  async receive(d: Delivery): Promise<'new' | 'duplicate'> {
    const changes = await this.journal.write('INSERT OR IGNORE INTO updates (channel, key, at, chat_id, user_id, text, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [d.channel, d.key, new Date().toISOString(), d.chatId, d.userId, d.text ?? null, JSON.stringify(d.body)]);
    return changes > 0 ? 'new' : 'duplicate';
  }

  /**
   * Marks a delivery handled (its reply sent or in the outbox): it is not handled again after a restart.
   * Marks are written together a moment later (one statement for many): a crash in between only means a
   * delivery answered once more, the duplicate the platforms allow for anyway.
   */
  handled(channel: string, key: string): Promise<void> {
    const keys = this.handledSoon.get(channel) ?? [];
    keys.push(key);
    this.handledSoon.set(channel, keys);
    this.handledWrite ??= new Promise((r) => setTimeout(r, HANDLED_EVERY_MS)).then(() => this.writeHandled());
    return this.handledWrite;
  }

  private async writeHandled(): Promise<void> {
    const marks = [...this.handledSoon];
    this.handledSoon.clear();
    this.handledWrite = undefined;
    const at = new Date().toISOString();
    await Promise.all(marks.map(([channel, keys]) =>
      this.quietly(`UPDATE updates SET handled_at = ? WHERE channel = ? AND key IN (${keys.map(() => '?').join(', ')})`, [at, channel, ...keys])));
  }

  /** One recorded delivery, with when it was handled (undefined: not yet). */
  async delivery(channel: string, key: string): Promise<(Delivery & { at: string; handledAt?: string }) | undefined> {
    const [r] = await this.journal.all<{ at: string; chat_id: string; user_id: string; text: string | null; body: string; handled_at: string | null }>(
      'SELECT at, chat_id, user_id, text, body, handled_at FROM updates WHERE channel = ? AND key = ?', [channel, key]);
    return r && { channel, key, at: r.at, chatId: r.chat_id, userId: r.user_id, text: r.text ?? undefined, body: JSON.parse(r.body), handledAt: r.handled_at ?? undefined };
  }

  /** Deliveries of a channel recorded but never handled (the process ended first), oldest first. */
  async unhandled(channel: string): Promise<Array<Delivery & { at: string }>> {
    const rows = await this.journal.all<{ key: string; at: string; chat_id: string; user_id: string; text: string | null; body: string }>(
      'SELECT key, at, chat_id, user_id, text, body FROM updates WHERE handled_at IS NULL AND channel = ? ORDER BY at', [channel]);
    return rows.map((r) => ({ channel, key: r.key, at: r.at, chatId: r.chat_id, userId: r.user_id, text: r.text ?? undefined, body: JSON.parse(r.body) }));
  }

  /** A write nobody waits for: a failure is logged by the journal, never thrown to the reply path. */
  private async quietly(sql: string, params: unknown[]): Promise<void> {
    await this.journal.write(sql, params).catch(() => undefined);
  }

  /** Saves an answered question (not awaited on the reply path). */
  saveQuestion(r: QuestionRecord, answerKey?: string): void {
    void this.quietly('INSERT INTO questions (at, channel, chat_id, user_id, question, intent, no_answer, sources, latency_ms, answer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      new Date().toISOString(), r.channel, r.chatId, r.userId, r.question, r.intent, r.noAnswer ? 1 : 0, JSON.stringify(r.sources), r.latencyMs, answerKey ?? null,
    ]);
  }

  /** Saves a user's vote on an answer; a later vote of the same user on the same answer replaces it. */
  saveFeedback(answerKey: string, channel: string, userId: string, value: 1 | -1): void {
    void this.quietly(`INSERT INTO feedback (at, answer_key, channel, user_id, value) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (answer_key, channel, user_id) DO UPDATE SET value = excluded.value, at = excluded.at`,
    [new Date().toISOString(), answerKey, channel, userId, value]);
  }

  /** Puts a reply in the outbox, durably (rejects when it cannot be kept at all). */
  async enqueue(channel: string, chatId: string, method: string, payload: Record<string, unknown>, nextAt: number, error: string): Promise<void> {
    await this.journal.write('INSERT INTO outbox (at, channel, chat_id, method, payload, attempts, next_at, last_error) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      [new Date().toISOString(), channel, chatId, method, JSON.stringify(payload), nextAt, error]);
  }

  /** Outbox entries of a channel, oldest first (every entry: a chat's replies go out in order). */
  async outbox(channel: string): Promise<OutboxEntry[]> {
    const rows = await this.journal.all<{ id: number; channel: string; chat_id: string; method: string; payload: string; attempts: number; next_at: number }>(
      'SELECT id, channel, chat_id, method, payload, attempts, next_at FROM outbox WHERE channel = ? ORDER BY id', [channel]);
    return rows.map((r) => ({ id: r.id, channel: r.channel, chatId: r.chat_id, method: r.method, payload: JSON.parse(r.payload), attempts: r.attempts, nextAt: r.next_at }));
  }

  /** An outbox entry sent, or given up: it leaves the outbox. */
  async outboxDone(id: number): Promise<void> {
    await this.quietly('DELETE FROM outbox WHERE id = ?', [id]);
  }

  /** An outbox entry failed again: tried again at `nextAt`. */
  async outboxRetry(id: number, attempts: number, nextAt: number, error: string): Promise<void> {
    await this.quietly('UPDATE outbox SET attempts = ?, next_at = ?, last_error = ? WHERE id = ?', [attempts, nextAt, error, id]);
  }

  /** Waits for queued writes (tests, shutdown). */
  async flush(): Promise<void> {
    if (this.handledWrite) await this.writeHandled();
    await this.journal.flush();
  }

  async stats(days = 7): Promise<Stats> {
    await this.flush();
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    const perDay = await this.journal.all<{ day: string; questions: number; unanswered: number }>(
      'SELECT substr(at, 1, 10) AS day, COUNT(*) AS questions, SUM(no_answer) AS unanswered FROM questions WHERE at >= ? GROUP BY day ORDER BY day', [since]);
    const [fb] = await this.journal.all<{ up: number | null; down: number | null }>(
      'SELECT SUM(value = 1) AS up, SUM(value = -1) AS down FROM feedback WHERE at >= ?', [since]);
    const recent = await this.journal.all<{ at: string; question: string }>(
      'SELECT at, question FROM questions WHERE no_answer = 1 ORDER BY id DESC LIMIT 5');
    return { days: perDay, feedback: { up: fb?.up ?? 0, down: fb?.down ?? 0 }, recentUnanswered: recent };
  }

  async close(): Promise<void> {
    if (this.handledWrite) await this.writeHandled();
    await this.journal.close();
  }
}
