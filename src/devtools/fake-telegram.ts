/**
 * A fake Telegram Bot API server on 127.0.0.1, for the end-to-end tests and the benchmark: grammY talks
 * HTTP to it exactly as to api.telegram.org. It queues updates for getUpdates (long polling), records
 * every call, and can be told to fail the next calls of a method (429 with retry_after, or 500).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  params: Record<string, any>;
  at: number;
  /** True when the fake answered this call with an injected failure. */
  failed: boolean;
}

interface Failure {
  status: 429 | 500;
  retryAfter?: number;
}

export const FAKE_BOT = { id: 4242, is_bot: true, first_name: 'Hỏi đáp TT&TT', username: 'hoidap_tttt_bot' };

export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  private readonly server: Server;
  private updates: any[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiters: Array<() => void> = [];
  private failures = new Map<string, Failure[]>();
  private callListeners: Array<(c: ApiCall) => void> = [];
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.waiters.forEach((w) => w());
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Makes the next `count` calls of `method` fail. */
  failNext(method: string, failure: Failure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Queues an update (update_id is assigned) for the bot's next getUpdates. */
  pushUpdate(update: Record<string, unknown>): number {
    const id = this.nextUpdateId++;
    this.updates.push({ update_id: id, ...update });
    this.waiters.splice(0).forEach((w) => w());
    return id;
  }

  /** A text message from a user, as an update body. */
  static textUpdate(text: string, opts: { chatId?: number; userId?: number; chatType?: string; isBot?: boolean; replyToBot?: boolean; entities?: any[] } = {}) {
    const userId = opts.userId ?? 111;
    const chat = { id: opts.chatId ?? userId, type: opts.chatType ?? 'private', ...(opts.chatType && opts.chatType !== 'private' ? { title: 'Nhóm' } : { first_name: 'Cán bộ' }) };
    return {
      message: {
        message_id: Math.floor(Math.random() * 1e6), date: Math.floor(Date.now() / 1000), chat,
        from: { id: userId, is_bot: opts.isBot ?? false, first_name: 'Cán bộ' }, text,
        ...(opts.entities ? { entities: opts.entities } : {}),
        ...(opts.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat, from: FAKE_BOT, text: 'trước' } } : {}),
      },
    };
  }

  /** Calls of one method (optionally to one chat). */
  sent(method: string, chatId?: number): ApiCall[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || Number(c.params.chat_id) === chatId));
  }

  /** Resolves with the first call (past or future) matching `pred`, or rejects after `timeoutMs`. */
  waitForCall(pred: (c: ApiCall) => boolean, timeoutMs = 5000, after = 0): Promise<ApiCall> {
    const found = this.calls.slice(after).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.callListeners = this.callListeners.filter((l) => l !== listener);
        reject(new Error('no matching Bot API call within ' + timeoutMs + ' ms'));
      }, timeoutMs);
      const listener = (c: ApiCall) => {
        if (!pred(c)) return;
        clearTimeout(timer);
        this.callListeners = this.callListeners.filter((l) => l !== listener);
        resolve(c);
      };
      this.callListeners.push(listener);
    });
  }

  private async readParams(req: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!raw) return {};
    try {
      return JSON.parse(raw);
    } catch {
      return Object.fromEntries(new URLSearchParams(raw));
    }
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const method = m[2];
    const params = await this.readParams(req);
    const failure = this.failures.get(method)?.shift();
    const call: ApiCall = { method, params, at: Date.now(), failed: failure !== undefined };
    this.calls.push(call);
    this.callListeners.slice().forEach((l) => l(call));
    if (failure?.status === 429) {
      return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${failure.retryAfter ?? 1}`, parameters: { retry_after: failure.retryAfter ?? 1 } } };
    }
    if (failure?.status === 500) return { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } };
    return { status: 200, body: { ok: true, result: await this.result(method, params) } };
  }

  private async result(method: string, p: Record<string, any>): Promise<unknown> {
    switch (method) {
      case 'getMe': return FAKE_BOT;
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        this.updates = this.updates.filter((u) => u.update_id >= offset);
        if (this.updates.length === 0 && Number(p.timeout ?? 0) > 0) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(Number(p.timeout), 2) * 1000);
            this.waiters.push(() => { clearTimeout(t); resolve(); });
          });
        }
        return this.updates.filter((u) => u.update_id >= offset).slice(0, Number(p.limit ?? 100));
      }
      case 'sendMessage':
        return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'private' }, text: p.text };
      case 'editMessageText':
        return { message_id: Number(p.message_id ?? 1), date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'private' }, text: p.text };
      default: return true;
    }
  }
}
