/**
 * The Zalo bot on the official Zalo Bot Platform, over the shared dialog. Webhook mode when a webhook URL
 * is configured (our HTTP server checks the secret header, answers 200 at once and handles after),
 * otherwise long polling with getUpdates after clearing any webhook. Replies are plain text, at most
 * 2,000 characters a message; follow-ups are typed ("1", "2", 👍, 👎) since Zalo has no buttons.
 * A message delivered twice (same message id) is answered once.
 */
import { PLAIN, renderMore, renderText } from '../src/answer/render-text.js';
import { splitMessage } from '../src/answer/split-message.js';
import { COMMANDS } from '../src/conversation/commands.js';
import type { Dialog } from '../src/conversation/dialog.js';
import { followUpHint, TypedFollowUps } from '../src/conversation/typed-followups.js';
import type { WebhookRoute } from '../src/webhook-server.js';
import type { Deliveries } from '../src/store/records.js';
import { ZaloClient, ZaloUpdate, type ZaloClientOptions, type ZaloMessage } from '../src/zalo/client.js';

export const ZALO_LIMIT = 2000;
// every command of the one table, typed with or without its slash
const COMMAND_WORDS = COMMANDS.map((c) => c.name as string);

export interface ZaloOptions extends ZaloClientOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  log: (m: string) => void;
  /** Long-poll wait in seconds (tests shorten it). */
  pollSeconds?: number;
  /** Characters per message; Zalo's limit unless a deployment needs less. */
  messageLimit?: number;
  /** Remembers message ids (per chat) across restarts, so a redelivered message is answered once. */
  deliveries?: Deliveries;
}

export interface RunningZalo {
  stop: () => Promise<void>;
  webhookRoute?: WebhookRoute;
  /** Handles one update (what the webhook route and the poller both call). */
  handle: (update: unknown) => Promise<void>;
}

/** Recent deliveries in memory, when no records file keeps them: a redelivery soon after is answered once. */
class SeenMessages implements Deliveries {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 5000) {}
  /** True the first time a key is seen. */
  async first(channel: string, key: string): Promise<boolean> {
    const id = `${channel}:${key}`;
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

/** "chitieu 5G" and "/chitieu 5G" are the same command on Zalo. */
export function asCommand(text: string): string {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return COMMAND_WORDS.includes(first) ? '/' + text.trim() : text;
}

/** The handler of Zalo events: each message of a chat answered in order, each delivery once. */
export function createZaloHandler(dialog: Dialog, client: ZaloClient, log: (m: string) => void, messageLimit = ZALO_LIMIT, deliveries: Deliveries = new SeenMessages()) {
  const followUps = new TypedFollowUps(dialog);

  const send = async (chatId: string, text: string) => {
    for (const piece of splitMessage(text, messageLimit)) await client.sendMessage(chatId, piece);
  };

  // messages of one chat are answered in order, chats in parallel
  const chains = new Map<string, Promise<void>>();

  return function handle(raw: unknown): Promise<void> {
    const parsed = ZaloUpdate.safeParse(raw);
    if (!parsed.success || !parsed.data.message) {
      log('zalo: an event of unexpected shape was ignored');
      return Promise.resolve();
    }
    const { event_name: event, message } = parsed.data;
    if (message.from.is_bot) return Promise.resolve();
    const chatId = message.chat.id;
    // a message id is one chat's: another chat's message with the same id is another message
    const next = (chains.get(chatId) ?? Promise.resolve())
      .then(async () => { if (await deliveries.first('zalo', `${chatId}:${message.message_id}`)) await answer(event, message); });
    chains.set(chatId, next);
    void next.finally(() => { if (chains.get(chatId) === next) chains.delete(chatId); });
    return next;
  };

  async function answer(event: string, message: ZaloMessage): Promise<void> {
    const chatId = message.chat.id;
    const userId = message.from.id;
    try {
      if (event !== 'message.text.received' || typeof message.text !== 'string') {
        await send(chatId, 'Tôi chỉ đọc được tin nhắn dạng chữ. Bạn hãy gõ câu hỏi, ví dụ: "mục tiêu phủ sóng 5G năm 2025?"');
        return;
      }
      if (!dialog.isAllowed('zalo', chatId, userId)) {
        await send(chatId, 'Xin lỗi, bot này chỉ phục vụ các đơn vị được cấp quyền. Vui lòng liên hệ quản trị viên.');
        return;
      }
      const follow = followUps.read('zalo', chatId, userId, message.text);
      if (follow) {
        if (follow.kind === 'more') await send(chatId, renderMore(follow.excerpts, PLAIN));
        else if (follow.kind === 'page') await send(chatId, renderText(follow.reply, PLAIN));
        else if (follow.kind === 'source') await send(chatId, renderText(follow.reply, PLAIN));
        else await send(chatId, follow.text);
        return;
      }
      await client.sendChatAction(chatId).catch(() => undefined);
      const { reply, answerKey } = await dialog.handle({ channel: 'zalo', chatId, userId, text: asCommand(message.text) });
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

/** Starts the Zalo bot in webhook or polling mode. */
export async function startZalo(dialog: Dialog, opts: ZaloOptions): Promise<RunningZalo> {
  const client = new ZaloClient({ ...opts, log: opts.log });
  const handle = createZaloHandler(dialog, client, opts.log, opts.messageLimit, opts.deliveries);
  if (opts.webhookUrl) {
    if (!opts.webhookSecret) throw new Error('ZALO_WEBHOOK_SECRET is required with ZALO_WEBHOOK_URL');
    await client.setWebhook(opts.webhookUrl, opts.webhookSecret);
    const route: WebhookRoute = {
      path: new URL(opts.webhookUrl).pathname,
      secretHeader: 'x-bot-api-secret-token',
      secret: opts.webhookSecret,
      ackFirst: true,
      // some deliveries wrap the event as {ok, result}
      accepts: (body) => ZaloUpdate.safeParse(unwrap(body)).success,
      handle: (body) => handle(unwrap(body)),
    };
    return { stop: async () => undefined, webhookRoute: route, handle };
  }

  await client.deleteWebhook().catch((err: Error) => opts.log(`zalo: deleteWebhook: ${err.message}`));
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    let pause = 1000;
    while (!abort.signal.aborted) {
      try {
        const updates = await client.getUpdates(opts.pollSeconds ?? 30, abort.signal);
        pause = 1000;
        for (const u of updates) {
          const work = handle(u);
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work));
        }
      } catch (err) {
        if (abort.signal.aborted) break;
        opts.log(`zalo: polling: ${(err as Error).message}; again in ${pause} ms`);
        await new Promise((r) => setTimeout(r, pause));
        pause = Math.min(pause * 2, 30_000);
      }
    }
  })();
  return {
    handle,
    stop: async () => {
      abort.abort();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
