/**
 * Our own HTTP server for webhooks (Telegram and Zalo on one port). Each route checks its secret header
 * in constant time (401, nothing processed), accepts only JSON (the content type exactly) up to a size
 * limit and of the shape the route expects (400 otherwise), and acknowledges (200) once the route has
 * recorded the delivery durably; handling goes on after. A delivery that cannot be recorded gets 503, so
 * the platform delivers it again. Headers, bodies and idle connections have time limits and connections a
 * cap; a refused request's connection is closed. While stopping, new deliveries get 503 too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** One platform's webhook: its path, its secret, and what records a delivery. */
export interface WebhookRoute {
  path: string;
  /** Header holding the shared secret, lower case. */
  secretHeader: string;
  secret: string;
  /** Whether a parsed body has the shape of a delivery (an update with its id): 400 otherwise. */
  accepts: (body: unknown) => boolean;
  /** Records the delivery and starts handling it; resolves once it is recorded, rejects when it cannot be. */
  accept: (body: unknown) => Promise<unknown>;
}

/** The server's limits; the defaults suit a platform that delivers small bodies at once. */
export interface WebhookLimits {
  /** Time for a request's headers to arrive. */
  headersMs: number;
  /** Time for a whole request, body included (a body sent slowly is cut off). */
  requestMs: number;
  /** How long an idle kept-alive connection stays open. */
  idleMs: number;
  /** Connections open at once; more are refused by the operating system's backlog. */
  maxConnections: number;
}

// Telegram and Zalo send a delivery at once: 10 s for headers and 15 s in all is ample, and a client that
// holds a connection longer is not a platform. 5 s keep-alive matches Node's default; 512 connections is
// well over the platforms' parallel deliveries (Telegram's max_connections defaults to 40).
export const DEFAULT_LIMITS: WebhookLimits = { headersMs: 10_000, requestMs: 15_000, idleMs: 5_000, maxConnections: 512 };

// JSON, with at most a charset: "application/jsonp" or "application/json-seq" are not it.
const JSON_TYPE = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i;

/** The largest body taken (a platform's delivery is a few kilobytes). */
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
    // cut off by a time limit: the body never ends, and nothing waits for it
    req.on('close', () => { if (!req.complete) reject(new Error('request closed before its body ended')); });
  });
}

/** The HTTP server both platforms deliver to (see the module comment). */
export class WebhookServer {
  private readonly server: Server;
  private readonly inFlight = new Set<Promise<boolean>>();
  private stopping = false;

  constructor(private readonly routes: WebhookRoute[], private readonly log: (m: string) => void = console.error, limits: WebhookLimits = DEFAULT_LIMITS) {
    this.server = createServer({
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      keepAliveTimeout: limits.idleMs,
      // how often the time limits are checked (Node's default is every 30 s)
      connectionsCheckingInterval: Math.min(1000, limits.requestMs / 2),
    }, (req, res) => void this.serve(req, res));
    this.server.maxConnections = limits.maxConnections;
  }

  private send(res: ServerResponse, status: number, body: object): void {
    // a refused request's connection is not kept: a client sending junk does not hold it open
    const headers = { 'content-type': 'application/json', ...(status >= 400 ? { connection: 'close' } : {}) };
    res.writeHead(status, headers).end(JSON.stringify(body));
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
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
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
    if (!route.accepts(body)) return this.send(res, 400, { ok: false, description: 'not a delivery' });
    const recording = route.accept(body).then(() => true, (err: Error) => {
      this.log(`webhook ${route.path}: not recorded, not acknowledged: ${err.message}`);
      return false;
    });
    this.inFlight.add(recording);
    const recorded = await recording;
    this.inFlight.delete(recording);
    if (recorded) this.send(res, 200, { ok: true });
    else this.send(res, 503, { ok: false, description: 'could not record the delivery; deliver it again' });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve(this.server.address() as AddressInfo));
    });
  }

  /** Refuses new deliveries, waits for those being recorded, then closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.inFlight);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
