/**
 * Follow-ups typed as short replies, for channels without buttons (Zalo, the terminal): after an answer,
 * "1" shows more sources, "2" the full cited passage, 👍/👎 rate it. The last answer is remembered per
 * chat for a few minutes.
 */
import type { Action, Reply } from '../answer/reply.js';
import type { Channel, Dialog } from './dialog.js';

const HINTS: Record<Action['kind'], string> = {
  more: 'Gõ 1 để xem thêm nguồn',
  source: '2 để xem toàn văn đoạn trích',
  feedback: '👍 hoặc 👎 để đánh giá',
};

/** The typed follow-ups a reply offers, as one line: "Gõ 1 để xem thêm nguồn · 2 … · 👍 hoặc 👎 …". */
export function followUpHint(reply: Reply): string {
  return reply.kind === 'answer' ? reply.actions.map((a) => HINTS[a.kind]).join(' · ') : '';
}

export type FollowUp =
  | { kind: 'more'; excerpts: NonNullable<ReturnType<Dialog['more']>> }
  | { kind: 'source'; reply: Reply }
  | { kind: 'feedback'; text: string }
  | { kind: 'expired'; text: string };

export class TypedFollowUps {
  private readonly last = new Map<string, { key: string; at: number }>();

  constructor(private readonly dialog: Dialog, private readonly ttlMs = 10 * 60_000) {}

  /** Remembers the answer just sent to a chat. */
  answered(chatId: string, answerKey: string): void {
    this.last.set(chatId, { key: answerKey, at: Date.now() });
    if (this.last.size > 20_000) this.last.delete(this.last.keys().next().value!);
  }

  /** Reads `text` as a follow-up to the chat's last answer; undefined when it is not one. */
  read(channel: Channel, chatId: string, userId: string, text: string): FollowUp | undefined {
    const t = text.trim();
    const kind = t === '1' ? 'more' : t === '2' ? 'source' : /^(👍|\+1)$/u.test(t) ? 'up' : /^(👎|-1)$/u.test(t) ? 'down' : undefined;
    if (!kind) return undefined;
    const entry = this.last.get(chatId);
    const key = entry && Date.now() - entry.at < this.ttlMs ? entry.key : undefined;
    const expired: FollowUp = { kind: 'expired', text: 'Câu trả lời trước đã quá lâu hoặc chưa có. Bạn hãy gõ lại câu hỏi nhé.' };
    if (!key) return expired;
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
