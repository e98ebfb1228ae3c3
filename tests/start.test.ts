/** `npm start` with no token: the local chat in the terminal over the same pipeline. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('stops with a clear message when the configuration is wrong, without echoing the token', async () => {
    const { code, err } = await run({ TELEGRAM_BOT_TOKEN: 'oops-SECRET' }, '');
    expect(code).toBe(1);
    expect(err).toContain('TELEGRAM_BOT_TOKEN');
    expect(err).not.toContain('oops-SECRET');
  });
});
