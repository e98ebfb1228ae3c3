/**
 * Fuzz tests (fast-check), bounded in count and time: message text through the dialog, and webhook bodies,
 * button data and message text through our webhook server into the real Telegram and Zalo handlers, against
 * fake APIs on 127.0.0.1. Asserted: nothing throws, every request gets a 2xx or a 4xx, the server keeps
 * answering, and every HTML reply is safe (only the tags the renderer writes, every & an entity).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, isTelegramUpdate, startWebhook, telegramPlatform } from '../handlers/telegram.js';
import { startZalo } from '../handlers/zalo.js';
import { renderHtml } from '../src/answer/render-html.js';
import { renderText } from '../src/answer/render-text.js';
import { Dialog } from '../src/conversation/dialog.js';
import { Inbox } from '../src/delivery/inbox.js';
import { Outbox } from '../src/delivery/outbox.js';
import { FakeTelegramApi } from '../src/devtools/fake-telegram.js';
import { FakeZaloApi } from '../src/devtools/fake-zalo.js';
import { Records } from '../src/store/records.js';
import { WebhookServer } from '../src/webhook-server.js';
import { testAnswerer } from './helpers.js';

/** Only the tags the renderer writes; every & starts an entity. */
function htmlSafe(html: string): boolean {
  const withoutTags = html.replace(/<\/?(?:b|i|code|pre|blockquote)>|<a href="[^"<>]*">|<\/a>/g, '');
  return !/[<>]/.test(withoutTags) && !/&(?!(?:amp|lt|gt|quot|#\d+);)/.test(withoutTags);
}

// Words officials type, and the characters that break naive handling: HTML, entities, control
// characters, lone surrogates, right-to-left marks, emoji, very long words.
const WORDS = ['mục tiêu', 'phủ sóng', '5G', 'năm 2025', 'hạn', 'Quý IV/2021', 'Cục Viễn thông', 'CĐS', 'TT&TT', 'ATTT', 'chủ trì', 'ai', 'bao nhiêu',
  'còn', 'tiếp', '1', '2', '👍', '/donvi', '/hanchot', '/chitieu', '/linhvuc', '/start', '/stats', '<b>', '</i>', '<a href="x">', '&amp;', '&', '"',
  '\u0000', '\u0007', '\u001b[31m', '\ud800', '\udfff', '\u202e', '\u200b', '🇻🇳', 'x'.repeat(300), 'hoá', 'hóa', 'đ', 'Đ'];
const messageText = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((ws) => ws.join(' ')),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.string({ maxLength: 3000 }),
);

describe('the dialog under fuzzed text', () => {
  it('always replies, with safe HTML and plain text', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 1_000_000, adminIds: ['terminal:admin'] });
    await fc.assert(fc.asyncProperty(messageText, fc.constantFrom('u1', 'admin'), async (text, userId) => {
      const { reply } = await dialog.handle({ channel: 'terminal', chatId: userId, userId, text });
      expect(htmlSafe(renderHtml(reply)), renderHtml(reply)).toBe(true);
      expect(typeof renderText(reply)).toBe('string');
    }), { numRuns: 2000, interruptAfterTimeLimit: 60_000 });
  }, 90_000);
});

describe('the webhooks under fuzzed deliveries', () => {
  let dir: string;
  let records: Records;
  let telegram: FakeTelegramApi;
  let zalo: FakeZaloApi;
  let server: WebhookServer;
  let inbox: Inbox;
  let outbox: Outbox;
  let base = '';
  const logs: string[] = [];
  const SECRET = 'fuzz-secret-0123456789abcdef';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-fuzz-'));
    records = await Records.open(path.join(dir, 'bot.sqlite'), (m) => logs.push(m));
    telegram = await new FakeTelegramApi().start();
    zalo = await new FakeZaloApi().start();
    const log = (m: string) => logs.push(m);
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 1000 });
    inbox = new Inbox(records, log);
    outbox = new Outbox(records, log);
    const bot = createTelegramBot(dialog, { token: '123456789:' + 'Z'.repeat(35), apiRoot: telegram.url, log, outbox });
    await outbox.register(telegramPlatform(bot));
    const hook = await startWebhook(bot, inbox, 'https://bot.example.gov.vn/tg', SECRET, log);
    const z = await startZalo(dialog, { token: zalo.token, apiRoot: zalo.url, log, webhookUrl: 'https://bot.example.gov.vn/zalo', webhookSecret: SECRET, inbox, outbox });
    server = new WebhookServer([
      { path: '/tg', secretHeader: 'x-telegram-bot-api-secret-token', secret: SECRET, accepts: isTelegramUpdate, accept: hook.accept! },
      z.webhookRoute!,
    ], log);
    const { port } = await server.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server?.stop();
    await inbox?.drain(Date.now() + 10_000);
    outbox?.stop();
    await telegram?.stop();
    await zalo?.stop();
    await records?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let nextId = 1;
  const id = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
  const telegramUpdate = fc.oneof(
    fc.record({ chat: id, user: id, text: messageText, kind: fc.constantFrom('private', 'group', 'supergroup', 'channel') })
      .map(({ chat, user, text, kind }) => ({ update_id: nextId++, message: { message_id: 1, date: 0, chat: { id: chat, type: kind }, from: { id: user, is_bot: false, first_name: 'A' }, text } })),
    fc.record({ chat: id, data: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('m:AAAAAAAAAA', 'p:AAAAAAAAAA:99999', 'f:AAAAAAAAAA:u', 's:' + 'A'.repeat(10))) })
      .map(({ chat, data }) => ({ update_id: nextId++, callback_query: { id: 'c', chat_instance: 'i', data, from: { id: chat, is_bot: false, first_name: 'A' }, message: { message_id: 1, date: 0, chat: { id: chat, type: 'private' } } } })),
    fc.jsonValue().map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { update_id: nextId++, ...v } : v)),
  );
  const zaloEvent = fc.oneof(
    fc.record({ chat: fc.string({ minLength: 1, maxLength: 40 }), text: messageText, event: fc.constantFrom('message.text.received', 'message.image.received', 'x') })
      .map(({ chat, text, event }) => ({ event_name: event, message: { message_id: `m${nextId++}`, from: { id: chat }, chat: { id: chat }, text } })),
    fc.jsonValue(),
  );

  it('answers every request 2xx or 4xx, keeps serving, and sends only safe HTML', async () => {
    const statuses = new Map<number, number>();
    const post = async (route: string, header: string, body: unknown, contentType: string, secret: string) => {
      const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': contentType, [header]: secret }, body: JSON.stringify(body) ?? 'undefined' });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status >= 200 && res.status < 500, `status ${res.status}`).toBe(true);
    };
    const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/jsonp');
    const secret = fc.constantFrom(SECRET, SECRET, SECRET, 'wrong');
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.tuple(fc.constant('/tg'), fc.constant('x-telegram-bot-api-secret-token'), telegramUpdate, contentType, secret),
      fc.tuple(fc.constant('/zalo'), fc.constant('x-bot-api-secret-token'), zaloEvent, contentType, secret),
    ), async ([route, header, body, type, key]) => post(route, header, body, type, key)), { numRuns: 3000, interruptAfterTimeLimit: 60_000 });
    await inbox.drain(Date.now() + 20_000);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const html = telegram.calls.filter((c) => c.params.parse_mode === 'HTML').map((c) => String(c.params.text));
    expect(html.length).toBeGreaterThan(0);
    expect(html.filter((h) => !htmlSafe(h))).toEqual([]);
    console.log(`fuzzed webhooks: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; ${html.length} HTML replies checked`);
  }, 120_000);
});
