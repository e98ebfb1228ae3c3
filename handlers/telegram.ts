/**
 * The Telegram bot (grammY) over the shared dialog. Long polling through @grammyjs/runner by default
 * (messages of one chat in order, chats in parallel); webhook mode through our own HTTP server.
 * Outgoing calls retry on 429 and 5xx (@grammyjs/auto-retry). Replies are HTML with everything from the
 * documents escaped, split at paragraph boundaries under 4096 characters.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError, InlineKeyboard, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Deliveries } from '../src/store/records.js';
import { pageCount, type ListReply } from '../src/answer/list.js';
import type { Action, Reply } from '../src/answer/reply.js';
import { renderHtml, renderMoreHtml } from '../src/answer/render-html.js';
import { splitMessage } from '../src/answer/split-message.js';
import { telegramMenu } from '../src/conversation/commands.js';
import type { Dialog } from '../src/conversation/dialog.js';

export const TELEGRAM_LIMIT = 4096;

/** The menu Telegram shows, from the one command table. */
export const COMMANDS = telegramMenu();

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  log: (m: string) => void;
  /** Retry limits; tests shorten them. */
  maxRetryAttempts?: number;
  maxRetryDelaySeconds?: number;
  /** Remembers update ids across restarts, so a redelivered update is answered once. */
  deliveries?: Deliveries;
}

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

async function sendHtml(ctx: Context, html: string, markup?: InlineKeyboard): Promise<void> {
  const pieces = splitMessage(html, TELEGRAM_LIMIT);
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    await ctx.reply(piece, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: last ? markup : undefined });
  }
}

// The last update each bot has handled: confirmed to Telegram on stop, so a restart does not repeat it.
const handledUpdates = new WeakMap<Bot, { lastUpdateId: number }>();

/** Builds the bot; it does not start fetching updates. */
export function createTelegramBot(dialog: Dialog, opts: TelegramOptions): Bot {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: opts.maxRetryAttempts ?? 5, maxDelaySeconds: opts.maxRetryDelaySeconds ?? 60 }));

  const seen = { lastUpdateId: 0 };
  handledUpdates.set(bot, seen);
  bot.use(async (ctx, next) => {
    // a redelivery (after a restart, or of an update not acknowledged in time) is handled once
    if (!opts.deliveries || await opts.deliveries.first('telegram', String(ctx.update.update_id))) await next();
    seen.lastUpdateId = Math.max(seen.lastUpdateId, ctx.update.update_id);
  });
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
    await ctx.replyWithChatAction('typing').catch(() => undefined);
    const { reply, answerKey } = await dialog.handle({ channel: 'telegram', chatId: String(ctx.chat.id), userId: String(ctx.from.id), text });
    await sendHtml(ctx, renderHtml(reply), answerKey ? keyboard(answerKey, reply) : undefined);
  });

  bot.on('callback_query:data', async (ctx) => {
    const m = CALLBACK.exec(ctx.callbackQuery.data);
    const chatId = String(ctx.chat?.id ?? ctx.from.id);
    if (!dialog.isAllowed('telegram', chatId, String(ctx.from.id))) {
      await ctx.answerCallbackQuery({ text: 'Bạn chưa được cấp quyền dùng bot này.' });
      return;
    }
    const stale = () => ctx.answerCallbackQuery({ text: 'Nút này đã hết hiệu lực. Bạn hãy gửi lại câu hỏi nhé.', show_alert: false });
    if (!m) return void (await stale());
    const [action, key, arg] = m.slice(1).filter((x) => x !== undefined);
    // buttons work only in the chat their answer was sent to
    if (!dialog.belongsTo(key, 'telegram', chatId)) return void (await stale());
    if (action === 'p') {
      const page: ListReply | undefined = dialog.page(key, Number(arg));
      if (!page) return void (await stale());
      await ctx.answerCallbackQuery();
      // the page shown is edited in place; pressing the page counter changes nothing and is not an error
      await ctx.editMessageText(renderHtml(page), { parse_mode: 'HTML', reply_markup: keyboard(key, page) })
        .catch((err: unknown) => { if (!(err instanceof GrammyError && /not modified/.test(err.description))) throw err; });
      return;
    }
    if (action === 'm') {
      const excerpts = dialog.more(key);
      if (!excerpts) return void (await stale());
      if (excerpts.length === 0) return void (await ctx.answerCallbackQuery({ text: 'Không còn nguồn nào khác cho câu hỏi này.' }));
      await ctx.answerCallbackQuery();
      const html = renderMoreHtml(excerpts);
      const answer = dialog.remembered(key)?.reply;
      const markup = answer ? keyboard(key, answer) : undefined;
      if (html.length <= TELEGRAM_LIMIT) await ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup: markup });
      else await sendHtml(ctx, html, markup);
      return;
    }
    if (action === 's') {
      const source = dialog.source(key);
      if (!source) return void (await stale());
      await ctx.answerCallbackQuery();
      await sendHtml(ctx, renderHtml(source));
      return;
    }
    const ok = dialog.feedback(key, 'telegram', String(ctx.from.id), arg === 'u' ? 1 : -1);
    if (!ok) return void (await stale());
    await ctx.answerCallbackQuery({ text: 'Cảm ơn bạn đã đánh giá!' });
  });

  // stickers, photos, voice …: say what the bot reads, in private chats only (groups stay quiet)
  bot.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    await ctx.reply('Tôi chỉ đọc được tin nhắn dạng chữ. Bạn hãy gõ câu hỏi, ví dụ: "mục tiêu phủ sóng 5G năm 2025?"');
  });

  bot.catch((err) => {
    const e = err.error;
    const what = e instanceof GrammyError ? `Telegram API: ${e.description}` : e instanceof HttpError ? `network: ${e.message}` : String((e as Error)?.message ?? e);
    opts.log(`telegram: update ${err.ctx.update.update_id} failed: ${what}`);
  });
  return bot;
}

export interface RunningTelegram {
  stop: () => Promise<void>;
  /** Webhook mode: hands an update to the bot (the HTTP server calls this). */
  handleUpdate?: (update: unknown) => Promise<void>;
}

/** Whether a webhook body is a Telegram update: an object with a numeric update_id. */
export function isTelegramUpdate(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Number.isInteger((body as { update_id?: unknown }).update_id);
}

/** Registers the command menu; a rejection is a warning: the bot answers commands without a menu. */
async function registerMenu(bot: Bot, log: (m: string) => void): Promise<void> {
  try {
    await bot.api.setMyCommands(COMMANDS);
  } catch (err) {
    log(`telegram: warning: the command menu could not be registered (${(err as Error).message}); the bot runs without it`);
  }
}

/** Registers commands and starts long polling (the webhook is removed first); returns how to stop it. */
export async function startPolling(bot: Bot, log: (m: string) => void = (m) => console.error(m)): Promise<RunningTelegram> {
  await bot.init();
  await registerMenu(bot, log);
  await bot.api.deleteWebhook();
  const handle: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query'] } } });
  return {
    stop: async () => {
      await handle.stop(); // replies in progress finish first
      const last = handledUpdates.get(bot)?.lastUpdateId ?? 0;
      if (last) await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}

/** Registers commands and the webhook (with its secret token); updates then arrive through `handleUpdate`. */
export async function startWebhook(bot: Bot, url: string, secret: string, log: (m: string) => void): Promise<RunningTelegram> {
  await bot.init();
  await registerMenu(bot, log);
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query'] });
  return {
    stop: async () => undefined,
    handleUpdate: async (update) => {
      if (!update || typeof update !== 'object' || typeof (update as Update).update_id !== 'number') {
        log('telegram: webhook body is not an update; ignored');
        return;
      }
      try {
        await bot.handleUpdate(update as Update);
      } catch (err) {
        log(`telegram: update ${(update as Update).update_id} failed: ${(err as Error).message}`);
      }
    },
  };
}
