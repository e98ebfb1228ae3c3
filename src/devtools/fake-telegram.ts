/**
 * A fake Telegram Bot API server on 127.0.0.1, for the end-to-end tests and the benchmark: grammY talks
 * HTTP to it exactly as to api.telegram.org. It queues updates for getUpdates (long polling), records
 * every call, and can be told to fail the next calls of a method: 429 with retry_after, 500, 400, 403, a
 * request left without an answer (hang), or a connection dropped mid-request (drop).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiServer, type ApiCall } from './fake-api-server.js';

export type { ApiCall } from './fake-api-server.js';

/**
 * A 429 (with retry_after), a 5xx or a 4xx; or, with `slowMs`, a success that takes that long (a slow
 * network); `hang` never answers, `drop` closes the connection without an answer.
 */
interface Failure {
  status: 429 | 500 | 200 | 400 | 403 | 'hang' | 'drop';
  retryAfter?: number;
  slowMs?: number;
}

export const FAKE_BOT = { id: 4242, is_bot: true, first_name: 'Hỏi đáp TT&TT', username: 'hoidap_tttt_bot' };

export class FakeTelegramApi extends FakeApiServer<Failure> {
  private updates: any[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;

  /** Queues an update (update_id is assigned) for the bot's next getUpdates. */
  pushUpdate(update: Record<string, unknown>): number {
    const id = this.nextUpdateId++;
    this.updates.push({ update_id: id, ...update });
    this.wake();
    return id;
  }

  /** A text message from a user, as an update body. */
  static textUpdate(text: string, opts: { chatId?: number; userId?: number; chatType?: string; isBot?: boolean; replyToBot?: boolean } = {}) {
    const userId = opts.userId ?? 111;
    const chat = { id: opts.chatId ?? userId, type: opts.chatType ?? 'private', ...(opts.chatType && opts.chatType !== 'private' ? { title: 'Nhóm' } : { first_name: 'Cán bộ' }) };
    return {
      message: {
        message_id: Math.floor(Math.random() * 1e6), date: Math.floor(Date.now() / 1000), chat,
        from: { id: userId, is_bot: opts.isBot ?? false, first_name: 'Cán bộ' }, text,
        ...(opts.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat, from: FAKE_BOT, text: 'trước' } } : {}),
      },
    };
  }

  /** Calls of one method to one chat. */
  sentTo(method: string, chatId: number): ApiCall[] {
    return this.sent(method).filter((c) => Number(c.params.chat_id) === chatId);
  }

  protected override isFailure(failure: Failure): boolean {
    return failure.status !== 200;
  }

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m) return this.json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const params = await this.readParams(req);
    const { failure } = this.record(m[2], params);
    if (failure?.status === 429) {
      const retryAfter = failure.retryAfter ?? 1;
      return this.json(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    if (failure?.status === 500) return this.json(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    if (failure?.status === 400) return this.json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    if (failure?.status === 403) return this.json(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    if (failure?.status === 'hang') return; // the connection stays open until the caller gives up or the fake stops
    if (failure?.status === 'drop') return void req.socket.destroy();
    if (failure?.slowMs) await new Promise((r) => setTimeout(r, failure.slowMs));
    this.json(res, 200, { ok: true, result: await this.result(m[2], params) });
  }

  private async result(method: string, p: Record<string, any>): Promise<unknown> {
    const message = () => ({ message_id: Number(p.message_id ?? this.nextMessageId++), date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'private' }, text: p.text });
    switch (method) {
      case 'getMe': return FAKE_BOT;
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        this.updates = this.updates.filter((u) => u.update_id >= offset);
        if (this.updates.length === 0 && Number(p.timeout ?? 0) > 0) await this.waitForWork(Number(p.timeout));
        return this.updates.filter((u) => u.update_id >= offset).slice(0, Number(p.limit ?? 100));
      }
      case 'sendMessage':
      case 'editMessageText':
        return message();
      default: return true;
    }
  }
}
