/**
 * The Zalo bot on the official Zalo Bot Platform, over the shared dialog. Webhook mode when a webhook URL
 * is configured (our HTTP server checks the secret header and answers 200 once the delivery is recorded
 * in the inbox), otherwise long polling with getUpdates after clearing any webhook. A message delivered
 * twice (same chat and message id, across restarts) is answered once. Replies go through the outbox: plain
 * text, at most 2,000 characters a message; follow-ups are typed ("1", "2", 👍, 👎) since Zalo has no
 * buttons.
 */
import { PLAIN, renderMore, renderText } from '../src/answer/render-text.js';
import { splitMessage } from '../src/answer/split-message.js';
import { COMMANDS } from '../src/conversation/commands.js';
import { ONLY_TEXT, type Dialog } from '../src/conversation/dialog.js';
import { followUpHint, TypedFollowUps } from '../src/conversation/typed-followups.js';
import type { Accepted, Inbox } from '../src/delivery/inbox.js';
import { Backoff, keepTrying, pause } from '../src/delivery/keep-trying.js';
import type { Failure, Outbox, Platform } from '../src/delivery/outbox.js';
import type { WebhookRoute } from '../src/webhook-server.js';
import { ZaloApiError, ZaloClient, ZaloUpdate, type ZaloClientOptions, type ZaloMessage } from '../src/zalo/client.js';

/** Characters a Zalo message may hold. */
export const ZALO_LIMIT = 2000;
// every command of the one table, typed with or without its slash
const COMMAND_WORDS = COMMANDS.map((c) => c.name as string);
// a reply is sent once, in 10 s at most; what fails goes to the outbox, whose worker tries again
const SEND_TIMEOUT_MS = 10_000;

/** What the Zalo bot is built from. */
export interface ZaloOptions extends ZaloClientOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  log: (m: string) => void;
  /** Where deliveries are recorded before they are acknowledged. */
  inbox: Inbox;
  /** Where replies go: sent now, or kept and sent later. */
  outbox: Outbox;
  /** Ends start-up retries (SIGTERM while the API is unreachable). */
  signal?: AbortSignal;
  /** Long-poll wait in seconds (tests shorten it). */
  pollSeconds?: number;
  /** Characters per message; Zalo's limit unless a deployment needs less. */
  messageLimit?: number;
}

/** A started Zalo bot: how to stop it, and its webhook route in webhook mode. */
export interface RunningZalo {
  stop: () => Promise<void>;
  webhookRoute?: WebhookRoute;
}

/** How the outbox treats a failed Zalo call: what the client calls transient is tried again. */
export function classifyZalo(err: unknown): Failure {
  if (err instanceof ZaloApiError) return { retry: err.transient, status: err.code !== undefined ? `${err.code} ${err.description}` : err.description };
  return { retry: true, status: String((err as Error)?.message ?? err) };
}

/** The Zalo Bot API as the outbox uses it: one attempt a call, the outbox does the retrying. */
export function zaloPlatform(client: ZaloClient, timeoutMs = SEND_TIMEOUT_MS): Platform {
  return { channel: 'zalo', call: (method, payload, signal) => client.call(method, payload, { signal, retries: 0, timeoutMs }), classify: classifyZalo };
}

/** "chitieu 5G" and "/chitieu 5G" are the same command on Zalo. */
export function asCommand(text: string): string {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return COMMAND_WORDS.includes(first) ? '/' + text.trim() : text;
}

/** The handler of Zalo events: each message of a chat answered in order. */
export function createZaloHandler(dialog: Dialog, outbox: Outbox, log: (m: string) => void, messageLimit = ZALO_LIMIT) {
  const followUps = new TypedFollowUps(dialog);

  const send = async (chatId: string, text: string) => {
    for (const piece of splitMessage(text, messageLimit)) await outbox.send('zalo', chatId, 'sendMessage', { chat_id: chatId, text: piece });
  };

  // messages of one chat are answered in order, chats in parallel
  const chains = new Map<string, Promise<void>>();

  return function handle(update: ZaloUpdate & { message: ZaloMessage }): Promise<void> {
    const chatId = update.message.chat.id;
    const next = (chains.get(chatId) ?? Promise.resolve()).then(() => answer(update.event_name, update.message));
    chains.set(chatId, next);
    void next.finally(() => { if (chains.get(chatId) === next) chains.delete(chatId); });
    return next;
  };

  async function answer(event: string, message: ZaloMessage): Promise<void> {
    const chatId = message.chat.id;
    const userId = message.from.id;
    try {
      const refusal = dialog.admit('zalo', chatId, userId);
      if (refusal) return await send(chatId, refusal);
      if (event !== 'message.text.received' || typeof message.text !== 'string') return await send(chatId, ONLY_TEXT);
      const follow = followUps.read('zalo', chatId, userId, message.text);
      if (follow) {
        if (follow.kind === 'more') await send(chatId, renderMore(follow.excerpts, PLAIN));
        else if (follow.kind === 'page') await send(chatId, renderText(follow.reply, PLAIN));
        else if (follow.kind === 'source') await send(chatId, renderText(follow.reply, PLAIN));
        else await send(chatId, follow.text);
        return;
      }
      // not waited for: a slow API must not delay the answer
      void outbox.tryOnce('zalo', 'sendChatAction', { chat_id: chatId, action: 'typing' });
      const { reply, answerKey } = await dialog.handleAdmitted({ channel: 'zalo', chatId, userId, text: asCommand(message.text) });
      const hint = answerKey ? followUpHint(reply) : '';
      await send(chatId, renderText(reply, PLAIN) + (hint ? '\n\n' + hint : ''));
      if (answerKey) followUps.answered(chatId, answerKey);
    } catch (err) {
      log(`zalo: message ${message.message_id} could not be answered: ${(err as Error).message}`);
    }
  }
}

/** A delivery's event, unwrapped from {ok, result} when it comes so. */
function unwrap(body: unknown): unknown {
  return body && typeof body === 'object' && 'result' in body ? (body as { result: unknown }).result : body;
}

/** A user's message event, or undefined (logged) for anything else. */
function messageEvent(raw: unknown, log: (m: string) => void): (ZaloUpdate & { message: ZaloMessage }) | undefined {
  const parsed = ZaloUpdate.safeParse(raw);
  if (!parsed.success || !parsed.data.message) {
    log('zalo: an event of unexpected shape was ignored');
    return undefined;
  }
  return parsed.data.message.from.is_bot ? undefined : parsed.data as ZaloUpdate & { message: ZaloMessage };
}

/**
 * Records a Zalo event in the inbox and starts handling it; resolves once recorded (undefined for a
 * duplicate or an event that is not a user's message), rejects when it cannot be recorded.
 */
function acceptor(inbox: Inbox, handle: ReturnType<typeof createZaloHandler>, log: (m: string) => void) {
  return async (raw: unknown): Promise<Accepted | undefined> => {
    const update = messageEvent(raw, log);
    if (!update) return undefined;
    const { message } = update;
    // a message id is one chat's: another chat's message with the same id is another message
    return inbox.accept(
      { channel: 'zalo', key: `${message.chat.id}:${message.message_id}`, chatId: message.chat.id, userId: message.from.id, text: message.text, body: raw },
      () => handle(update),
    );
  };
}

/** Starts the Zalo bot in webhook or polling mode; start-up calls are tried until the API answers. */
export async function startZalo(dialog: Dialog, opts: ZaloOptions): Promise<RunningZalo> {
  const client = new ZaloClient({ ...opts, log: opts.log });
  await opts.outbox.register(zaloPlatform(client, Math.min(opts.timeoutMs ?? SEND_TIMEOUT_MS, SEND_TIMEOUT_MS)));
  const handle = createZaloHandler(dialog, opts.outbox, opts.log, opts.messageLimit);
  const accept = acceptor(opts.inbox, handle, opts.log);
  // what an earlier run recorded but did not answer is answered now
  const resume = () => opts.inbox.resume('zalo', async (body) => {
    const update = messageEvent(body, opts.log);
    if (update) await handle(update);
  });
  const trying = { log: opts.log, signal: opts.signal, describe: (e: unknown) => classifyZalo(e).status, isFatal: (e: unknown) => !classifyZalo(e).retry };
  if (opts.webhookUrl) {
    if (!opts.webhookSecret) throw new Error('ZALO_WEBHOOK_SECRET is required with ZALO_WEBHOOK_URL');
    const secret = opts.webhookSecret;
    await keepTrying('zalo: setWebhook', () => client.setWebhook(opts.webhookUrl!, secret), trying);
    await resume();
    const route: WebhookRoute = {
      path: new URL(opts.webhookUrl).pathname,
      secretHeader: 'x-bot-api-secret-token',
      secret,
      // some deliveries wrap the event as {ok, result}
      accepts: (body) => ZaloUpdate.safeParse(unwrap(body)).success,
      accept: (body) => accept(unwrap(body)),
    };
    return { stop: async () => undefined, webhookRoute: route };
  }

  await keepTrying('zalo: deleteWebhook', () => client.deleteWebhook(), trying);
  await resume();
  const abort = new AbortController();
  const loop = (async () => {
    const backoff = new Backoff();
    while (!abort.signal.aborted) {
      try {
        const updates = await client.getUpdates(opts.pollSeconds ?? 30, abort.signal);
        backoff.reset();
        // Zalo has no offset to confirm: what getUpdates returned is the bot's now, recorded before the next
        // poll; one that cannot be recorded is still answered (the platform will not deliver it again)
        await Promise.all(updates.map((u) => accept(u).catch((err: Error) => {
          opts.log(`zalo: an update could not be recorded (${err.message}); answering it unrecorded`);
          const update = messageEvent(u, opts.log);
          if (update) void handle(update);
        })));
      } catch (err) {
        if (abort.signal.aborted) break;
        const wait = backoff.next();
        opts.log(`zalo: polling: ${(err as Error).message}; again in ${wait} ms`);
        await pause(wait, abort.signal);
      }
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
    },
  };
}
