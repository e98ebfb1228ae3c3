/**
 * Follow-ups typed as short replies, for channels without buttons (Zalo, the terminal): after an answer,
 * "1" shows more sources, "2" the full cited passage, 👍/👎 rate it; after a list, "tiếp" and "lùi" turn
 * its pages. The last answer is remembered per chat for a few minutes.
 */
import type { ListReply } from '../answer/list.js';
import type { Action, Reply } from '../answer/reply.js';
import { pagingWords } from '../lexicon.js';
import type { Channel, Dialog } from './dialog.js';

const HINTS: Record<Action['kind'], string> = {
  more: 'Gõ 1 để xem thêm nguồn',
  source: '2 để xem toàn văn đoạn trích',
  feedback: '👍 hoặc 👎 để đánh giá',
};

/** The typed follow-ups a reply offers, as one line: "Gõ 1 để xem thêm nguồn · 2 … · 👍 hoặc 👎 …" (a list's page hint is in the list). */
export function followUpHint(reply: Reply): string {
  if (reply.kind === 'list') return reply.entries.length ? 'Gõ 👍 hoặc 👎 để đánh giá' : '';
  return reply.kind === 'answer' ? reply.actions.map((a) => HINTS[a.kind]).join(' · ') : '';
}

export type FollowUp =
  | { kind: 'more'; excerpts: NonNullable<ReturnType<Dialog['more']>> }
  | { kind: 'page'; reply: ListReply }
  | { kind: 'source'; reply: Reply }
  | { kind: 'feedback'; text: string }
  | { kind: 'expired'; text: string };

export class TypedFollowUps {
  private readonly last = new Map<string, { key: string; at: number }>();
  /** What turns a list's pages ("tiếp", "lùi"), from lexicon/followups.json. */
  private readonly paging = pagingWords();

  constructor(private readonly dialog: Dialog, private readonly ttlMs = 10 * 60_000) {}

  /** Remembers the answer just sent to a chat. */
  answered(chatId: string, answerKey: string): void {
    this.last.set(chatId, { key: answerKey, at: Date.now() });
    if (this.last.size > 20_000) this.last.delete(this.last.keys().next().value!);
  }

  /** Reads `text` as a follow-up to the chat's last answer; undefined when it is not one. */
  read(channel: Channel, chatId: string, userId: string, text: string): FollowUp | undefined {
    const t = text.normalize('NFC').trim().toLowerCase();
    const kind = t === '1' ? 'more' : t === '2' ? 'source' : /^(👍|\+1)$/u.test(t) ? 'up' : /^(👎|-1)$/u.test(t) ? 'down'
      : this.paging.next.has(t) ? 'next' : this.paging.previous.has(t) ? 'previous' : undefined;
    if (!kind) return undefined;
    const entry = this.last.get(chatId);
    const key = entry && Date.now() - entry.at < this.ttlMs ? entry.key : undefined;
    const expired: FollowUp = { kind: 'expired', text: 'Câu trả lời trước đã quá lâu hoặc chưa có. Bạn hãy gõ lại câu hỏi nhé.' };
    if (!key) return expired;
    if (kind === 'next' || kind === 'previous') {
      const turned = this.dialog.turnPage(key, kind === 'next' ? 1 : -1);
      if (!turned) return { kind: 'expired', text: 'Câu trả lời trước không phải danh sách. Bạn hãy gõ câu hỏi mới nhé.' };
      if (!turned.moved) return { kind: 'feedback', text: kind === 'next' ? 'Đây là trang cuối của danh sách.' : 'Đây là trang đầu của danh sách.' };
      return { kind: 'page', reply: turned.reply };
    }
    if ((kind === 'more' || kind === 'source') && this.dialog.remembered(key)?.reply.kind === 'list') {
      return { kind: 'feedback', text: 'Mỗi dòng của danh sách đã ghi nguồn (văn bản, dòng). Gõ "tiếp" để xem trang sau, "lùi" để xem trang trước.' };
    }
    if (kind === 'more') {
      const excerpts = this.dialog.more(key);
      return excerpts ? { kind: 'more', excerpts } : expired;
    }
    if (kind === 'source') {
      const reply = this.dialog.source(key);
      return reply ? { kind: 'source', reply } : expired;
    }
    const ok = this.dialog.feedback(key, channel, userId, kind === 'up' ? 1 : -1);
    return ok ? { kind: 'feedback', text: 'Cảm ơn bạn đã đánh giá!' } : expired;
  }
}
