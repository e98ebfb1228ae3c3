/**
 * The Zalo bot end to end over HTTP against a fake Zalo Bot Platform server on 127.0.0.1: long polling,
 * the webhook with its secret header, typed follow-ups, duplicates, long replies, and API failures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZalo, type RunningZalo } from '../handlers/zalo.js';
import { Inbox } from '../src/delivery/inbox.js';
import { Outbox } from '../src/delivery/outbox.js';
import { Dialog } from '../src/conversation/dialog.js';
import { FakeZaloApi, type ZaloCall } from '../src/devtools/fake-zalo.js';
import { Records } from '../src/store/records.js';
import { WebhookServer } from '../src/webhook-server.js';
import { ZaloApiError, ZaloClient } from '../src/zalo/client.js';
import { testAnswerer } from './helpers.js';

let api: FakeZaloApi;
let records: Records;
let dir: string;
const logs: string[] = [];
const log = (m: string) => logs.push(m);
let nextChat = 1;
// the outbox's waits shortened, so a retried reply arrives within a test
const QUICK = { inlineWaitMs: 5000, firstWaitMs: 200, maxWaitMs: 1000, maxAttempts: 4, tickMs: 100 };
/** The inbox and outbox main.ts gives a channel, over `kept`. */
const boxes = (kept: Records | undefined = records) => ({ inbox: new Inbox(kept, log), outbox: new Outbox(kept, log, QUICK) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-zalo-'));
  api = await new FakeZaloApi().start();
  records = await Records.open(path.join(dir, 'bot.sqlite'), log);
});

afterAll(async () => {
  await api?.stop();
  await records?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sentTo = (chatId: string) => (c: ZaloCall) => c.method === 'sendMessage' && c.params.chat_id === chatId;
const textsTo = (chatId: string) => api.calls.filter(sentTo(chatId)).map((c) => c.params.text as string);

async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function nextReply(chatId: string, count = 1): Promise<string[]> {
  const until = Date.now() + 8000;
  while (textsTo(chatId).length < count) {
    if (Date.now() > until) throw new Error(`no reply to ${chatId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return textsTo(chatId);
}

describe('long polling', () => {
  let bot: RunningZalo;

  beforeAll(async () => {
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 100 });
    bot = await startZalo(dialog, { token: api.token, apiRoot: api.url, log, pollSeconds: 1, timeoutMs: 500, retries: 2, backoffMs: 50, messageLimit: 600, ...boxes() });
  });
  afterAll(async () => bot?.stop());

  it('clears any webhook, then delivers a question and replies with the citation', async () => {
    expect(api.sent('deleteWebhook').length).toBeGreaterThan(0);
    const chat = `c${nextChat++}`;
    api.push(FakeZaloApi.textEvent('cổng GovTech bao giờ phải xong?', { chatId: chat, userId: chat }));
    const [reply] = await nextReply(chat);
    expect(reply).toContain('30/6/2021');
    expect(reply).toContain('Chỉ thị 01/CT-BTTTT (2021)');
    expect(reply).not.toMatch(/<\/?b>/);
    expect(api.calls.find((c) => c.method === 'sendChatAction' && c.params.chat_id === chat)?.params.action).toBe('typing');
  });

  it('completes a follow-up from the question before it, and says how it read it', async () => {
    const chat = `c${nextChat++}`;
    api.push(FakeZaloApi.textEvent('tỷ lệ hồ sơ trực tuyến toàn trình năm 2023 là bao nhiêu', { chatId: chat, userId: chat }));
    await nextReply(chat);
    api.push(FakeZaloApi.textEvent('còn năm 2025?', { chatId: chat, userId: chat }));
    // replies over the message limit come in pieces: the follow-up's first piece opens with how it was read
    const call = await api.waitForCall((c) => sentTo(chat)(c) && String(c.params.text).startsWith('Hiểu là'));
    const reply = String(call.params.text);
    expect(reply).toMatch(/^Hiểu là: tỷ lệ hồ sơ trực tuyến toàn trình năm 2025 là bao nhiêu\n\n/);
    expect(reply.slice(0, 300)).toContain('80%');
  });

  it('offers typed follow-ups: 1 for more sources, 2 for the full passage, 👍 to rate', async () => {
    const chat = `c${nextChat++}`;
    const says = (text: string) => api.push(FakeZaloApi.textEvent(text, { chatId: chat, userId: chat }));
    const replyWith = (part: string) => api.waitForCall((c) => sentTo(chat)(c) && String(c.params.text).includes(part));
    says('tỷ lệ hồ sơ trực tuyến toàn trình 2025');
    await replyWith('Gõ 1 để xem thêm nguồn');
    says('1');
    await replyWith('Các nguồn tiếp theo');
    says('2');
    await replyWith('Mục: 2. Nhiệm vụ, giải pháp chủ yếu năm 2023');
    const before = (await records.stats()).feedback.up;
    says('👍');
    await replyWith('Cảm ơn');
    expect((await records.stats()).feedback.up).toBe(before + 1);
  });

  it('pages through a long list when "tiếp" and "lùi" are typed', async () => {
    const chat = `c${nextChat++}`;
    let after = 0;
    const says = (text: string) => {
      after = api.calls.length; // each reply is looked for among the calls made after its question
      api.push(FakeZaloApi.textEvent(text, { chatId: chat, userId: chat }));
    };
    const replyWith = (part: string) => api.waitForCall((c) => sentTo(chat)(c) && String(c.params.text).includes(part), 8000, after);
    says('donvi Cục VT');
    await replyWith('Cục Viễn thông chủ trì 15 nhiệm vụ và 9 chỉ tiêu');
    await replyWith('Trang 1/3 · gõ "tiếp" để xem trang sau');
    says('tiếp');
    await replyWith('Trang 2/3');
    says('lùi');
    await replyWith('Trang 1/3');
    says('lùi');
    await replyWith('Đây là trang đầu của danh sách.');
    says('1'); // a list has no further sources: each row cites its own
    await replyWith('Mỗi dòng của danh sách đã ghi nguồn');
  });

  it('takes commands as plain words or with a slash', async () => {
    const chat = `c${nextChat++}`;
    api.push(FakeZaloApi.textEvent('nguon', { chatId: chat, userId: chat }));
    expect((await nextReply(chat)).join('\n')).toContain('Các văn bản đang tra cứu');
    api.push(FakeZaloApi.textEvent('/help', { chatId: chat, userId: chat }));
    await api.waitForCall((c) => sentTo(chat)(c) && String(c.params.text).includes('Cách dùng'));
  });

  it('answers a message delivered twice only once', async () => {
    const chat = `c${nextChat++}`;
    const event = FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat, messageId: 'dup-1' });
    api.push(event);
    api.push(event);
    api.push(FakeZaloApi.textEvent('/help', { chatId: chat, userId: chat }));
    // one chat's messages are answered in order: once /help is answered, so are the deliveries before it
    await api.waitForCall((c) => sentTo(chat)(c) && String(c.params.text).includes('Cách dùng'));
    expect(textsTo(chat).filter((t) => t.includes('Các văn bản đang tra cứu'))).toHaveLength(1);
  });

  it('sends a reply longer than the message limit in pieces, split at paragraphs', async () => {
    const chat = `c${nextChat++}`;
    api.push(FakeZaloApi.textEvent('/start', { chatId: chat, userId: chat }));
    await new Promise((r) => setTimeout(r, 300));
    const pieces = await nextReply(chat, 2);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(600);
    expect(pieces.join('\n\n')).toContain('Báo cáo tổng kết công tác năm 2021');
  });

  it('answers an image or a sticker with a short explanation', async () => {
    const chat = `c${nextChat++}`;
    api.push({ event_name: 'message.sticker.received', message: { message_id: 'st-1', from: { id: chat }, chat: { id: chat, chat_type: 'PRIVATE' }, sticker: 'x' } });
    expect((await nextReply(chat))[0]).toContain('chỉ đọc được tin nhắn dạng chữ');
  });

  it('retries a 500 and a timeout, then delivers', async () => {
    const chat = `c${nextChat++}`;
    api.failNext('sendMessage', { kind: 'http500' }, 1, (p) => p.chat_id === chat);
    api.failNext('sendMessage', { kind: 'hang' }, 1, (p) => p.chat_id === chat);
    api.push(FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat }));
    const texts = await nextReply(chat, 3); // two failed attempts are recorded, then the delivery
    expect(texts[2]).toContain('Các văn bản');
    expect(logs.join('\n')).toMatch(/zalo: sendMessage not delivered \(500 .*\); kept in the outbox/);
    expect(logs.join('\n')).toMatch(/zalo: outbox sendMessage \(attempt 2\/4\) failed \(no answer within 500 ms\); next try in/);
  });

  it('gives up a reply that keeps failing after its attempts, logs it, and goes on answering', async () => {
    const chat = `c${nextChat++}`;
    api.failNext('sendMessage', { kind: 'error', code: 500, description: 'upstream down' }, 4, (p) => p.chat_id === chat);
    api.push(FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat }));
    await until(() => /zalo: outbox sendMessage \(attempt 4\/4\) failed \(500 upstream down\); given up/.test(logs.join('\n')));
    api.push(FakeZaloApi.textEvent('/help', { chatId: chat, userId: chat }));
    await api.waitForCall((c) => sentTo(chat)(c) && !c.failed && String(c.params.text).includes('Cách dùng'));
  });

  it('keeps polling after getUpdates fails', async () => {
    api.failNext('getUpdates', { kind: 'http500' }, 3);
    const chat = `c${nextChat++}`;
    api.push(FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat }));
    expect((await nextReply(chat))[0]).toContain('Các văn bản');
  });
});

describe('webhook', () => {
  let server: WebhookServer;
  let url = '';
  const secret = 'zalo-webhook-secret-42';

  beforeAll(async () => {
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 100 });
    const bot = await startZalo(dialog, { token: api.token, apiRoot: api.url, log, webhookUrl: 'https://bot.example.gov.vn/zalo/hook', webhookSecret: secret, ...boxes() });
    server = new WebhookServer([bot.webhookRoute!], log);
    const addr = await server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${addr.port}/zalo/hook`;
  });
  afterAll(async () => server?.stop());

  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('registers the webhook with the secret', () => {
    const set = api.sent('setWebhook').at(-1)!;
    expect(set.params).toEqual({ url: 'https://bot.example.gov.vn/zalo/hook', secret_token: secret });
  });

  it('handles an event with the right secret', async () => {
    const chat = `w${nextChat++}`;
    const res = await post(FakeZaloApi.textEvent('cổng GovTech bao giờ phải xong?', { chatId: chat, userId: chat }), { 'x-bot-api-secret-token': secret });
    expect(res.status).toBe(200);
    expect((await nextReply(chat))[0]).toContain('30/6/2021');
  });

  it('rejects a wrong or missing secret, and sends nothing', async () => {
    const chat = `w${nextChat++}`;
    const event = FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat });
    expect((await post(event, { 'x-bot-api-secret-token': 'nope' })).status).toBe(401);
    expect((await post(event, {})).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(textsTo(chat)).toEqual([]);
  });

  it('answers a duplicate delivery once', async () => {
    const chat = `w${nextChat++}`;
    const event = FakeZaloApi.textEvent('/nguon', { chatId: chat, userId: chat, messageId: 'dup-w' });
    await post(event, { 'x-bot-api-secret-token': secret });
    await post(event, { 'x-bot-api-secret-token': secret });
    await nextReply(chat);
    await new Promise((r) => setTimeout(r, 200));
    expect(textsTo(chat)).toHaveLength(1);
  });

  it('answers a message id another chat used too, and a redelivery once after a restart', async () => {
    const [a, b] = [`w${nextChat++}`, `w${nextChat++}`];
    await post(FakeZaloApi.textEvent('/nguon', { chatId: a, userId: a, messageId: 'same-id' }), { 'x-bot-api-secret-token': secret });
    await post(FakeZaloApi.textEvent('/nguon', { chatId: b, userId: b, messageId: 'same-id' }), { 'x-bot-api-secret-token': secret });
    await nextReply(a);
    await nextReply(b);
    // a restart: a new handler over the same records file
    const file = path.join(dir, 'zalo-deliveries.sqlite');
    const event = FakeZaloApi.textEvent('/nguon', { chatId: a, userId: a, messageId: 'after-restart' });
    for (let run = 0; run < 2; run++) {
      const kept = await Records.open(file, log);
      const { inbox, outbox } = boxes(kept);
      const restarted = await startZalo(new Dialog(await testAnswerer(), kept, { rateLimitPerMinute: 100 }), {
        token: api.token, apiRoot: api.url, log, webhookUrl: 'https://bot.example.gov.vn/zalo/hook', webhookSecret: secret, inbox, outbox,
      });
      await restarted.webhookRoute!.accept(event);
      await inbox.drain(Date.now() + 5000);
      await kept.close();
    }
    expect(textsTo(a).filter((t) => t.includes('Các văn bản'))).toHaveLength(2); // 'same-id' once, 'after-restart' once
  });

  it('refuses what is not JSON or too large', async () => {
    expect((await post('{oops', { 'x-bot-api-secret-token': secret })).status).toBe(400);
    expect((await post({ pad: 'x'.repeat(1_100_000) }, { 'x-bot-api-secret-token': secret })).status).toBe(413);
  });
});

describe('the Zalo client', () => {
  it('turns an API error into a typed error and does not retry what will not change', async () => {
    const client = new ZaloClient({ token: api.token, apiRoot: api.url, retries: 3, backoffMs: 10 });
    api.failNext('getMe', { kind: 'error', code: 401, description: 'Unauthorized' });
    const before = api.sent('getMe').length;
    const err = (await client.getMe().catch((e: unknown) => e)) as ZaloApiError;
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.code).toBe(401);
    expect(api.sent('getMe').length - before).toBe(1);
  });

  it('times out a request that gets no answer, and never names the token', async () => {
    const client = new ZaloClient({ token: api.token, apiRoot: api.url, retries: 0, timeoutMs: 200 });
    api.failNext('getWebhookInfo', { kind: 'hang' });
    const err = (await client.getWebhookInfo().catch((e: unknown) => e)) as ZaloApiError;
    expect(err.message).toMatch(/no answer within 200 ms/);
    expect(err.message).not.toContain(api.token);
    expect(logs.join('\n')).not.toContain(api.token);
  });
});
