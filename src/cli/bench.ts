/**
 * `npm run bench`: index build time, index load time, query latency (p50/p95/p99) over the dev questions
 * (or built-in samples when ../shared is absent), process memory after load, and each channel's path
 * (Telegram long polling and webhook, Zalo webhook): update-to-reply latency and updates per second
 * through the real handlers, the records file and our webhook server, against fake APIs on loopback.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openAnswerer } from '../app.js';
import { Dialog } from '../conversation/dialog.js';
import { FakeTelegramApi } from '../devtools/fake-telegram.js';
import { buildIndex } from '../index/build.js';
import { Records } from '../store/records.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../paths.js';
import { Inbox } from '../delivery/inbox.js';
import { Outbox } from '../delivery/outbox.js';
import { FakeZaloApi } from '../devtools/fake-zalo.js';
import { WebhookServer } from '../webhook-server.js';
import { createTelegramBot, isTelegramUpdate, startPolling, startWebhook, telegramPlatform } from '../../handlers/telegram.js';
import { startZalo } from '../../handlers/zalo.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

/**
 * The questions timed: `--questions FILE.jsonl` when given, else the project's own sets (questions and list
 * questions) and the shared dev set when present.
 */
function questions(): string[] {
  const asked = process.argv.indexOf('--questions');
  const files = asked >= 0 ? [path.resolve(process.argv[asked + 1])] : ['qa.jsonl', 'browse.jsonl'].map((f) => path.join(PROJECT_ROOT, 'eval', f));
  if (asked < 0) files.push(path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl'));
  const qs = files.filter(existsSync).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q as string));
  return qs.length ? qs : ['mục tiêu phủ sóng 5G năm 2025?', 'hạn trình luật viễn thông', 'cds 2021 chi tieu gi', 'việc gì hạn Quý IV/2021'];
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const indexFile = path.join(dir, 'corpus.sqlite');
try {
  let t = performance.now();
  const built = await buildIndex(DEFAULT_SEEDS_DIR, indexFile);
  console.log(`index build: ${ms(performance.now() - t)} (${built.passages} passages, ${built.sections} sections)`);

  // a fresh process, as the bot starts: load time and memory without the build's leftovers
  const fresh = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', `
    const { openAnswerer } = await import(${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'src', 'app.js')).href)});
    const t = performance.now();
    const { corpus } = await openAnswerer(${JSON.stringify(indexFile)}); // as the bot starts: the index, the engine, the register
    const ms = performance.now() - t;
    global.gc();
    const m = process.memoryUsage();
    console.log(JSON.stringify({ ms, rss: m.rss, heap: m.heapUsed, passages: corpus.passages.length }));
  `], { encoding: 'utf8' }));
  console.log(`index load in a fresh process: ${ms(fresh.ms)}; memory after load: rss ${(fresh.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(fresh.heap / 2 ** 20).toFixed(0)} MiB`);

  const loads: number[] = [];
  let app = await openAnswerer(indexFile);
  for (let i = 0; i < 4; i++) {
    t = performance.now();
    app = await openAnswerer(indexFile);
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);
  console.log(`index load, warm: median ${ms(percentile(loads, 50))} over ${loads.length} loads`);

  const qs = questions();
  for (const q of qs) app.answer(q); // warm-up: caches and JIT, as in a running bot
  const lat: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of qs) {
      t = performance.now();
      app.answer(q);
      lat.push(performance.now() - t);
    }
  }
  lat.sort((a, b) => a - b);
  console.log(`query latency (${lat.length} queries): p50 ${ms(percentile(lat, 50))}, p95 ${ms(percentile(lat, 95))}, p99 ${ms(percentile(lat, 99))}`);

  // The channels: update in, reply out, through the real handlers and fake platform APIs on 127.0.0.1, with
  // the records file as in production (each update recorded before it is acknowledged, each question recorded)
  const records = await Records.open(path.join(dir, 'records.sqlite'), () => {});
  const dialog = new Dialog(app, records, { rateLimitPerMinute: 1_000_000 });
  const inbox = new Inbox(records, () => {});
  const outbox = new Outbox(records, () => {});
  const telegramApi = await new FakeTelegramApi().start();
  const zaloApi = await new FakeZaloApi().start();
  const bot = createTelegramBot(dialog, { token: '123456:' + 'A'.repeat(35), apiRoot: telegramApi.url, log: () => {}, outbox });
  await outbox.register(telegramPlatform(bot));
  const polling = await startPolling(bot, inbox, () => {}, undefined, 1);

  // one at a time (the latency a user sees), then many chats at once (throughput)
  const measure = async (name: string, roundTrip: (i: number) => Promise<number>) => {
    const single: number[] = [];
    for (let i = 0; i < 60; i++) single.push(await roundTrip(i));
    single.sort((a, b) => a - b);
    const burst = 300;
    const started = performance.now();
    const all = await Promise.all(Array.from({ length: burst }, (_, i) => roundTrip(1000 + i)));
    const seconds = (performance.now() - started) / 1000;
    all.sort((a, b) => a - b);
    console.log(`${name}: update→reply p50 ${ms(percentile(single, 50))}, p99 ${ms(percentile(single, 99))} (${single.length} one at a time); ` +
      `${burst} updates from ${burst} chats in ${seconds.toFixed(2)} s = ${(burst / seconds).toFixed(0)} updates/s, p99 under load ${ms(percentile(all, 99))}`);
  };
  let chatBase = 10_000;
  const telegramReply = (chatId: number, before: number) =>
    telegramApi.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId, 30_000, before);
  await measure('telegram long polling', async (i) => {
    const chatId = chatBase + i;
    const before = telegramApi.calls.length;
    const sentAt = performance.now();
    telegramApi.pushUpdate(FakeTelegramApi.textUpdate(qs[i % qs.length], { chatId, userId: chatId }));
    await telegramReply(chatId, before);
    return performance.now() - sentAt;
  });
  await polling.stop();

  // webhooks: POSTs to our HTTP server, 200 once recorded, the reply through the fake API
  const hook = await startWebhook(bot, inbox, 'http://127.0.0.1/tg', 'secret', () => {});
  const zalo = await startZalo(dialog, { token: zaloApi.token, apiRoot: zaloApi.url, webhookUrl: 'http://127.0.0.1/zalo', webhookSecret: 'secret', log: () => {}, inbox, outbox });
  const server = new WebhookServer([
    { path: '/tg', secretHeader: 'x-telegram-bot-api-secret-token', secret: 'secret', accepts: isTelegramUpdate, accept: hook.accept! },
    zalo.webhookRoute!,
  ], () => {});
  const { port } = await server.listen(0, '127.0.0.1');
  const post = async (route: string, header: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', [header]: 'secret' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  let updateId = 1_000_000;
  chatBase = 20_000;
  await measure('telegram webhook', async (i) => {
    const chatId = chatBase + i;
    const before = telegramApi.calls.length;
    const sentAt = performance.now();
    await post('/tg', 'x-telegram-bot-api-secret-token', { update_id: updateId++, ...FakeTelegramApi.textUpdate(qs[i % qs.length], { chatId, userId: chatId }) });
    await telegramReply(chatId, before);
    return performance.now() - sentAt;
  });
  await measure('zalo webhook', async (i) => {
    const chatId = `bench-${i}`;
    const before = zaloApi.calls.length;
    const sentAt = performance.now();
    await post('/zalo', 'x-bot-api-secret-token', FakeZaloApi.textEvent(qs[i % qs.length], { chatId, userId: chatId, messageId: `m-${i}` }));
    await zaloApi.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === chatId, 30_000, before);
    return performance.now() - sentAt;
  });
  await server.stop();
  await inbox.drain(Date.now() + 10_000);
  outbox.stop();
  await telegramApi.stop();
  await zaloApi.stop();
  await records.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
