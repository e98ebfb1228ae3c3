/** /reload in a worker thread, a damaged index rebuilt at start, and start-up errors that say what to do. */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadAnswerer, rebuildAnswerer, type Answerer } from '../src/app.js';
import { renderText } from '../src/answer/render-text.js';
import { loadCorpus } from '../src/index/load.js';
import { DEFAULT_SEEDS_DIR, PROJECT_ROOT } from '../src/paths.js';
import { Database } from '../src/store/sqlite.js';
import { testAnswerer } from './helpers.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tttt-reload-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const QUESTION = 'cổng GovTech bao giờ phải xong?';
const answers = (app: Answerer) => renderText(app.answer(QUESTION).reply).includes('30/6/2021');

/** What two index files should agree on. */
async function counts(indexFile: string) {
  const c = await loadCorpus(indexFile);
  return {
    documents: c.documents.size, passages: c.passages.length, aliases: c.aliases.length, vocabulary: c.vocabulary.size,
    terms: c.search.termCount, tasks: c.register.tasks.length, targets: c.register.targets.length, units: c.register.units.length,
  };
}

describe('/reload', () => {
  it('rebuilds in a worker thread: the old answerer answers and the event loop stays free meanwhile', async () => {
    const old = await testAnswerer();
    const indexFile = path.join(tempDir(), 'index', 'corpus.sqlite');
    let maxGap = 0;
    let answered = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (answers(old)) answered++;
    }, 50);
    const started = performance.now();
    try {
      const fresh = await rebuildAnswerer(DEFAULT_SEEDS_DIR, indexFile);
      const ms = performance.now() - started;
      console.log(`rebuild through the worker: ${Math.round(ms)} ms, longest event-loop gap ${Math.round(maxGap)} ms, ${answered} answers meanwhile`);
      expect(answers(fresh)).toBe(true);
    } finally {
      clearInterval(tick);
    }
    expect(maxGap).toBeLessThan(1000);
    expect(answered).toBeGreaterThan(3);
    // the same as the main-thread build of the global setup (the seeds hash differs: it covers the code, .js here, .ts there)
    expect(await counts(indexFile)).toEqual(await counts(inject('indexFile')));
    expect(readdirSync(path.dirname(indexFile))).toEqual(['corpus.sqlite']);
  }, 60_000);

  it('runs two at once one after the other, leaving one whole file', async () => {
    const indexFile = path.join(tempDir(), 'corpus.sqlite');
    const [a, b] = await Promise.all([rebuildAnswerer(DEFAULT_SEEDS_DIR, indexFile), rebuildAnswerer(DEFAULT_SEEDS_DIR, indexFile)]);
    expect(answers(a) && answers(b)).toBe(true);
    expect(readdirSync(path.dirname(indexFile))).toEqual(['corpus.sqlite']);
    expect((await counts(indexFile)).passages).toBe((await counts(inject('indexFile'))).passages);
  }, 60_000);

  it('rejects with the seeds folder named when the build fails, and leaves the index as it was', async () => {
    const dir = tempDir();
    const seeds = path.join(dir, 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    writeFileSync(path.join(seeds, 'catalog.json'), '[{"file": "000');
    const indexFile = path.join(dir, 'corpus.sqlite');
    copyFileSync(inject('indexFile'), indexFile);
    const before = statSync(indexFile).mtimeMs;
    await expect(rebuildAnswerer(seeds, indexFile)).rejects.toThrow(`${path.join(seeds, 'catalog.json')} is corrupt`);
    await expect(rebuildAnswerer(path.join(dir, 'nowhere'), indexFile)).rejects.toThrow(/SEEDS_DIR: .*nowhere does not exist/);
    expect(statSync(indexFile).mtimeMs).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['corpus.sqlite', 'seeds']);
  }, 30_000);
});

describe('a damaged index at start', () => {
  const damages: Array<[string, (file: string) => Promise<void> | void]> = [
    ['garbage bytes', (file) => writeFileSync(file, 'not a database at all '.repeat(300))],
    ['a truncated file', (file) => truncateSync(file, Math.floor(statSync(file).size / 2))],
    ['a table missing', async (file) => {
      const db = await Database.open(file);
      await db.exec('DROP TABLE passages');
      await db.close();
    }],
  ];
  it.each(damages)('is rebuilt from the seeds when it holds %s, saying so, and answers', async (_, damage) => {
    const indexFile = path.join(tempDir(), 'corpus.sqlite');
    copyFileSync(inject('indexFile'), indexFile);
    await damage(indexFile);
    const logged: string[] = [];
    const app = await loadAnswerer({ seedsDir: DEFAULT_SEEDS_DIR, indexFile, log: (m) => logged.push(m) });
    expect(logged.join('\n')).toMatch(new RegExp(`index ${indexFile} is unreadable .*rebuilding it from ${DEFAULT_SEEDS_DIR}`));
    expect(answers(app)).toBe(true);
  }, 60_000);
});

describe('start-up errors', () => {
  it('name SEEDS_DIR and the path when the seeds folder is missing or empty', async () => {
    const dir = tempDir();
    const indexFile = path.join(dir, 'corpus.sqlite');
    await expect(loadAnswerer({ seedsDir: path.join(dir, 'missing'), indexFile })).rejects.toThrow(`SEEDS_DIR: ${path.join(dir, 'missing')} does not exist; set SEEDS_DIR`);
    mkdirSync(path.join(dir, 'empty'));
    await expect(loadAnswerer({ seedsDir: path.join(dir, 'empty'), indexFile })).rejects.toThrow(`SEEDS_DIR: ${path.join(dir, 'empty')} holds no seed`);
  });

  it('name the catalog file when it is not JSON', async () => {
    const seeds = path.join(tempDir(), 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    writeFileSync(path.join(seeds, 'catalog.json'), '\u0000\u0001 garbage');
    await expect(loadAnswerer({ seedsDir: seeds, indexFile: path.join(seeds, '..', 'x.sqlite') }))
      .rejects.toThrow(`${path.join(seeds, 'catalog.json')} is corrupt, not JSON`);
  });

  it('name INDEX_FILE and the path when the index cannot be written there', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), '');
    const indexFile = path.join(dir, 'file', 'corpus.sqlite'); // its folder would be inside a file
    await expect(loadAnswerer({ seedsDir: DEFAULT_SEEDS_DIR, indexFile }))
      .rejects.toThrow(new RegExp(`INDEX_FILE: cannot write ${indexFile} .*make that folder writable or set INDEX_FILE`));
  });

  it('are printed by npm start, with exit code 1', async () => {
    const main = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
    const seeds = path.join(tempDir(), 'no-seeds');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TELEGRAM|ZALO)_/.test(k)));
    const child = spawn(process.execPath, [main], { env: { ...clean, SEEDS_DIR: seeds, INDEX_FILE: path.join(path.dirname(seeds), 'corpus.sqlite') } });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(err).toContain(`SEEDS_DIR: ${seeds} does not exist`);
  });
});
