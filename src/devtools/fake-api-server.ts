/**
 * What the fake Telegram and Zalo API servers share: an HTTP server on 127.0.0.1 with a random port, a
 * record of every call, failures to inject into the next calls of a method, and a way to wait for a call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  params: Record<string, any>;
  at: number;
  /** True when the fake answered this call with an injected failure. */
  failed: boolean;
}

export abstract class FakeApiServer<Failure> {
  readonly calls: ApiCall[] = [];
  url = '';
  private readonly server: Server;
  private readonly failures = new Map<string, Array<{ failure: Failure; only?: (params: Record<string, any>) => boolean }>>();
  private listeners: Array<(c: ApiCall) => void> = [];
  private waiters: Array<() => void> = [];
  private readonly open = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((req, res) => {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      void this.route(req, res);
    });
  }

  /** Answers one request. */
  protected abstract route(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** Whether an injected behaviour makes the call fail (a slow success does not). */
  protected isFailure(_failure: Failure): boolean {
    return true;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.wake();
    this.open.forEach((r) => r.destroy());
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * Makes the next `count` calls of `method` fail with `failure`; with `only`, the next calls whose params
   * it accepts (a test's own chat), so a reply still in flight from another test takes none of them.
   */
  failNext(method: string, failure: Failure, count = 1, only?: (params: Record<string, any>) => boolean): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push({ failure, only });
    this.failures.set(method, list);
  }

  /** Calls of one method. */
  sent(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call from index `after` on (past or future) matching `pred`; rejects after `timeoutMs`. */
  waitForCall(pred: (c: ApiCall) => boolean, timeoutMs = 5000, after = 0): Promise<ApiCall> {
    const found = this.calls.slice(after).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no matching API call within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (c: ApiCall) => {
        if (!pred(c)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(c);
      };
      this.listeners.push(listener);
    });
  }

  /** Records a call, taking the failure injected for it if any. */
  protected record(method: string, params: Record<string, any>): { call: ApiCall; failure?: Failure } {
    const list = this.failures.get(method) ?? [];
    const at = list.findIndex((f) => !f.only || f.only(params));
    const failure = at >= 0 ? list.splice(at, 1)[0].failure : undefined;
    const call: ApiCall = { method, params, at: Date.now(), failed: failure !== undefined && this.isFailure(failure) };
    this.calls.push(call);
    this.listeners.slice().forEach((l) => l(call));
    return { call, failure };
  }

  /** The request's JSON (or form) body as an object. */
  protected async readParams(req: IncomingMessage): Promise<Record<string, any>> {
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

  protected json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  /** Long polling: waits until `wake` is called or `seconds` pass (at most 2 s, to keep tests quick). */
  protected waitForWork(seconds: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.min(seconds, 2) * 1000);
      this.waiters.push(() => { clearTimeout(t); resolve(); });
    });
  }

  protected wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }
}
