/** `npm start` with no token: the local chat in the terminal over the same pipeline. */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FakeTelegramApi } from '../src/devtools/fake-telegram.js';
import { PROJECT_ROOT } from '../src/paths.js';

function run(env: Record<string, string>, input: string): Promise<{ code: number | null; out: string; err: string }> {
  const main = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error('run `npm run build` first');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TELEGRAM|ZALO)_/.test(k)));
  const child = spawn(process.execPath, [main], { env: { ...clean, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('npm start', () => {
  it('opens the local chat when no token is set, answers, takes follow-ups and says goodbye', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-start-'));
    try {
      const { code, out } = await run(
        { INDEX_FILE: path.join(dir, 'corpus.sqlite'), DATA_FILE: path.join(dir, 'bot.sqlite') },
        'cổng GovTech bao giờ phải xong?\n2\nthoát\n',
      );
      expect(code).toBe(0);
      expect(out).toContain('Xin chào!');
      expect(out).toContain('30/6/2021');
      expect(out).toContain('Mục: PHỤ LỤC II');
      expect(out).toContain('Tạm biệt!');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the Telegram bot when a token is set, and on SIGTERM finishes the reply in progress and confirms it', async () => {
    const api = await new FakeTelegramApi().start();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-stop-'));
    // the index built once for all tests: this test is of stopping, and a build under a loaded machine's
    // other tests may outlast the wait for the first getUpdates (the chat test above builds one)
    copyFileSync(inject('indexFile'), path.join(dir, 'corpus.sqlite'));
    try {
      const token = '123456789:' + 'S'.repeat(35);
      const main = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TELEGRAM|ZALO)_/.test(k)));
      const child = spawn(process.execPath, [main], {
        env: { ...clean, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.url, INDEX_FILE: path.join(dir, 'corpus.sqlite'), DATA_FILE: path.join(dir, 'bot.sqlite') },
      });
      let err = '';
      child.stderr.on('data', (d) => { err += d; });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await api.waitForCall((c) => c.method === 'getUpdates', 30_000);

      api.failNext('sendMessage', { status: 200, slowMs: 1500 }); // the reply is on its way when the signal comes
      const updateId = api.pushUpdate(FakeTelegramApi.textUpdate('/nguon', { chatId: 77 }));
      await api.waitForCall((c) => c.method === 'sendMessage', 10_000);
      child.kill('SIGTERM');

      expect(await exited).toBe(0);
      expect(err).toContain('Stopped.');
      expect(err).not.toContain(token.split(':')[1]);
      const sent = api.sentTo('sendMessage', 77);
      expect(sent).toHaveLength(1);
      const confirm = api.sent('getUpdates').at(-1)!;
      expect(Number(confirm.params.offset)).toBe(updateId + 1);
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('stops with a clear message when the configuration is wrong, without echoing the token', async () => {
    const { code, err } = await run({ TELEGRAM_BOT_TOKEN: 'oops-SECRET' }, '');
    expect(code).toBe(1);
    expect(err).toContain('TELEGRAM_BOT_TOKEN');
    expect(err).not.toContain('oops-SECRET');
  });
});
