/**
 * Recent answers, kept in memory so follow-ups (more sources, the full source, feedback) work by a short
 * key that fits Telegram's 64-byte callback data. Bounded in size and age: an old key is "stale".
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from '../answer/reply.js';
import type { Hit } from '../search/engine.js';

export interface RememberedAnswer {
  reply: Reply;
  /** The chat it was sent to, "channel:chatId": its buttons work there only. */
  chat?: string;
  /** The search hits behind an answer (none for a list). */
  hits: Hit[];
  moreShown: number;
  at: number;
}

export class AnswerMemory {
  private readonly answers = new Map<string, RememberedAnswer>();

  constructor(private readonly maxEntries = 5000, private readonly maxAgeMs = 24 * 3600_000) {}

  /** Stores an answer and returns its key (10 url-safe characters). */
  remember(a: Omit<RememberedAnswer, 'moreShown' | 'at'>): string {
    const key = randomBytes(8).toString('base64url').slice(0, 10);
    this.answers.set(key, { ...a, moreShown: 0, at: Date.now() });
    if (this.answers.size > this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    return key;
  }

  get(key: string): RememberedAnswer | undefined {
    const a = this.answers.get(key);
    if (!a) return undefined;
    if (Date.now() - a.at > this.maxAgeMs) {
      this.answers.delete(key);
      return undefined;
    }
    return a;
  }

  clear(): void {
    this.answers.clear();
  }
}
