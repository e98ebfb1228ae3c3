/**
 * End-to-end questions over the real seeds: the cited document and line, and the figure in the reply.
 * These are our own questions (not the eval set), in the ways officials type them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../src/answer/render-text.js';
import type { StoredPassage } from '../src/index/load.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { testAnswerer } from './helpers.js';

const D2023 = '000_94f847d9d8c3a318.txt';
const D2021 = '003_578e35c63316aedb.txt';

async function ask(q: string) {
  const app = await testAnswerer();
  const { search, reply, noAnswer, sources } = app.answer(q);
  // the passage the search leads with (tests of a list or of a refusal do not read it)
  return { result: { noAnswer }, reply, sources, text: renderText(reply), top: search?.hits[0]?.passage as StoredPassage };
}

describe('answers cite the line that holds the figure', () => {
  it.each([
    ['tỷ lệ hộ gia đình sử dụng cáp quang năm 2021', D2021, 230, '60 %'],
    ['muc tieu ten mien het nam 2023', D2023, 58, '590.000 – 595.000 tên miền'],
    ['Vinasat-1 báo cáo Thủ tướng khi nào', D2021, 318, 'Tháng 3/2021'],
    ['ai chủ trì xây dựng Cổng công nghệ mở GovTech', D2021, 360, 'Cục THH'],
    ['so doanh nghiep cong nghe so tren 1000 dan nam 2021', D2021, 237, '0,7'],
    ['tỷ lệ hồ sơ trực tuyến toàn trình 2025', D2023, 99, '80%'],
    // the one passage holding every content word, crowded out of the candidates by "đạt mục tiêu … bao nhiêu mỗi năm"
    ['zalo dat muc tieu tang nguoi dung bao nhieu moi nam', '004_1f5fb79ec9fc1a3e.txt', 2914, '12%/năm'],
  ])('%s', async (q, doc, line, figure) => {
    const { result, text, top } = await ask(q);
    expect(result.noAnswer).toBe(false);
    expect(top.doc).toBe(doc);
    expect(top.lineStart).toBeLessThanOrEqual(line);
    expect(top.lineEnd).toBeGreaterThanOrEqual(line);
    expect(text.slice(0, 400)).toContain(figure);
    expect(text).toMatch(new RegExp(`dòng ${line}`));
  });

  it('leads a "who" answer with the clause naming the unit, though another clause holds more of the question\'s words', async () => {
    const a = await ask('đơn vị nào lo hợp đồng lao động điện tử theo giao ban quý I/2023');
    expect(a.result.noAnswer).toBe(false);
    expect(a.text.slice(0, 400)).toMatch(/^Trung tâm chứng thực điện tử quốc gia .*hợp đồng lao động điện tử/s);
  });

  it('reads the quarter whether written "Quý IV/2021" or "quý 4 năm 2021"', async () => {
    const a = await ask('lập đề nghị xây dựng luật viễn thông sửa đổi, hạn quý 4 năm 2021?');
    expect(a.top.doc).toBe(D2021);
    expect(a.top.lineStart).toBe(289);
    expect(a.text).toContain('Quý IV/2021');
  });

  it('finds a target asked with old tone placement and without diacritics alike', async () => {
    const a = await ask('mục tiêu Cục Tin học hoá chính phủ điện tử tăng bao nhiêu bậc năm 2021');
    const b = await ask('muc tieu cuc tin hoc hoa chinh phu dien tu tang bao nhieu bac nam 2021');
    expect(a.top.lineStart).toBe(266);
    expect(b.top.lineStart).toBe(266);
    expect(a.text).toContain('Tăng tối thiểu 10 bậc');
  });

  it('tolerates a typo in a longer word', async () => {
    const a = await ask('chỉ tiêu tỷ lệ người sử dụng internet năm 2021 là bao nhiu');
    expect(a.top.lineStart).toBe(232);
    expect(a.text).toContain('71%');
  });

  it('prefers the passage about the place the question names', async () => {
    const a = await ask('Bình Định ban hành nghị quyết chuyển đổi số ngày nào?');
    expect(a.top.headingPath.at(-1)).toBe('12. Sở TT&TT Bình Định');
    expect(a.text.slice(0, 200)).toContain('20/9/2021');
  });

  it('leads with the part of a long sentence that holds the figure', async () => {
    const a = await ask('theo giao ban quý I/2023, thứ hạng Việt Nam công bố năm 2024 phải xuống dưới bao nhiêu');
    expect(a.top.doc).toBe('002_3510211049161906.txt');
    expect(a.text.slice(0, 400)).toContain('từ 86 xuống dưới 75');
    // a list of figures is not cut at its commas: "08 QCVN, 13 TCVN" stands whole in the lead
    const b = await ask('KHCN 2022: Bộ TTTT dự kiến XD bao nhiêu QCVN, TCVN?');
    expect(b.text.split('\n')[0]).toContain('08 QCVN, 13 TCVN');
    // the clause is read as the question is: "tỷ trọng" typed "tỉ trọng" (or as "KTS") is the passage's "Tỷ trọng"
    const c = await ask('tỉ trọng KTS trong GDP đến cuối năm 2020 bao nhiêu');
    expect(c.text.split('\n')[0]).toContain('Tỷ trọng kinh tế số trong GDP đạt tối thiểu 10%');
  });

  it('lists the items of a plan when asked what is to be done', async () => {
    const a = await ask('Viettel Post có kế hoạch gì năm 2022');
    expect(a.text).toContain('Fulfillment');
    expect(a.text).toContain('Vtman');
  });

  it('gives a newcomer the list of a sector\'s priorities for a year, every item of its section', async () => {
    const a = await ask('năm 2023 ngành bưu chính có nhiệm vụ trọng tâm gì');
    expect(a.reply.kind).toBe('list');
    // the six bullets of "2.1.1. Nhiệm vụ trọng tâm năm 2023" (lines 28-33 of the 2023 directive), in order,
    // then the Q1/2023 meeting's paragraph on bưu chính (line 35 of the news report)
    expect(a.sources.map((s) => `${s.doc}:${s.lineStart}`)).toEqual([
      ...[28, 29, 30, 31, 32, 33].map((l) => `${D2023}:${l}`), '002_3510211049161906.txt:35',
    ]);
    expect(a.text).toMatch(/^Lĩnh vực Bưu chính năm 2023: 7 mục/);
    expect(a.text).toContain('Xây dựng Cổng dữ liệu bưu chính.');
  });

  it('says that the documents hold only a target when asked what was achieved', async () => {
    const a = await ask('thực tế đã đạt được bao nhiêu doanh nghiệp công nghệ số đến năm 2025');
    expect(a.result.noAnswer).toBe(true);
    expect(a.text).toMatch(/^Các văn bản hiện có chỉ nêu mục tiêu, kế hoạch; không nêu kết quả thực tế này\./);
    expect(a.text).toContain('Nội dung gần nhất tìm được');
  });

  it('says plainly when the documents do not hold the answer', async () => {
    // the last: Bắc Giang's section says nothing of its level-4 services; another province's figure is no answer
    const odd = ['<script>alert(1)</script>', '😀😀', 'a'.repeat(3000)]; // and none of them may hang the engine
    for (const q of ['giá vé máy bay Hà Nội Sài Gòn bao nhiêu', 'hello', '???', 'số lượng dịch vụ công trực tuyến mức 4 của Bắc Giang', ...odd]) {
      const a = await ask(q);
      expect(a.result.noAnswer).toBe(true);
      expect(a.text).toMatch(/^Các văn bản hiện có không nêu nội dung này\./);
    }
  });
});

describe('npm run ask -- --jsonl', () => {
  it('speaks the eval contract: verbatim passages in rank order, noAnswer, and a line per question', async () => {
    const cli = path.join(PROJECT_ROOT, 'dist', 'handlers', 'ask.js');
    expect(existsSync(cli), 'run `npm run build` first').toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tttt-cli-'));
    try {
      const child = spawn(process.execPath, [cli, '--jsonl'], { env: { ...process.env, INDEX_FILE: path.join(dir, 'corpus.sqlite') } });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stdin.end([
        JSON.stringify({ id: 'a', q: 'cổng GovTech bao giờ phải xong?' }),
        'not json',
        JSON.stringify({ id: 'b', q: 'giá vé máy bay Hà Nội Sài Gòn' }),
      ].join('\n') + '\n');
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      const lines = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(3);
      const a = lines.find((l) => l.id === 'a');
      expect(a.noAnswer).toBe(false);
      expect(a.answer).toContain('30/6/2021');
      expect(a.passages[0]).toMatchObject({ doc: D2021, lineStart: 360, lineEnd: 360 });
      expect(a.passages[0].text).toContain('Xây dựng Cổng công nghệ mở GovTech cho Việt Nam');
      expect(lines.find((l) => l.error)?.error).toMatch(/line 2: not JSON/);
      expect(lines.find((l) => l.id === 'b').noAnswer).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
