/**
 * The records file under faults, with real SQLite files: a database locked by another connection, its
 * file deleted, its path unwritable. What was accepted is never lost: it is committed, or kept in the
 * spool and moved into the database once it takes writes again; what can be neither is refused, so the
 * caller does not acknowledge it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Records, type Delivery } from '../src/store/records.js';
import { Database } from '../src/store/sqlite.js';
import { eventually } from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const delivery = (key: string): Delivery => ({ channel: 'telegram', key, chatId: '7', userId: '7', text: `câu hỏi ${key}`, body: { update_id: Number(key) } });

async function opened(name: string) {
  const logs: string[] = [];
  const file = path.join(dir, name);
  const records = await Records.open(file, (m) => logs.push(m));
  return { file, records, logs };
}

describe('the records file', () => {
  it('records many deliveries at once in one commit, and knows a redelivery across a restart', async () => {
    const { file, records } = await opened('burst.sqlite');
    const keys = Array.from({ length: 200 }, (_, i) => String(i + 1));
    expect(await Promise.all(keys.map((k) => records.receive(delivery(k))))).toEqual(keys.map(() => 'new'));
    await records.close();
    const again = await Records.open(file, () => {});
    expect(await again.receive(delivery('17'))).toBe('duplicate');
    expect((await again.unhandled('telegram')).map((d) => d.key)).toHaveLength(200);
    await again.handled('telegram', '17');
    expect((await again.delivery('telegram', '17'))?.handledAt).toBeDefined();
    await again.close();
  });

  it('keeps deliveries in the spool while another connection locks the database, and moves them in after', async () => {
    const { file, records, logs } = await opened('locked.sqlite');
    const locker = await Database.open(file);
    await locker.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    expect(await records.receive(delivery('1'))).toBe('new');
    expect(await records.receive(delivery('2'))).toBe('new');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(readFileSync(`${file}.spool`, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/did not take 1 write\(s\) \(SQLITE_BUSY/);
    await locker.exec('COMMIT');
    await locker.close();
    await eventually(() => (existsSync(`${file}.spool`) ? undefined : true), 8000);
    expect((await records.delivery('telegram', '2'))?.text).toBe('câu hỏi 2');
    expect(logs.join('\n')).toMatch(/2 spooled write\(s\) moved into/);
    await records.close();
  }, 20_000);

  it('opens the file again when it was deleted under it, so later records are not written to nowhere', async () => {
    const { file, records, logs } = await opened('deleted.sqlite');
    await records.receive(delivery('1'));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);
    expect(await records.receive(delivery('2'))).toBe('new');
    expect(logs.join('\n')).toMatch(/deleted\.sqlite was deleted or replaced; opening it again/);
    await records.close();
    const check = await Records.open(file, () => {});
    expect((await check.delivery('telegram', '2'))?.text).toBe('câu hỏi 2');
    await check.close();
  });

  it('spools while the file cannot be opened, and moves the spool in once it can', async () => {
    const { file, records, logs } = await opened('unopenable.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);
    mkdirSync(file); // the path is no longer a file SQLite can open
    expect(await records.receive(delivery('1'))).toBe('new');
    expect(readFileSync(`${file}.spool`, 'utf8')).toContain('câu hỏi 1');
    expect(logs.join('\n')).toMatch(/unopenable\.sqlite cannot be opened again/);
    rmSync(file, { recursive: true });
    await eventually(() => (existsSync(`${file}.spool`) ? undefined : true), 8000);
    expect((await records.delivery('telegram', '1'))?.text).toBe('câu hỏi 1');
    await records.close();
  }, 20_000);

  it('refuses a record when neither the file nor the spool can be written (a full disk), so it is not acknowledged', async () => {
    const { file, records, logs } = await opened('full.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);
    mkdirSync(file);
    mkdirSync(`${file}.spool`);
    await expect(records.receive(delivery('1'))).rejects.toThrow(/neither .*full\.sqlite nor .*full\.sqlite\.spool can be written/);
    expect(logs.join('\n')).toMatch(/1 write\(s\) refused/);
    rmSync(file, { recursive: true });
    rmSync(`${file}.spool`, { recursive: true });
    await new Promise((r) => setTimeout(r, 2100)); // the database is tried again after its pause
    expect(await records.receive(delivery('2'))).toBe('new');
    expect((await records.delivery('telegram', '2'))?.text).toBe('câu hỏi 2');
    await records.close();
  }, 20_000);

  it('names the file and what to do when it cannot be opened at start', async () => {
    mkdirSync(path.join(dir, 'a-dir'));
    await expect(Records.open(path.join(dir, 'a-dir'), () => {})).rejects.toThrow(/DATA_FILE .*a-dir cannot be opened for writing .*set DATA_FILE to a writable path/);
  });
});
