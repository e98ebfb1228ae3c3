import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rebuildAnswerer } from '../src/app.js';
import { renderText } from '../src/answer/render-text.js';
import { splitMessage } from '../src/answer/split-message.js';
import { loadConfig } from '../src/config.js';
import { Dialog, type Incoming } from '../src/conversation/dialog.js';
import { RateLimiter } from '../src/conversation/rate-limit.js';
import { Records } from '../src/store/records.js';
import { DEFAULT_SEEDS_DIR } from '../src/paths.js';
import { Database } from '../src/store/sqlite.js';
import { testAnswerer } from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-conv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const msg = (text: string, who = '1'): Incoming => ({ channel: 'terminal', chatId: who, userId: who, text });

describe('the dialog', () => {
  it('serves only the allowed chats and users when an allowlist is set', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 10, allowedIds: ['telegram:-100200', 'terminal:42'] });
    expect(renderText((await dialog.handle(msg('/nguon', '7'))).reply)).toContain('chỉ phục vụ các đơn vị được cấp quyền');
    expect(renderText((await dialog.handle(msg('/nguon', '42'))).reply)).toContain('Các văn bản');
    expect(renderText((await dialog.handle({ channel: 'telegram', chatId: '-100200', userId: '9', text: '/nguon' })).reply)).toContain('Các văn bản');
    // the same ids on another channel are other people
    expect(renderText((await dialog.handle({ channel: 'zalo', chatId: '-100200', userId: '42', text: '/nguon' })).reply)).toContain('chỉ phục vụ');
  });

  it('binds admins to their channel: a Zalo user with a Telegram admin\'s id gets no /stats', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 10, adminIds: ['telegram:5'] });
    expect(renderText((await dialog.handle({ channel: 'zalo', chatId: '5', userId: '5', text: '/stats' })).reply)).toContain('chỉ dành cho quản trị viên');
    expect(renderText((await dialog.handle({ channel: 'telegram', chatId: '5', userId: '5', text: '/stats' })).reply)).not.toContain('chỉ dành cho quản trị viên');
  });

  it('echoes no control character or lone surrogate back to the user', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 10 });
    const text = renderText((await dialog.handle(msg('/donvi Ban\u0007 X\u001b[31m\ud800'))).reply);
    expect(text).toContain('Ban X[31m');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDFFF]/u);
  });

  it('answers an unknown command with the way to get help', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 10 });
    expect(renderText((await dialog.handle(msg('/xyz'))).reply)).toContain('Không có lệnh /xyz');
  });

  it('forgets nothing it was asked, and says so when a follow-up refers to an unknown answer', async () => {
    const dialog = new Dialog(await testAnswerer(), undefined, { rateLimitPerMinute: 10 });
    const { answerKey } = await dialog.handle(msg('mục tiêu tên miền hết năm 2023'));
    expect(answerKey).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(dialog.more(answerKey!)).toBeDefined();
    expect(dialog.more('AAAAAAAAAA')).toBeUndefined();
    expect(dialog.feedback('AAAAAAAAAA', 'terminal', '1', 1)).toBe(false);
  });

  it('on /reload by an admin, rebuilds the index from the seeds and answers from the new document', async () => {
    const seeds = path.join(dir, 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    const indexFile = path.join(dir, 'reload.sqlite');
    const dialog = new Dialog(await testAnswerer(), undefined, {
      rateLimitPerMinute: 10, adminIds: ['terminal:5'], reload: () => rebuildAnswerer(seeds, indexFile),
    });
    // adding a document: drop the .txt, add a catalog entry, rebuild
    writeFileSync(path.join(seeds, '005_ke_hoach_2024.txt'), 'KẾ HOẠCH\n\n1. Lĩnh vực Bưu chính\n\nNăm 2024 phấn đấu 100% bưu cục ứng dụng khinhkhicau số.\n');
    const catalog = JSON.parse(readFileSync(path.join(seeds, 'catalog.json'), 'utf8'));
    catalog.push({ file: '005_ke_hoach_2024.txt', title: 'Kế hoạch thử nghiệm năm 2024', kind: 'kế hoạch', date: '2024', years: [2024], short: 'Kế hoạch 2024' });
    writeFileSync(path.join(seeds, 'catalog.json'), JSON.stringify(catalog));

    expect(renderText((await dialog.handle(msg('/reload', '6'))).reply)).toContain('chỉ dành cho quản trị viên');
    expect(renderText((await dialog.handle(msg('/reload', '5'))).reply)).toMatch(/Đã nạp lại chỉ mục: \d+ đoạn từ 6 văn bản/);
    const answer = renderText((await dialog.handle(msg('năm 2024 bao nhiêu bưu cục ứng dụng khinhkhicau số', '5'))).reply);
    expect(answer).toContain('100% bưu cục');
    expect(answer).toContain('Kế hoạch 2024 › 1. Lĩnh vực Bưu chính · dòng 5');
  });
});

describe('records', () => {
  it('keeps questions in a WAL-mode SQLite file', async () => {
    const file = path.join(dir, 'records.sqlite');
    const records = await Records.open(file);
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 10 });
    await dialog.handle(msg('giá vé máy bay Hà Nội Sài Gòn'));
    await records.close();
    const db = await Database.open(file, 'readonly');
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    const row = await db.get<{ question: string; no_answer: number; channel: string }>('SELECT question, no_answer, channel FROM questions');
    expect(row).toEqual({ question: 'giá vé máy bay Hà Nội Sài Gòn', no_answer: 1, channel: 'terminal' });
    await db.close();
  });

  it('gives the user the reply when a table was dropped under it, makes the table again and keeps the record', async () => {
    const logged: string[] = [];
    const file = path.join(dir, 'broken.sqlite');
    const records = await Records.open(file, (m) => logged.push(m));
    const db = await Database.open(file);
    await db.exec('DROP TABLE questions');
    await db.close();
    const dialog = new Dialog(await testAnswerer(), records, { rateLimitPerMinute: 10 });
    const { reply } = await dialog.handle(msg('cổng GovTech bao giờ phải xong?'));
    expect(renderText(reply)).toContain('30/6/2021');
    await records.flush();
    expect(logged.join('\n')).toMatch(/records: .*broken\.sqlite lacked part of its schema \(SQLITE_ERROR: no such table: questions\); making it again/);
    await records.close();
    const check = await Database.open(file, 'readonly');
    expect(await check.all('SELECT question FROM questions')).toEqual([{ question: 'cổng GovTech bao giờ phải xong?' }]);
    await check.close();
  });
});

describe('rate limit', () => {
  it('allows `limit` events per window and key, then refuses until the window moves on', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    now = 60_001;
    expect(limiter.allow('a')).toBe(true);
  });
});

describe('message splitting', () => {
  it('cuts at paragraph boundaries under the limit and loses nothing', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Đoạn ${i}: ` + 'chữ '.repeat(20 + i));
    const text = paragraphs.join('\n\n');
    const pieces = splitMessage(text, 2000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(2000);
    expect(pieces.join('\n\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
    for (const p of pieces) expect(p).toMatch(/^Đoạn \d+:/);
  });

  it('cuts a single over-long paragraph at spaces', () => {
    const pieces = splitMessage('từ '.repeat(3000).trim(), 4096);
    expect(pieces.length).toBe(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(4096);
  });
});

describe('configuration', () => {
  it('runs with no tokens (the local chat) and fills defaults', () => {
    const c = loadConfig({});
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(c.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(c.ZALO_API_ROOT).toBe('https://bot-api.zaloplatforms.com');
    expect(c.RATE_LIMIT_PER_MINUTE).toBe(20);
  });

  it('names what is wrong without echoing secrets', () => {
    const badToken = 'not-a-token-SECRETVALUE';
    let message = '';
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: badToken, PORT: 'eighty', ADMIN_IDS: 'telegram:1, 2,bad id' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('TELEGRAM_BOT_TOKEN');
    expect(message).toContain('PORT');
    expect(message).toContain('ADMIN_IDS');
    expect(message).toContain('telegram:123456789 or zalo:abc123');
    expect(message).not.toContain('SECRETVALUE');
  });

  it('requires a secret for the Zalo webhook', () => {
    expect(() => loadConfig({ ZALO_BOT_TOKEN: 'abcdefghijkl', ZALO_WEBHOOK_URL: 'https://x.gov.vn/zalo' })).toThrow(/ZALO_WEBHOOK_SECRET/);
  });

  it('reads id lists', () => {
    expect(loadConfig({ ALLOWED_CHAT_IDS: 'telegram:-1001, zalo:42 ,' }).ALLOWED_CHAT_IDS).toEqual(['telegram:-1001', 'zalo:42']);
    expect(() => loadConfig({ ALLOWED_CHAT_IDS: '-1001' })).toThrow(/ALLOWED_CHAT_IDS.*write each id with its channel/);
  });
});
