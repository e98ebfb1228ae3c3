/**
 * A small typed client for the Zalo Bot Platform API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>).
 * Every response is `{ok, result}` or `{ok:false, error_code, description}`, validated with zod; failures
 * become `ZaloApiError`. Requests time out (30 s by default); transient failures (network, timeout, 429,
 * 5xx) are retried with exponential backoff. The token is part of the URL, so no URL is ever put in an
 * error message or a log line.
 */
import { z } from 'zod';

export const ZaloMessage = z.object({
  message_id: z.union([z.string(), z.number()]).transform(String),
  from: z.object({ id: z.union([z.string(), z.number()]).transform(String), display_name: z.string().optional(), name: z.string().optional(), is_bot: z.boolean().optional() }).passthrough(),
  chat: z.object({ id: z.union([z.string(), z.number()]).transform(String), chat_type: z.string().optional() }).passthrough(),
  date: z.number().optional(),
  text: z.string().optional(),
}).passthrough();

export type ZaloMessage = z.infer<typeof ZaloMessage>;

export const ZaloUpdate = z.object({
  event_name: z.string(),
  message: ZaloMessage.optional(),
}).passthrough();
export type ZaloUpdate = z.infer<typeof ZaloUpdate>;

const ApiResponse = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error_code: z.number().optional(), description: z.string().optional() }),
]);

export class ZaloApiError extends Error {
  constructor(readonly method: string, readonly code: number | undefined, readonly description: string, readonly transient: boolean) {
    super(`Zalo ${method} failed${code !== undefined ? ` (${code})` : ''}: ${description}`);
    this.name = 'ZaloApiError';
  }
}

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  /** Per request, in ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, for transient failures. */
  retries?: number;
  /** First backoff delay in ms; doubles each retry. */
  backoffMs?: number;
  log?: (m: string) => void;
}

export class ZaloClient {
  private readonly apiRoot: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly log: (m: string) => void;

  constructor(private readonly opts: ZaloClientOptions) {
    this.apiRoot = (opts.apiRoot ?? 'https://bot-api.zaloplatforms.com').replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.backoffMs = opts.backoffMs ?? 500;
    this.log = opts.log ?? (() => {});
  }

  /** One call, retried while the failure is transient (`retries` overrides the client's number for this call). */
  async call(method: string, params: Record<string, unknown> = {}, opts: { timeoutMs?: number; signal?: AbortSignal; retries?: number } = {}): Promise<unknown> {
    const retries = opts.retries ?? this.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, params, opts.timeoutMs ?? this.timeoutMs, opts.signal);
      } catch (err) {
        const e = err as ZaloApiError;
        if (!(e instanceof ZaloApiError) || !e.transient || attempt >= retries || opts.signal?.aborted) throw err;
        const delay = this.backoffMs * 2 ** attempt;
        this.log(`${e.message}; retrying in ${delay} ms (${attempt + 1}/${retries})`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async once(method: string, params: Record<string, unknown>, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${this.apiRoot}/bot${this.opts.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      if (signal?.aborted) throw new ZaloApiError(method, undefined, 'aborted', false);
      const timedOut = timeout.aborted;
      throw new ZaloApiError(method, undefined, timedOut ? `no answer within ${timeoutMs} ms` : `network error (${(err as Error).name})`, true);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ZaloApiError(method, res.status, `HTTP ${res.status} with a body that is not JSON`, res.status >= 500 || res.status === 429);
    }
    const parsed = ApiResponse.safeParse(body);
    if (!parsed.success) throw new ZaloApiError(method, res.status, 'unexpected response shape', res.status >= 500);
    if (!parsed.data.ok) {
      const code = parsed.data.error_code ?? res.status;
      throw new ZaloApiError(method, code, parsed.data.description ?? 'no description', code === 429 || code >= 500 || res.status >= 500);
    }
    return parsed.data.result;
  }

  getMe(): Promise<unknown> {
    return this.call('getMe');
  }

  /** Waits up to `timeoutSeconds` for the next updates (the platform returns one per call). */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate[]> {
    let result: unknown;
    try {
      result = await this.call('getUpdates', { timeout: String(timeoutSeconds) }, { timeoutMs: (timeoutSeconds + 10) * 1000, signal });
    } catch (err) {
      // the platform answers an empty long poll with error 408
      if (err instanceof ZaloApiError && err.code === 408) return [];
      throw err;
    }
    const list = Array.isArray(result) ? result : result ? [result] : [];
    const updates: ZaloUpdate[] = [];
    for (const item of list) {
      const u = ZaloUpdate.safeParse(item);
      if (u.success) updates.push(u.data);
      else this.log('Zalo getUpdates: an update of unexpected shape was skipped');
    }
    return updates;
  }

  setWebhook(url: string, secretToken: string): Promise<unknown> {
    return this.call('setWebhook', { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call('deleteWebhook');
  }

  getWebhookInfo(): Promise<unknown> {
    return this.call('getWebhookInfo');
  }

  sendMessage(chatId: string, text: string): Promise<unknown> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }

  sendChatAction(chatId: string, action: 'typing' = 'typing'): Promise<unknown> {
    return this.call('sendChatAction', { chat_id: chatId, action });
  }
}
