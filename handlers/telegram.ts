/**
 * The Telegram bot (grammY) over the shared dialog, in long polling (our own loop) or webhook mode
 * (through our HTTP server). Every update is recorded in the inbox before it is acknowledged: a webhook
 * request is answered after the record is durable, and a polling offset is confirmed (by the next
 * getUpdates) only after the batch is recorded. Replies go through the outbox (sent now, or kept and sent
 * later when the Bot API does not take them). Every API request has a time limit. Replies are HTML with
 * everything from the documents escaped, split at paragraph boundaries under 4096 characters.
 */
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError, InlineKeyboard, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { pageCount, type ListReply } from '../src/answer/list.js';
import type { Action, Reply } from '../src/answer/reply.js';
import { renderHtml, renderMoreHtml } from '../src/answer/render-html.js';
import { splitMessage } from '../src/answer/split-message.js';
import { telegramMenu } from '../src/conversation/commands.js';
import { ONLY_TEXT, type Dialog } from '../src/conversation/dialog.js';
import type { Accepted, Inbox } from '../src/delivery/inbox.js';
import type { Failure, Outbox, Platform } from '../src/delivery/outbox.js';
import { Backoff, keepTrying, pause } from '../src/delivery/keep-trying.js';
import type { Delivery } from '../src/store/records.js';

/** Characters a Telegram message may hold. */
export const TELEGRAM_LIMIT = 4096;


/** The menu Telegram shows, from the one command table. */
export const COMMANDS = telegramMenu();

/** What the Telegram bot is built from. */
export interface TelegramOptions {
  token: string;
  apiRoot: string;
  log: (m: string) => void;
  /** Where replies go: sent now, or kept and sent later. */
  outbox: Outbox;
  /** Time limit of one API request (long polls get their wait on top); tests shorten it. */
  requestTimeoutMs?: number;
}

// Telegram answers a sendMessage well within a second; 10 s means the connection is gone.
const REQUEST_TIMEOUT_MS = 10_000;
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

// grammY types its signals with the abort-controller package's shape; Node's own signal is what it gets
type GrammySignal = Parameters<Bot['api']['getMe']>[0];
const forGrammy = (signal: AbortSignal) => signal as unknown as GrammySignal;

// One shape per action: "m:<key>" more sources, "s:<key>" the source, "f:<key>:u|d" a vote, "p:<key>:<page>" a list page.
const CALLBACK = /^(?:([ms]):([A-Za-z0-9_-]{10})|(f):([A-Za-z0-9_-]{10}):([ud])|(p):([A-Za-z0-9_-]{10}):(\d{1,4}))$/;

/**
 * Buttons for the follow-ups a reply offers; callback data is "<action>:<answer key>[:<vote or page>]",
 * under 64 bytes. A list gets ◀ ▶ to turn its pages (the message is edited in place) and 👍 👎.
 */
function keyboard(answerKey: string, reply: Reply): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  if (reply.kind === 'list') {
    const pages = pageCount(reply);
    if (pages > 1) {
      if (reply.page > 0) kb.text('◀', `p:${answerKey}:${reply.page - 1}`);
      kb.text(`${reply.page + 1}/${pages}`, `p:${answerKey}:${reply.page}`);
      if (reply.page + 1 < pages) kb.text('▶', `p:${answerKey}:${reply.page + 1}`);
      kb.row();
    }
    return kb.text('👍', `f:${answerKey}:u`).text('👎', `f:${answerKey}:d`);
  }
  const actions: Action[] = reply.kind === 'answer' ? reply.actions : [];
  for (const a of actions) {
    if (a.kind === 'more') kb.text('Xem thêm', `m:${answerKey}`);
    if (a.kind === 'source') kb.text('Nguồn', `s:${answerKey}`);
    if (a.kind === 'feedback') kb.row().text('👍', `f:${answerKey}:u`).text('👎', `f:${answerKey}:d`);
  }
  return actions.length ? kb : undefined;
}

/** Whether a group message is addressed to the bot: a command, a mention, or a reply to the bot. */
function addressedInGroup(ctx: Context): { addressed: boolean; text: string } {
  const msg = ctx.message!;
  const text = msg.text ?? '';
  const me = ctx.me.username;
  if (text.startsWith('/')) {
    const target = /^\/\w+@(\w+)/.exec(text)?.[1];
    return { addressed: !target || target.toLowerCase() === me.toLowerCase(), text };
  }
  const mention = new RegExp(`@${me}\\b`, 'i');
  if (mention.test(text)) return { addressed: true, text: text.replace(mention, ' ').trim() };
  if (msg.reply_to_message?.from?.id === ctx.me.id) return { addressed: true, text };
  return { addressed: false, text };
}

/** How the outbox treats a failed Bot API call: 429 and 5xx and the network are tried again, the rest not. */
export function classifyTelegram(err: unknown): Failure {
  if (err instanceof GrammyError) {
    const retryAfter = err.parameters.retry_after;
    return { retry: err.error_code === 429 || err.error_code >= 500, waitMs: retryAfter !== undefined ? retryAfter * 1000 : undefined, status: `${err.error_code} ${err.description}` };
  }
  if (err instanceof HttpError) return { retry: true, status: `network: ${(err.error as Error)?.name ?? 'error'}` };
  return { retry: true, status: String((err as Error)?.message ?? err) };
}

/** The Bot API as the outbox uses it. */
export function telegramPlatform(bot: Bot): Platform {
  const raw = bot.api.raw as unknown as Record<string, (payload: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>>;
  return { channel: 'telegram', call: (method, payload, signal) => raw[method](payload, signal), classify: classifyTelegram };
}

/** Builds the bot; it does not start fetching updates. */
export function createTelegramBot(dialog: Dialog, opts: TelegramOptions): Bot {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot, timeoutSeconds: 60 } });
  const timeoutMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // every request has a time limit: a long poll its wait plus the same margin
  bot.api.config.use((prev, method, payload, signal) => {
    const wait = method === 'getUpdates' ? Number((payload as { timeout?: number }).timeout ?? 0) * 1000 : 0;
    const limit = AbortSignal.timeout(wait + timeoutMs);
    return prev(method, payload, forGrammy(signal ? AbortSignal.any([signal as unknown as AbortSignal, limit]) : limit));
  });

  const send = (chatId: number | string, method: string, payload: Record<string, unknown>) =>
    opts.outbox.send('telegram', String(chatId), method, { chat_id: chatId, ...payload });
  const sendHtml = async (chatId: number, html: string, markup?: InlineKeyboard) => {
    const pieces = splitMessage(html, TELEGRAM_LIMIT);
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      await send(chatId, 'sendMessage', { text: piece, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: last ? markup : undefined });
    }
  };
  // a button press is answered at once or not at all (Telegram drops the spinner after a few seconds)
  const answerPress = (ctx: Context, text?: string) => ctx.answerCallbackQuery(text ? { text } : undefined)
    .catch((err: Error) => opts.log(`telegram: answerCallbackQuery: ${classifyTelegram(err).status}`));

  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  // never talk to other bots (loops), never answer edits (the reply to the first version stands)
  bot.use(async (ctx, next) => {
    if (ctx.from?.is_bot || ctx.editedMessage || ctx.editedChannelPost) return;
    await next();
  });

  bot.on('message:text', async (ctx) => {
    const isGroup = ctx.chat.type === 'group' || ctx.chat.type === 'supergroup';
    const { addressed, text } = isGroup ? addressedInGroup(ctx) : { addressed: true, text: ctx.message.text };
    if (!addressed) return;
    void ctx.replyWithChatAction('typing').catch(() => undefined); // not waited for: a slow API must not delay the answer
    const { reply, answerKey } = await dialog.handle({ channel: 'telegram', chatId: String(ctx.chat.id), userId: String(ctx.from.id), text });
    await sendHtml(ctx.chat.id, renderHtml(reply), answerKey ? keyboard(answerKey, reply) : undefined);
  });

  bot.on('callback_query:data', async (ctx) => {
    const m = CALLBACK.exec(ctx.callbackQuery.data);
    const chat = ctx.chat?.id ?? ctx.from.id;
    const chatId = String(chat);
    const refusal = dialog.admit('telegram', chatId, String(ctx.from.id));
    if (refusal) return void (await answerPress(ctx, refusal));
    const stale = () => answerPress(ctx, 'Nút này đã hết hiệu lực. Bạn hãy gửi lại câu hỏi nhé.');
    const messageId = ctx.callbackQuery.message?.message_id;
    if (!m) return void (await stale());
    const [action, key, arg] = m.slice(1).filter((x) => x !== undefined);
    // buttons work only in the chat their answer was sent to
    if (!dialog.belongsTo(key, 'telegram', chatId)) return void (await stale());
    if (action === 'p') {
      const page: ListReply | undefined = dialog.page(key, Number(arg));
      if (!page) return void (await stale());
      await answerPress(ctx);
      // the page shown is edited in place; pressing the page counter changes nothing and is not an error
      await send(chat, 'editMessageText', { message_id: messageId, text: renderHtml(page), parse_mode: 'HTML', reply_markup: keyboard(key, page) })
        .catch((err: unknown) => { if (!(err instanceof GrammyError && /not modified/.test(err.description))) throw err; });
      return;
    }
    if (action === 'm') {
      const excerpts = dialog.more(key);
      if (!excerpts) return void (await stale());
      if (excerpts.length === 0) return void (await answerPress(ctx, 'Không còn nguồn nào khác cho câu hỏi này.'));
      await answerPress(ctx);
      const html = renderMoreHtml(excerpts);
      const answer = dialog.remembered(key)?.reply;
      const markup = answer ? keyboard(key, answer) : undefined;
      if (html.length <= TELEGRAM_LIMIT && messageId) await send(chat, 'editMessageText', { message_id: messageId, text: html, parse_mode: 'HTML', reply_markup: markup });
      else await sendHtml(chat, html, markup);
      return;
    }
    if (action === 's') {
      const source = dialog.source(key);
      if (!source) return void (await stale());
      await answerPress(ctx);
      await sendHtml(chat, renderHtml(source));
      return;
    }
    const ok = dialog.feedback(key, 'telegram', String(ctx.from.id), arg === 'u' ? 1 : -1);
    if (!ok) return void (await stale());
    await answerPress(ctx, 'Cảm ơn bạn đã đánh giá!');
  });

  // stickers, photos, voice …: say what the bot reads, in private chats only (groups stay quiet)
  bot.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const refusal = dialog.admit('telegram', String(ctx.chat.id), String(ctx.from.id));
    await send(ctx.chat.id, 'sendMessage', { text: refusal ?? ONLY_TEXT });
  });

  bot.catch((err) => {
    const e = err.error;
    const what = e instanceof GrammyError ? `Telegram API: ${e.description}` : e instanceof HttpError ? `network: ${e.message}` : String((e as Error)?.message ?? e);
    opts.log(`telegram: update ${err.ctx.update.update_id} failed: ${what}`);
  });
  return bot;
}

/** A started Telegram bot. */
export interface RunningTelegram {
  /** Stops fetching updates (polling), or does nothing (webhook: the server stops). */
  stop: () => Promise<void>;
  /** Webhook mode: records a delivery and starts handling it (the HTTP server acknowledges when this resolves). */
  accept?: (body: unknown) => Promise<Accepted | undefined>;
}

/** Whether a webhook body is a Telegram update: an object with a numeric update_id. */
export function isTelegramUpdate(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Number.isInteger((body as { update_id?: unknown }).update_id);
}

/** An update as the inbox records it: its id, chat, user and text or button data. */
function deliveryOf(update: Update): Delivery {
  const from = update.message?.from ?? update.edited_message?.from ?? update.callback_query?.from;
  const chat = update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat;
  const text = update.message?.text ?? update.callback_query?.data;
  return { channel: 'telegram', key: String(update.update_id), chatId: String(chat?.id ?? from?.id ?? ''), userId: String(from?.id ?? ''), text, body: update };
}

/** A token Telegram refuses (401, 404) will not start working by itself: start-up stops with what to do. */
function isFatal(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);
}

/** Start-up calls, tried until the Bot API answers (each failure logged), or stopped by `signal`. */
async function prepare(bot: Bot, log: (m: string) => void, signal: AbortSignal | undefined, last: () => Promise<unknown>): Promise<void> {
  const opts = { log, signal, isFatal, describe: (e: unknown) => classifyTelegram(e).status };
  try {
    // not bot.init(): it retries an unreachable API without end and without a word in the log
    bot.botInfo = await keepTrying('telegram: getMe', () => bot.api.getMe(), opts);
  } catch (err) {
    if (isFatal(err)) throw new Error(`TELEGRAM_BOT_TOKEN was refused by the Bot API (${classifyTelegram(err).status}): check the token with @BotFather`);
    throw err;
  }
  try {
    await bot.api.setMyCommands(COMMANDS);
  } catch (err) {
    log(`telegram: warning: the command menu could not be registered (${classifyTelegram(err).status}); the bot runs without it`);
  }
  await keepTrying('telegram: webhook setting', last, opts);
}

/**
 * Starts long polling (the webhook is removed first): each batch is recorded in the inbox before the
 * next getUpdates confirms it, and handled from there. Returns how to stop it.
 */
export async function startPolling(bot: Bot, inbox: Inbox, log: (m: string) => void, signal?: AbortSignal, pollSeconds = 30): Promise<RunningTelegram> {
  await prepare(bot, log, signal, () => bot.api.deleteWebhook());
  await inbox.resume('telegram', (body) => bot.handleUpdate(body as Update));
  const abort = new AbortController();
  let offset = 0;
  const loop = (async () => {
    const backoff = new Backoff();
    while (!abort.signal.aborted) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates({ offset, timeout: pollSeconds, allowed_updates: [...ALLOWED_UPDATES] }, forGrammy(abort.signal));
        backoff.reset();
      } catch (err) {
        if (abort.signal.aborted) break;
        const wait = backoff.next();
        log(`telegram: getUpdates failed (${classifyTelegram(err).status}); trying again in ${wait / 1000} s`);
        await pause(wait, abort.signal);
        continue;
      }
      // recorded together (one commit); the offset moves past an update only once it is recorded
      const recorded = await Promise.allSettled(updates.map((u) => inbox.accept(deliveryOf(u), () => bot.handleUpdate(u))));
      const refused = recorded.findIndex((r) => r.status === 'rejected');
      if (refused >= 0) {
        offset = updates[refused].update_id;
        log(`telegram: update ${offset} could not be recorded; it stays unconfirmed and comes again`);
        await pause(backoff.next(), abort.signal);
      } else if (updates.length) {
        offset = updates[updates.length - 1].update_id + 1;
      }
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await loop;
      // confirms the last batch, already recorded, so a restart does not fetch it again
      if (offset) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, forGrammy(AbortSignal.timeout(2000))).catch(() => undefined);
    },
  };
}

/** Registers the webhook (with its secret token); updates then arrive through `accept`. */
export async function startWebhook(bot: Bot, inbox: Inbox, url: string, secret: string, log: (m: string) => void, signal?: AbortSignal): Promise<RunningTelegram> {
  await prepare(bot, log, signal, () => bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }));
  await inbox.resume('telegram', (body) => bot.handleUpdate(body as Update));
  return {
    stop: async () => undefined,
    accept: (body) => inbox.accept(deliveryOf(body as Update), () => bot.handleUpdate(body as Update)),
  };
}
