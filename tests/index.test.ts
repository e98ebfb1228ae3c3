import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildIndex } from '../src/index/build.js';
import { ensureIndex, loadCorpus } from '../src/index/load.js';
import { DEFAULT_SEEDS_DIR } from '../src/paths.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tttt-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the prebuilt index', () => {
  it('is byte-identical when built twice from the same seeds', async () => {
    const again = path.join(tempDir(), 'again.sqlite');
    await buildIndex(DEFAULT_SEEDS_DIR, again);
    expect(sha(again)).toBe(sha(inject('indexFile')));
  });

  it('holds the documents, the passages and a search index that finds them', async () => {
    const corpus = await loadCorpus(inject('indexFile'));
    expect([...corpus.documents.keys()]).toHaveLength(5);
    expect(corpus.passages.length).toBeGreaterThan(2000);
    const hits = corpus.search.search('vinasat', { fields: ['folded'] });
    expect(hits.some((h) => corpus.passages[h.id].text.includes('VINASAT-1'))).toBe(true);
  });

  it('is rebuilt only when the seeds change', async () => {
    const seeds = path.join(tempDir(), 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    const file = path.join(path.dirname(seeds), 'index', 'corpus.sqlite');
    expect(await ensureIndex(seeds, file)).toBe(true);
    expect(await ensureIndex(seeds, file)).toBe(false);
    appendFileSync(path.join(seeds, '001_b72b27d90a69d2ec.txt'), '\nTrong năm 2020 thử nghiệm dịch vụ khinhkhicau trên toàn quốc.\n');
    expect(await ensureIndex(seeds, file)).toBe(true);
    const corpus = await loadCorpus(file);
    expect(corpus.passages.some((p) => p.text.includes('khinhkhicau'))).toBe(true);
  });

  it('refuses a seed that the catalog does not describe, naming it', async () => {
    const seeds = path.join(tempDir(), 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    writeFileSync(path.join(seeds, '005_new.txt'), 'Văn bản mới.\n');
    await expect(buildIndex(seeds, path.join(seeds, '..', 'x.sqlite'))).rejects.toThrow(/005_new\.txt.*catalog/);
  });

  it('refuses a catalog entry that is not valid, saying which field', async () => {
    const seeds = path.join(tempDir(), 'seeds');
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    const catalog = JSON.parse(readFileSync(path.join(seeds, 'catalog.json'), 'utf8'));
    catalog[0].date = '10/01/2023';
    writeFileSync(path.join(seeds, 'catalog.json'), JSON.stringify(catalog));
    await expect(buildIndex(seeds, path.join(seeds, '..', 'x.sqlite'))).rejects.toThrow(/0\.date: date is YYYY/);
  });
});
