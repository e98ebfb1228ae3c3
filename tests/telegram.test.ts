/**
 * The Telegram bot end to end: grammY talks HTTP to a fake Bot API server on 127.0.0.1; updates go in
 * through getUpdates (long polling) or our webhook server, replies come out as Bot API calls.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import { COMMANDS, createTelegramBot, isTelegramUpdate, startPolling, startWebhook, telegramPlatform, type RunningTelegram } from '../handlers/telegram.js';
import { Inbox } from '../src/delivery/inbox.js';
import { Outbox } from '../src/delivery/outbox.js';
import { Dialog } from '../src/conversation/dialog.js';
import { FAKE_BOT, FakeTelegramApi, type ApiCall } from '../src/devtools/fake-telegram.js';
import { Records } from '../src/store/records.js';
import { WebhookServer } from '../src/webhook-server.js';
import { testAnswerer } from './helpers.js';

const TOKEN = '123456789:' + 'T'.repeat(35);
const ADMIN = 900;
let api: FakeTelegramApi;
let records: Records;
let running: RunningTelegram;
let dir: string;
const logs: string[] = [];
const log = (m: string) => logs.push(m);
let nextChat = 5000;
// the outbox's waits shortened, so a retried reply arrives within a test
const QUICK = { inlineWaitMs: 1500, firstWaitMs: 200, maxWaitMs: 1000, maxAttempts: 4, tickMs: 100 };

/** A bot over `records` with its own inbox and outbox, as main.ts builds it. */
async function telegramBot(dialog: Dialog, kept: Records | undefined = records) {
  const outbox = new Outbox(kept, log, QUICK);
  const bot = createTelegramBot(dialog, { token: TOKEN, apiRoot: api.url, log, outbox, requestTimeoutMs: 2000 });
  await outbox.register(telegramPlatform(bot));
  return { bot, inbox: new Inbox(kept, log), outbox };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-tg-'));
  api = await new FakeTelegramApi().start();
  records = await Records.open(path.join(dir, 'bot.sqlite'), log);
  const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 5, adminIds: [`telegram:${ADMIN}`] });
  const { bot, inbox } = await telegramBot(dialog);
  running = await startPolling(bot, inbox, log, undefined, 1);
});

afterAll(async () => {
  await running?.stop();
  await api?.stop();
  await records?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a text from a fresh private chat (or the given one) and returns the bot's next message there. */
async function say(text: string, opts: { chatId?: number; userId?: number; chatType?: string; replyToBot?: boolean; isBot?: boolean } = {}) {
  const chatId = opts.chatId ?? nextChat++;
  const after = api.calls.length;
  api.pushUpdate(FakeTelegramApi.textUpdate(text, { chatId, userId: opts.userId ?? chatId, chatType: opts.chatType, replyToBot: opts.replyToBot, isBot: opts.isBot }));
  const reply = await api.waitForCall((c) => c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) === chatId, 8000, after);
  return { reply, chatId, after };
}

/** Asserts that nothing is sent to `chatId` while a later control message to another chat is answered. */
async function expectSilence(chatId: number, after: number) {
  await say('/help'); // the bot has handled everything queued before this
  expect(api.calls.slice(after).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId)).toEqual([]);
}

async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function buttons(call: ApiCall): string[] {
  return (call.params.reply_markup?.inline_keyboard ?? []).flat().map((b: { callback_data: string }) => b.callback_data);
}

function pushCallback(data: string, chatId: number) {
  const after = api.calls.length;
  api.pushUpdate({
    callback_query: {
      id: `cb-${Math.random()}`, chat_instance: 'ci', data, from: { id: chatId, is_bot: false, first_name: 'Cán bộ' },
      message: { message_id: 77, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: 'trước' },
    },
  });
  return after;
}

describe('asking in a private chat', () => {
  it('answers with the cited passage, figures in bold, HTML parse mode and buttons', async () => {
    const { reply, chatId, after } = await say('cổng GovTech bao giờ phải xong?');
    expect(reply.params.parse_mode).toBe('HTML');
    expect(reply.params.text).toContain('<b>30/6/2021</b>');
    expect(reply.params.text).toContain('Chỉ thị 01/CT-BTTTT (2021)');
    expect(reply.params.text).toContain('dòng 360');
    const data = buttons(reply);
    expect(data).toHaveLength(4);
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThan(64);
    const typing = api.calls.slice(after).find((c) => c.method === 'sendChatAction' && Number(c.params.chat_id) === chatId);
    expect(typing?.params.action).toBe('typing');
  });

  it('completes a follow-up from the question before it, and says how it read it', async () => {
    const { chatId } = await say('cổng GovTech bao giờ phải xong?');
    const { reply } = await say('ai chủ trì?', { chatId });
    expect(reply.params.text).toMatch(/^<i>Hiểu là: cổng GovTech ai chủ trì<\/i>\n\n/);
    expect(reply.params.text).toContain('Cục THH');
  });

  it('registers its commands for the Telegram menu', () => {
    const set = api.sent('setMyCommands').at(-1)!;
    expect(set.params.commands.map((c: { command: string }) => c.command)).toEqual(COMMANDS.map((c) => c.command));
  });

  it('records the question, its sources and latency in the SQLite file', async () => {
    await say('mục tiêu tên miền hết năm 2023');
    const stats = await records.stats();
    expect(stats.days.at(-1)!.questions).toBeGreaterThan(0);
  });

  it('escapes HTML coming from the user', async () => {
    const { reply } = await say('/donvi <i>Ban</i> & <script>x</script>');
    expect(reply.params.text).toContain('&lt;i&gt;Ban&lt;/i&gt; &amp; &lt;script&gt;');
    expect(reply.params.text).not.toContain('<script>');
  });
});

describe('buttons', () => {
  it('"Xem thêm" edits the message with the next sources; "Nguồn" sends the full passage; 👍 is recorded', async () => {
    const { reply, chatId } = await say('tỷ lệ hồ sơ trực tuyến toàn trình 2025');
    const [more, source, up] = buttons(reply);

    let after = pushCallback(more, chatId);
    const edit = await api.waitForCall((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === chatId, 8000, after);
    expect(edit.params.text).toContain('Các nguồn tiếp theo');
    await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);

    after = pushCallback(source, chatId);
    const full = await api.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId, 8000, after);
    expect(full.params.text).toContain('2.3.2. Định hướng giai đoạn 2024 - 2025');
    expect(full.params.text).toContain('dòng 99');

    const before = (await records.stats()).feedback.up;
    after = pushCallback(up, chatId);
    const thanks = await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);
    expect(thanks.params.text).toContain('Cảm ơn');
    expect((await records.stats()).feedback.up).toBe(before + 1);

    // then 👎: one vote per user per answer, the last one counts (a fifth input: the limit in this file is 5)
    const down = buttons(reply)[3];
    for (const data of [down]) {
      after = pushCallback(data, chatId);
      await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);
    }
    const stats = (await records.stats()).feedback;
    expect(stats.up).toBe(before);
    expect(stats.down).toBeGreaterThanOrEqual(1);

    // the same buttons pressed in another chat do nothing there
    const edits = api.sent('editMessageText').length;
    after = pushCallback(more, chatId + 100_000);
    const notice = await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);
    expect(notice.params.text).toMatch(/hết hiệu lực/);
    expect(api.sent('editMessageText').length).toBe(edits);
  });

  it('pages through a long list with ◀ ▶, editing the message in place', async () => {
    const { reply, chatId } = await say('việc gì hạn Quý IV/2021');
    expect(reply.params.text).toMatch(/^<b>84 nhiệm vụ hạn trong Quý IV\/2021<\/b> <i>\(trang 1\/9\)<\/i>/);
    const data = buttons(reply);
    const next = data.find((d) => /^p:[\w-]{10}:1$/.test(d))!;
    expect(next).toBeDefined();
    expect(data.some((d) => d.endsWith(':-1'))).toBe(false); // no ◀ on the first page
    let after = pushCallback(next, chatId);
    const page2 = await api.waitForCall((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === chatId, 8000, after);
    expect(page2.params.text).toContain('(trang 2/9)');
    const back = buttons(page2).find((d) => d.endsWith(':0'))!;
    after = pushCallback(back, chatId);
    const page1 = await api.waitForCall((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === chatId, 8000, after);
    expect(page1.params.text).toContain('(trang 1/9)');
  });

  it('answers stale or forged callback data with a polite notice', async () => {
    for (const data of ['m:AAAAAAAAAA', 'f:zzzzzzzzzz:u', 'p:AAAAAAAAAA:3', 'p:AAAAAAAAAA', 'f:AAAAAAAAAA:12', 'hello', 'x'.repeat(64)]) {
      const after = pushCallback(data, nextChat++); // a user each: button presses count toward the rate limit
      const notice = await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);
      expect(notice.params.text).toMatch(/hết hiệu lực/);
    }
  });
});

describe('commands', () => {
  it('/start lists the documents with their titles', async () => {
    const { reply } = await say('/start');
    expect(reply.params.text).toContain('Chỉ thị 01/CT-BTTTT ngày 10/01/2023');
    expect(reply.params.text).toContain('Báo cáo tổng kết công tác năm 2021');
  });

  it('/donvi lists what a unit leads, deadline first, under any spelling of its name', async () => {
    const { reply } = await say('/donvi Cục Tin học hoá');
    expect(reply.params.text).toContain('<b>30/6/2021</b> · Xây dựng Cổng công nghệ mở GovTech cho Việt Nam — Cục THH');
    // counted by hand in the 2021 directive: appendix II rows 60-66 name "Cục THH" as lead; the ranking table
    // of appendix I names "Cục Tin học hóa" alone (row 1) and with Cục viễn thông (row 3)
    expect(reply.params.text).toMatch(/^<b>Cục Tin học hóa chủ trì 7 nhiệm vụ và 2 chỉ tiêu<\/b>/);
    expect((await say('/donvi Cục THH')).reply.params.text).toContain('Cục Tin học hóa chủ trì 7 nhiệm vụ và 2 chỉ tiêu');
  });

  it('/chitieu without a topic says how to use it; /linhvuc lists the sectors', async () => {
    expect((await say('/chitieu')).reply.params.text).toContain('/chitieu 5G');
    expect((await say('/linhvuc')).reply.params.text).toContain('An toàn thông tin mạng');
  });

  it('/stats is for admins only', async () => {
    expect((await say('/stats', { userId: 1 })).reply.params.text).toContain('chỉ dành cho quản trị viên');
    expect((await say('/stats', { userId: ADMIN })).reply.params.text).toContain('Thống kê 7 ngày');
  });
});

describe('groups', () => {
  const group = -100777;

  it('answers only when mentioned, replied to, or addressed with a command', async () => {
    const after = api.calls.length;
    api.pushUpdate(FakeTelegramApi.textUpdate('mục tiêu 5G 2025', { chatId: group, userId: 1, chatType: 'supergroup' }));
    api.pushUpdate(FakeTelegramApi.textUpdate('/help@other_bot', { chatId: group, userId: 1, chatType: 'supergroup' }));
    await expectSilence(group, after);

    expect((await say(`@${FAKE_BOT.username} mục tiêu tên miền 2023`, { chatId: group, userId: 1, chatType: 'supergroup' })).reply.params.text).toContain('590.000');
    expect((await say('cổng GovTech bao giờ xong', { chatId: group, userId: 1, chatType: 'supergroup', replyToBot: true })).reply.params.text).toContain('30/6/2021');
    expect((await say(`/nguon@${FAKE_BOT.username}`, { chatId: group, userId: 1, chatType: 'supergroup' })).reply.params.text).toContain('Các văn bản');
  });

  it('never replies to other bots', async () => {
    const chatId = nextChat++;
    const after = api.calls.length;
    api.pushUpdate(FakeTelegramApi.textUpdate('/start', { chatId, userId: chatId, isBot: true }));
    await expectSilence(chatId, after);
  });
});

describe('odd input', () => {
  it('a sticker gets a short explanation', async () => {
    const chatId = nextChat++;
    const after = api.calls.length;
    api.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private', first_name: 'A' }, from: { id: chatId, is_bot: false, first_name: 'A' }, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } });
    const reply = await api.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId, 8000, after);
    expect(reply.params.text).toContain('chỉ đọc được tin nhắn dạng chữ');
  });

  it('an edited message gets no second reply', async () => {
    const chatId = nextChat++;
    const after = api.calls.length;
    api.pushUpdate({ edited_message: { ...FakeTelegramApi.textUpdate('mục tiêu 5G', { chatId }).message, edit_date: 1 } });
    await expectSilence(chatId, after);
  });

  it('a 10,000-character message and a blank one get a polite reply', async () => {
    expect((await say('5G '.repeat(3334))).reply.params.text).toContain('Tin nhắn dài quá');
    expect((await say('   ')).reply.params.text).toContain('Bạn hãy gõ câu hỏi');
  });

  it('a user over the rate limit is asked to wait', async () => {
    const userId = 31337;
    const texts: string[] = [];
    for (let i = 0; i < 6; i++) texts.push((await say('/help', { chatId: userId, userId })).reply.params.text);
    expect(texts.slice(0, 5).every((t) => t.includes('Cách dùng'))).toBe(true);
    expect(texts[5]).toContain('chờ một phút');
    // a button press is an input like any other: the same limit, the same text
    const after = pushCallback('m:AAAAAAAAAA', userId);
    const notice = await api.waitForCall((c) => c.method === 'answerCallbackQuery', 8000, after);
    expect(notice.params.text).toContain('chờ một phút');
  });
});

describe('when Telegram misbehaves', () => {
  it('waits out a 429 with retry_after, then delivers', async () => {
    api.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const { reply } = await say('/nguon');
    expect(reply.params.text).toContain('Các văn bản');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('keeps a reply in the outbox when the 429 asks for a longer wait than a reply waits, and sends it after that wait', async () => {
    const chatId = nextChat++;
    api.failNext('sendMessage', { status: 429, retryAfter: 2 }, 1, (p) => Number(p.chat_id) === chatId);
    const before = logs.length;
    const started = Date.now();
    const { reply } = await say('/nguon', { chatId });
    expect(reply.params.text).toContain('Các văn bản');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(logs.slice(before).join('\n')).toMatch(/telegram: sendMessage not delivered \(429 Too Many Requests: retry after 2\); kept in the outbox, next try in 2\.0 s/);
  });

  it('does not retry a reply Telegram refuses for good (400, 403), logs it, and goes on answering', async () => {
    for (const status of [400, 403] as const) {
      const chatId = nextChat++;
      api.failNext('sendMessage', { status }, 1, (p) => Number(p.chat_id) === chatId);
      const before = logs.length;
      const after = api.calls.length;
      api.pushUpdate(FakeTelegramApi.textUpdate('/nguon', { chatId, userId: chatId }));
      await until(() => new RegExp(`telegram: sendMessage refused \\(${status} .*\\); not retried`).test(logs.slice(before).join('\n')));
      await new Promise((r) => setTimeout(r, 400)); // longer than the outbox's first wait
      expect(api.calls.slice(after).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId)).toHaveLength(1);
    }
    expect((await say('/help')).reply.params.text).toContain('Cách dùng');
  });

  it('gives up on a request left hanging or a dropped connection within the time limit, and sends the reply again', async () => {
    for (const status of ['hang', 'drop'] as const) {
      const chatId = nextChat++;
      api.failNext('sendMessage', { status }, 1, (p) => Number(p.chat_id) === chatId);
      const before = logs.length;
      const { reply, after } = await say('/nguon', { chatId });
      expect(reply.params.text).toContain('Các văn bản');
      expect(api.calls.slice(after).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId)).toHaveLength(2);
      expect(logs.slice(before).join('\n')).toMatch(/telegram: sendMessage not delivered \(network: .*\); kept in the outbox/);
    }
  });

  it('keeps a chat\'s replies in order while one of them waits in the outbox', async () => {
    const chatId = nextChat++;
    api.failNext('sendMessage', { status: 500 }, 1, (p) => Number(p.chat_id) === chatId);
    const after = api.calls.length;
    api.pushUpdate(FakeTelegramApi.textUpdate('/nguon', { chatId, userId: chatId }));
    await api.waitForCall((c) => c.method === 'sendMessage' && c.failed && Number(c.params.chat_id) === chatId, 8000, after);
    api.pushUpdate(FakeTelegramApi.textUpdate('/help', { chatId, userId: chatId }));
    await until(() => api.calls.slice(after).filter((c) => c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) === chatId).length === 2);
    const delivered = api.calls.slice(after).filter((c) => c.method === 'sendMessage' && !c.failed && Number(c.params.chat_id) === chatId);
    expect(delivered[0].params.text).toContain('Các văn bản');
    expect(delivered[1].params.text).toContain('Cách dùng');
  });

  it('keeps a reply refused with 500 in the outbox, sends it again, and logs both', async () => {
    const chatId = nextChat++;
    api.failNext('sendMessage', { status: 500 }, 1, (p) => Number(p.chat_id) === chatId);
    const before = logs.length;
    const { reply, after } = await say('/nguon', { chatId });
    expect(reply.params.text).toContain('Các văn bản');
    expect(api.calls.slice(after).filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId).length).toBe(2);
    await until(() => /telegram: outbox sendMessage \(attempt 2\/4\) delivered/.test(logs.slice(before).join('\n')));
    expect(logs.slice(before).join('\n')).toMatch(/telegram: sendMessage not delivered \(500 Internal Server Error\); kept in the outbox/);
  });
});

describe('long polling when the records file refuses', () => {
  it('does not confirm an update it could not record, and answers it once the file takes writes again', async () => {
    const own = await new FakeTelegramApi().start();
    const file = path.join(dir, 'refusing.sqlite');
    const kept = await Records.open(file, log);
    const outbox = new Outbox(kept, log, QUICK);
    const dialog = new Dialog(await testAnswerer(), kept, { rateLimitPerMinute: 100 });
    const bot = createTelegramBot(dialog, { token: TOKEN, apiRoot: own.url, log, outbox, requestTimeoutMs: 2000 });
    await outbox.register(telegramPlatform(bot));
    const polling = await startPolling(bot, new Inbox(kept, log), log, undefined, 1);
    try {
      // neither the database nor its spool can be written: the disk is as good as full
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      mkdirSync(file);
      mkdirSync(`${file}.spool`);
      const updateId = own.pushUpdate(FakeTelegramApi.textUpdate('/nguon', { chatId: 4321 }));
      await until(() => own.sent('getUpdates').filter((c) => Number(c.params.offset) === updateId).length >= 2);
      expect(own.sent('sendMessage')).toEqual([]);
      rmSync(file, { recursive: true });
      rmSync(`${file}.spool`, { recursive: true });
      const reply = await own.waitForCall((c) => c.method === 'sendMessage', 15_000);
      expect(reply.params.text).toContain('Các văn bản');
      await own.waitForCall((c) => c.method === 'getUpdates' && Number(c.params.offset) === updateId + 1, 5000);
      expect(logs.join('\n')).toMatch(new RegExp(`telegram: update ${updateId} could not be recorded; it stays unconfirmed and comes again`));
    } finally {
      await polling.stop();
      outbox.stop();
      await kept.close();
      await own.stop();
    }
  }, 30_000);
});

describe('webhook mode', () => {
  let server: WebhookServer;
  let url = '';
  let bot: Bot;
  const secret = 's3cret-token-for-tests-0123';

  beforeAll(async () => {
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 100 });
    const made = await telegramBot(dialog);
    bot = made.bot;
    const hook = await startWebhook(bot, made.inbox, 'https://bot.example.gov.vn/telegram/hook', secret, log);
    const route = { path: '/telegram/hook', secretHeader: 'x-telegram-bot-api-secret-token', secret, accepts: isTelegramUpdate, accept: hook.accept! };
    // short limits, so a slow body is cut off within the test's time
    server = new WebhookServer([route], (m) => logs.push(m), { headersMs: 500, requestMs: 800, idleMs: 300, maxConnections: 64 });
    const addr = await server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${addr.port}/telegram/hook`;
  });
  afterAll(async () => server?.stop());

  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('registers the webhook with its secret token', () => {
    const set = api.sent('setWebhook').at(-1)!;
    expect(set.params.url).toBe('https://bot.example.gov.vn/telegram/hook');
    expect(set.params.secret_token).toBe(secret);
  });

  it('rejects a wrong or missing secret with 401 and handles nothing', async () => {
    const chatId = nextChat++;
    const after = api.calls.length;
    const update = { update_id: 900_001, ...FakeTelegramApi.textUpdate('/start', { chatId }) };
    expect((await post(update, { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post(update, {})).status).toBe(401);
    await expectSilence(chatId, after);
  });

  it('answers 200 once the update is recorded, then replies', async () => {
    const chatId = nextChat++;
    const after = api.calls.length;
    const res = await post({ update_id: 900_002, ...FakeTelegramApi.textUpdate('/nguon', { chatId }) }, { 'x-telegram-bot-api-secret-token': secret });
    expect(res.status).toBe(200);
    expect((await records.delivery('telegram', '900002'))?.text).toBe('/nguon');
    await api.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId, 5000, after);
  });

  it('refuses bodies that are not JSON', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('refuses JSON of the wrong shape and a content type that is not exactly JSON, and closes those connections', async () => {
    const headers = { 'x-telegram-bot-api-secret-token': secret };
    for (const body of [[], { update_id: 'x' }, 'text', null]) {
      const res = await post(body, headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('connection')).toBe('close');
    }
    const typed = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/jsonp', ...headers }, body: '{"update_id":9}' });
    expect(typed.status).toBe(415);
    expect((await post({ update_id: 3 }, { 'x-telegram-bot-api-secret-token': 'wrong' })).headers.get('connection')).toBe('close');
  });

  it('cuts off a body sent too slowly, without handling it', async () => {
    const { request } = await import('node:http');
    const target = new URL(url);
    const started = Date.now();
    const status = await new Promise<number | string>((resolve) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret, 'content-length': '100' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', (err) => resolve(err.message));
      req.write('{"update_id": 1'); // and the rest never comes
      setTimeout(() => resolve('still open'), 5000);
    });
    expect(status).not.toBe('still open');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers an update delivered twice once, also after a restart (its id is kept in the records file)', async () => {
    const file = path.join(dir, 'deliveries.sqlite');
    const chatId = nextChat++;
    const update = { update_id: 777001, ...FakeTelegramApi.textUpdate('/nguon', { chatId }) };
    const once = async () => {
      const kept = await Records.open(file, log);
      const dialog = new Dialog(await testAnswerer(), kept, { rateLimitPerMinute: 100 });
      const { bot: other, inbox } = await telegramBot(dialog, kept);
      const hook = await startWebhook(other, inbox, 'https://bot.example.gov.vn/telegram/hook', secret, log);
      await hook.accept!(update);
      await hook.accept!(update);
      await inbox.drain(Date.now() + 5000);
      await kept.close();
    };
    await once();
    expect(api.sentTo('sendMessage', chatId)).toHaveLength(1);
    await once(); // a restart: a new process reads the same file
    expect(api.sentTo('sendMessage', chatId)).toHaveLength(1);
  });

  it('starts without its menu when the menu is rejected, and says so in the log', async () => {
    api.failNext('setMyCommands', { status: 500 });
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 100 });
    const { bot: other, inbox } = await telegramBot(dialog, undefined);
    const before = logs.length;
    await startWebhook(other, inbox, 'https://bot.example.gov.vn/telegram/other', secret, log);
    expect(logs.slice(before).some((m) => /warning: the command menu could not be registered/.test(m))).toBe(true);
    expect(logs.slice(before).join('\n')).not.toContain(TOKEN);
    expect(api.sent('setWebhook').at(-1)!.params.url).toBe('https://bot.example.gov.vn/telegram/other');
  });
});

describe('secrets', () => {
  it('never writes the token into the log', () => {
    expect(logs.join('\n')).not.toContain(TOKEN.split(':')[1]);
  });
});
