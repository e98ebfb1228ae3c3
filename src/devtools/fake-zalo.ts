/**
 * A fake Zalo Bot Platform server on 127.0.0.1 for the end-to-end tests: the same URL shape
 * (/bot<TOKEN>/<method>) and `{ok, result}` answers. getUpdates returns one queued update per call
 * (waiting up to its timeout, then error 408 as the platform does); calls are recorded; the next calls
 * of a method can be made to fail (an API error, a 500, or no answer at all, for timeouts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiServer } from './fake-api-server.js';

export type { ApiCall as ZaloCall } from './fake-api-server.js';

type Failure = { kind: 'error'; code: number; description: string } | { kind: 'http500' } | { kind: 'hang' };

export class FakeZaloApi extends FakeApiServer<Failure> {
  private queue: unknown[] = [];

  constructor(readonly token = 'zalo-test-token-123') {
    super();
  }

  /** Queues an update for getUpdates. */
  push(update: unknown): void {
    this.queue.push(update);
    this.wake();
  }

  static textEvent(text: string, opts: { messageId?: string; chatId?: string; userId?: string } = {}) {
    const userId = opts.userId ?? 'u-1';
    return {
      event_name: 'message.text.received',
      message: {
        message_id: opts.messageId ?? `m-${Math.random().toString(36).slice(2)}`,
        from: { id: userId, display_name: 'Cán bộ', is_bot: false },
        chat: { id: opts.chatId ?? userId, chat_type: 'PRIVATE' },
        date: Date.now(),
        text,
      },
    };
  }

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || m[1] !== this.token) return this.json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const params = await this.readParams(req);
    const { failure } = this.record(m[2], params);
    if (failure?.kind === 'hang') return; // no answer: the client's timeout has to act
    if (failure?.kind === 'http500') return this.json(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    if (failure?.kind === 'error') return this.json(res, 200, { ok: false, error_code: failure.code, description: failure.description });
    switch (m[2]) {
      case 'getMe': return this.json(res, 200, { ok: true, result: { id: 'bot-1', account_name: 'bot.hoidap', account_type: 'BASIC', can_join_groups: false } });
      case 'getUpdates': {
        if (this.queue.length === 0) await this.waitForWork(Number(params.timeout ?? 0));
        const next = this.queue.shift();
        return next ? this.json(res, 200, { ok: true, result: next }) : this.json(res, 200, { ok: false, error_code: 408, description: 'Request timeout' });
      }
      case 'sendMessage': return this.json(res, 200, { ok: true, result: { message_id: `s-${this.calls.length}`, date: Date.now() } });
      default: return this.json(res, 200, { ok: true, result: true });
    }
  }
}
