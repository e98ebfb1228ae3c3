/**
 * Our own HTTP server for webhooks (Telegram and Zalo on one port). Each route checks its secret header
 * in constant time (401, nothing processed), accepts only JSON up to a size limit, and either acknowledges
 * after handling (Telegram: nothing is acknowledged that was not handled) or at once (Zalo).
 * While stopping, new deliveries get 503 so the platform delivers them again later.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface WebhookRoute {
  path: string;
  /** Header holding the shared secret, lower case. */
  secretHeader: string;
  secret: string;
  /** Answer 200 before handling (the platform wants a quick answer) instead of after. */
  ackFirst: boolean;
  handle: (body: unknown) => Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Compares two secrets in time independent of where they differ. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { resolve('too-large'); req.resume(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class WebhookServer {
  private readonly server: Server;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly routes: WebhookRoute[], private readonly log: (m: string) => void = console.error) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  private send(res: ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') return this.send(res, 200, { ok: true });
    const route = this.routes.find((r) => r.path === url.pathname);
    if (!route) return this.send(res, 404, { ok: false, description: 'not found' });
    if (req.method !== 'POST') return this.send(res, 405, { ok: false, description: 'POST only' });
    if (this.stopping) return this.send(res, 503, { ok: false, description: 'stopping' });
    const given = req.headers[route.secretHeader];
    if (!secretMatches(Array.isArray(given) ? given[0] : given, route.secret)) {
      req.resume();
      return this.send(res, 401, { ok: false, description: 'unauthorized' });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return this.send(res, 415, { ok: false, description: 'JSON only' });
    }
    const raw = await readBody(req, MAX_BODY_BYTES).catch(() => undefined);
    if (raw === undefined) return this.send(res, 400, { ok: false, description: 'unreadable body' });
    if (raw === 'too-large') return this.send(res, 413, { ok: false, description: 'body too large' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return this.send(res, 400, { ok: false, description: 'invalid JSON' });
    }
    if (route.ackFirst) this.send(res, 200, { ok: true });
    const work = route.handle(body).catch((err: Error) => this.log(`webhook ${route.path}: ${err.message}`));
    this.inFlight.add(work);
    await work;
    this.inFlight.delete(work);
    if (!route.ackFirst) this.send(res, 200, { ok: true });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve(this.server.address() as AddressInfo));
    });
  }

  /** Refuses new deliveries, waits for those being handled, then closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.inFlight);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
