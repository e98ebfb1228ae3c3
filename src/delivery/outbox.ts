/**
 * Replies are delivered at least once. A reply is sent at once; when the platform does not take it (the
 * network, a 5xx, a timeout, a 429 longer than a reply can wait) it goes to the outbox in the records file
 * and is sent again when the platform allows, with bounded retries. Each retry and each final failure is
 * logged with the method, the status and the wait, never the token. A chat with replies waiting sends its
 * next ones through the outbox too, so its replies arrive in order. A refusal that will not change (400,
 * 403: the chat is gone, the bot blocked) is logged and not retried.
 */
import type { OutboxEntry, Records } from '../store/records.js';

/** How a failed call is treated. */
export interface Failure {
  /** Whether trying again later can succeed. */
  retry: boolean;
  /** The platform's own wait (429 retry_after), in ms. */
  waitMs?: number;
  /** For the log: "429", "500", "network: …", "timeout". */
  status: string;
}

/** A platform's API as the outbox uses it. */
export interface Platform {
  channel: string;
  /** Calls one method; rejects with the platform's error (a timeout or abort included). */
  call(method: string, payload: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
  /** How a rejection of `call` is treated. */
  classify(err: unknown): Failure;
}

/** The outbox's limits; tests shorten the waits. */
export interface OutboxPolicy {
  /** A 429 a reply waits out in place rather than going to the outbox. */
  inlineWaitMs: number;
  /** First wait before trying an outbox entry again; doubles each attempt up to `maxWaitMs`. */
  firstWaitMs: number;
  maxWaitMs: number;
  /** Attempts in all (the first send included) before a reply is given up and logged. */
  maxAttempts: number;
  /** How often due entries are looked for. */
  tickMs: number;
}

// 2 s doubling (10 min apart at most) over 10 attempts keeps trying for about 17 minutes: a reply later answers
// a question its asker has given up on. Telegram's 429 waits are usually a few seconds: up to 5 s is waited
// out in place, since the webhook request is already acknowledged and nothing waits on it.
export const DEFAULT_POLICY: OutboxPolicy = { inlineWaitMs: 5000, firstWaitMs: 2000, maxWaitMs: 600_000, maxAttempts: 10, tickMs: 1000 };

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** Sends replies now or later (see the module comment). */
export class Outbox {
  private readonly platforms = new Map<string, Platform>();
  /** Entries waiting per "channel:chat", to keep a chat's replies in order. */
  private readonly waiting = new Map<string, number>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly records: Records | undefined, private readonly log: (m: string) => void, private readonly policy: OutboxPolicy = DEFAULT_POLICY) {}

  /** Adds a platform and counts the entries an earlier run left for it. */
  async register(platform: Platform): Promise<void> {
    this.platforms.set(platform.channel, platform);
    const left = await this.records?.outbox(platform.channel) ?? [];
    for (const e of left) this.count(e.channel, e.chatId, 1);
    if (left.length) this.log(`outbox: ${left.length} ${platform.channel} reply(ies) left from the last run will be sent`);
    this.start();
  }

  /** Aborted on stop: sends in flight end and their replies stay in the outbox. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /**
   * Sends a reply now, or puts it in the outbox when the platform does not take it. Resolves 'sent' or
   * 'queued'; rejects on a refusal that will not change (after logging it) or when it can be neither
   * sent nor kept.
   */
  async send(channel: string, chatId: string, method: string, payload: Record<string, unknown>): Promise<'sent' | 'queued'> {
    const platform = this.platforms.get(channel);
    if (!platform) throw new Error(`no platform ${channel}`);
    if (this.waiting.has(`${channel}:${chatId}`)) return this.queue(channel, chatId, method, payload, Date.now(), 'replies before it are waiting');
    for (let attempt = 0; ; attempt++) {
      try {
        await platform.call(method, payload, this.stopping.signal);
        return 'sent';
      } catch (err) {
        const f = platform.classify(err);
        if (this.stopping.signal.aborted) return this.queue(channel, chatId, method, payload, Date.now(), 'stopped while sending');
        if (!f.retry) {
          this.log(`${channel}: ${method} refused (${f.status}); not retried`);
          throw err;
        }
        const wait = f.waitMs ?? 0;
        if (attempt === 0 && f.waitMs !== undefined && wait <= this.policy.inlineWaitMs && !this.stopping.signal.aborted) {
          this.log(`${channel}: ${method} got ${f.status}; trying again in ${wait} ms`);
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        return this.queue(channel, chatId, method, payload, Date.now() + Math.max(wait, this.policy.firstWaitMs), f.status);
      }
    }
  }

  /** One attempt, nothing kept: for what is worth nothing later (a typing indicator). */
  async tryOnce(channel: string, method: string, payload: Record<string, unknown>): Promise<void> {
    await this.platforms.get(channel)?.call(method, payload, this.stopping.signal).catch(() => undefined);
  }

  private async queue(channel: string, chatId: string, method: string, payload: Record<string, unknown>, nextAt: number, why: string): Promise<'queued'> {
    if (!this.records) throw new Error(`${channel} ${method} failed (${why}) and there is no records file to keep it`);
    await this.records.enqueue(channel, chatId, method, payload, nextAt, why);
    this.count(channel, chatId, 1);
    this.log(`${channel}: ${method} not delivered (${why}); kept in the outbox, next try in ${seconds(nextAt - Date.now())}`);
    this.start();
    return 'queued';
  }

  private count(channel: string, chatId: string, delta: number): void {
    const key = `${channel}:${chatId}`;
    const n = (this.waiting.get(key) ?? 0) + delta;
    if (n > 0) this.waiting.set(key, n);
    else this.waiting.delete(key);
  }

  /** Starts looking for due entries (when there are any). */
  start(): void {
    if (this.timer || this.stopping.signal.aborted || this.waiting.size === 0) return;
    this.timer = setInterval(() => void this.tick(), this.policy.tickMs);
    this.timer.unref();
  }

  /** Sends what is due: each chat's entries in order, a chat stopping at its first failure. */
  async tick(): Promise<void> {
    if (this.ticking || !this.records) return;
    this.ticking = true;
    try {
      await this.sendDue();
    } catch (err) {
      this.log(`outbox: ${(err as Error).message}`);
    } finally {
      this.ticking = false;
      if (this.waiting.size === 0 && this.timer) { clearInterval(this.timer); this.timer = undefined; }
    }
  }

  private async sendDue(): Promise<void> {
    for (const platform of this.platforms.values()) {
      const blocked = new Set<string>();
      for (const e of await this.records!.outbox(platform.channel)) {
        if (this.stopping.signal.aborted) return;
        if (blocked.has(e.chatId) || e.nextAt > Date.now()) { blocked.add(e.chatId); continue; }
        if (!(await this.retry(platform, e))) blocked.add(e.chatId);
      }
    }
  }

  /** One more attempt at an entry; true when it left the outbox. */
  private async retry(platform: Platform, e: OutboxEntry): Promise<boolean> {
    const attempt = e.attempts + 1;
    const what = `${platform.channel}: outbox ${e.method} (attempt ${attempt}/${this.policy.maxAttempts})`;
    try {
      await platform.call(e.method, e.payload, this.stopping.signal);
      this.log(`${what} delivered`);
      return this.done(e);
    } catch (err) {
      const f = platform.classify(err);
      if (this.stopping.signal.aborted) return false;
      if (!f.retry || attempt >= this.policy.maxAttempts) {
        this.log(`${what} failed (${f.status}); given up`);
        return this.done(e);
      }
      const wait = Math.max(f.waitMs ?? 0, Math.min(this.policy.firstWaitMs * 2 ** (attempt - 1), this.policy.maxWaitMs));
      this.log(`${what} failed (${f.status}); next try in ${seconds(wait)}`);
      await this.records!.outboxRetry(e.id, attempt, Date.now() + wait, f.status);
      return false;
    }
  }

  private async done(e: OutboxEntry): Promise<true> {
    await this.records!.outboxDone(e.id);
    this.count(e.channel, e.chatId, -1);
    return true;
  }

  /** Stops: sends in flight are aborted (their replies stay in the outbox, sent at the next start). */
  stop(): void {
    this.stopping.abort();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
