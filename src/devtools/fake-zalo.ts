/**
 * A fake Zalo Bot Platform server on 127.0.0.1 for the end-to-end tests: the same URL shape
 * (/bot<TOKEN>/<method>) and `{ok, result}` answers. getUpdates returns one queued update per call
 * (waiting up to its timeout); calls are recorded; the next calls of a method can be made to fail
 * (an API error, a 500, or no answer at all, for timeouts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloCall {
  method: string;
  params: Record<string, any>;
}

type Failure = { kind: 'error'; code: number; description: string } | { kind: 'http500' } | { kind: 'hang' };

export class FakeZaloApi {
  readonly calls: ZaloCall[] = [];
  private readonly server: Server;
  private queue: unknown[] = [];
  private waiters: Array<() => void> = [];
  private failures = new Map<string, Failure[]>();
  private listeners: Array<(c: ZaloCall) => void> = [];
  private hanging: ServerResponse[] = [];
  url = '';

  constructor(readonly token = 'zalo-test-token-123') {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.waiters.splice(0).forEach((w) => w());
    this.hanging.forEach((r) => r.destroy());
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  failNext(method: string, failure: Failure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Queues an update for getUpdates. */
  push(update: unknown): void {
    this.queue.push(update);
    this.waiters.splice(0).forEach((w) => w());
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

  sent(method: string): ZaloCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  waitForCall(pred: (c: ZaloCall) => boolean, timeoutMs = 5000): Promise<ZaloCall> {
    const found = this.calls.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no matching Zalo call within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (c: ZaloCall) => {
        if (!pred(c)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(c);
      };
      this.listeners.push(listener);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => { res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)); };
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || m[1] !== this.token) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let params: Record<string, any> = {};
    try { params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'); } catch { /* empty */ }
    const call = { method: m[2], params };
    this.calls.push(call);
    this.listeners.slice().forEach((l) => l(call));
    const failure = this.failures.get(call.method)?.shift();
    if (failure?.kind === 'hang') { this.hanging.push(res); return; }
    if (failure?.kind === 'http500') return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    if (failure?.kind === 'error') return reply(200, { ok: false, error_code: failure.code, description: failure.description });
    switch (call.method) {
      case 'getMe': return reply(200, { ok: true, result: { id: 'bot-1', account_name: 'bot.hoidap', account_type: 'BASIC', can_join_groups: false } });
      case 'getUpdates': {
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(Number(params.timeout ?? 0), 2) * 1000);
            this.waiters.push(() => { clearTimeout(t); resolve(); });
          });
        }
        const next = this.queue.shift();
        return next ? reply(200, { ok: true, result: next }) : reply(200, { ok: false, error_code: 408, description: 'Request timeout' });
      }
      case 'sendMessage': return reply(200, { ok: true, result: { message_id: `s-${this.calls.length}`, date: Date.now() } });
      default: return reply(200, { ok: true, result: true });
    }
  }
}
