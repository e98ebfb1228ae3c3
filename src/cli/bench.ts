/**
 * `npm run bench`: index build time, index load time, query latency (p50/p95/p99) over the dev questions
 * (or built-in samples when ../shared is absent), process memory after load, and the Telegram path:
 * update-to-reply latency and updates per second through grammY against the fake Bot API on loopback.
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
import { createTelegramBot, startPolling } from '../../handlers/telegram.js';

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

  // Telegram: update in, reply out, through grammY and the fake Bot API on 127.0.0.1, with the records file
  // as in production (each update's id kept before it is handled, each question recorded)
  const api = await new FakeTelegramApi().start();
  const records = await Records.open(path.join(dir, 'records.sqlite'), () => {});
  const dialog = new Dialog(app, records, { rateLimitPerMinute: 1_000_000 });
  const bot = createTelegramBot(dialog, { token: '123456:' + 'A'.repeat(35), apiRoot: api.url, log: () => {}, deliveries: records });
  const running = await startPolling(bot);
  const roundTrip = async (i: number): Promise<number> => {
    const chatId = 10_000 + i;
    const before = api.calls.length;
    const sentAt = performance.now();
    api.pushUpdate(FakeTelegramApi.textUpdate(qs[i % qs.length], { chatId, userId: chatId }));
    await api.waitForCall((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId, 30_000, before);
    return performance.now() - sentAt;
  };
  const single: number[] = [];
  for (let i = 0; i < 60; i++) single.push(await roundTrip(i)); // one at a time: the latency a user sees
  single.sort((a, b) => a - b);
  const burst = 300;
  const started = performance.now();
  await Promise.all(Array.from({ length: burst }, (_, i) => roundTrip(1000 + i))); // many chats at once: throughput
  const seconds = (performance.now() - started) / 1000;
  console.log(`telegram update→reply (fake Bot API on loopback, ${single.length} sequential): p50 ${ms(percentile(single, 50))}, p99 ${ms(percentile(single, 99))}`);
  console.log(`telegram throughput: ${burst} updates from ${burst} chats in ${seconds.toFixed(2)} s = ${(burst / seconds).toFixed(0)} updates/s`);
  await running.stop();
  await api.stop();
  await records.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
