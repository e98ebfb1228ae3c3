import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/ingest/catalog.js';
import { parseDocument, type Passage } from '../src/ingest/parse.js';
import { PASSAGE_TARGET } from '../src/ingest/split.js';
import { DEFAULT_SEEDS_DIR } from '../src/paths.js';

const seed = (name: string) => readFileSync(path.join(DEFAULT_SEEDS_DIR, name), 'utf8');
const parse = (name: string) => parseDocument(name, seed(name));
const at = (passages: Passage[], line: number) => passages.filter((p) => p.lineStart <= line && line <= p.lineEnd);

const D2023 = '000_94f847d9d8c3a318.txt';
const D2020 = '001_b72b27d90a69d2ec.txt';
const D2021 = '003_578e35c63316aedb.txt';
const REPORT = '004_1f5fb79ec9fc1a3e.txt';

describe('catalog', () => {
  it('describes every seed with a title, kind, date and years', () => {
    const catalog = loadCatalog(DEFAULT_SEEDS_DIR);
    expect(catalog.map((c) => c.file).sort()).toEqual([D2023, D2020, '002_3510211049161906.txt', D2021, REPORT]);
    const directive = catalog.find((c) => c.file === D2023)!;
    expect(directive.title).toMatch(/^Chỉ thị 01\/CT-BTTTT ngày 10\/01\/2023/);
    expect(directive.years).toEqual([2023, 2024, 2025]);
  });
});

describe('heading paths', () => {
  it('puts the year and the sector of a 2025 target into its path', () => {
    const [p] = at(parse(D2023).passages, 99);
    expect(p.headingPath).toEqual([
      '2. Nhiệm vụ, giải pháp chủ yếu năm 2023 và giai đoạn 2024 - 2025',
      '2.3. Lĩnh vực Chính phủ số và Chuyển đổi số quốc gia',
      '2.3.2. Định hướng giai đoạn 2024 - 2025',
    ]);
  });

  it('nests bold headings under the numbered organisation in an appendix', () => {
    const [p] = at(parse(REPORT).passages, 2180);
    expect(p.headingPath.slice(-2)).toEqual(['2. Viettel Post', 'Kế hoạch hoạt động năm 2022']);
    expect(p.headingPath[0]).toMatch(/^Phụ lục V HOẠT ĐỘNG NỔI BẬT CỦA CÁC DOANH NGHIỆP/);
  });

  it('opens a new numbered section under Phụ lục VI for each provincial department', () => {
    const passages = parse(REPORT).passages;
    const hanoi = passages.find((p) => p.headingPath.at(-1) === '1. Sở TT&TT thành phố Hà Nội')!;
    expect(hanoi.headingPath[0]).toMatch(/^Phụ lục VI/);
    const [p] = at(passages, 3040);
    expect(p.headingPath.at(-1)).toBe('3. Sở TT&TT Đà Nẵng');
  });

  it('closes a bold heading when the next numbered section starts', () => {
    const [p] = at(parse(REPORT).passages, 418);
    expect(p.headingPath.at(-1)).toBe('2.6. Định hướng đến năm 2025');
    expect(p.headingPath).not.toContain('Giải pháp khắc phục');
  });
});

describe('tables', () => {
  it('keeps a row with its column names and the sector row above it', () => {
    const [row] = at(parse(D2021).passages, 227);
    expect(row.kind).toBe('row');
    expect(row.table!.columns).toEqual(['STT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành']);
    expect(row.table!.sector).toBe('II LĨNH VỰC VIỄN THÔNG');
    expect(row.table!.cells[1]).toBe('Số thuê bao băng rộng cố định trên 100 dân: 18');
    expect(row.table!.cells[2]).toBe('Cục Viễn thông');
  });

  it('recognises a header repeated after a page break, and keeps the sector', () => {
    const passages = parse(D2021).passages;
    expect(at(passages, 234)).toEqual([]); // the repeated header row is no passage
    const [row] = at(passages, 235);
    expect(row.table!.sector).toBe('II LĨNH VỰC VIỄN THÔNG');
  });
});

describe('text repair', () => {
  it('rejoins a sentence cut across a page break', () => {
    const [p] = at(parse(D2020).passages, 25);
    expect(p.lineStart).toBe(23);
    expect(p.lineEnd).toBe(25);
    expect(p.text).toContain('Bộ TTTT sẽ cho triển khai thử nghiệm thiết bị 5G Việt Nam');
  });

  it('keeps footnotes out of the sentence they interrupt', () => {
    const passages = parse(D2021).passages;
    const sentence = at(passages, 133).find((p) => p.kind === 'text')!;
    expect(sentence.lineEnd).toBe(141);
    expect(sentence.text).not.toContain('dự kiến có khoảng 100 triệu');
    expect(at(passages, 135)[0].kind).toBe('footnote');
  });

  it('gives a footnote the sentence that cites its mark, which says what its figures are of', () => {
    const passages = parse(D2021).passages;
    // "¹ Năm 2021 dự kiến có khoảng 100 triệu người sử dụng mạng xã hội Việt…" is cited by the target on social networks
    expect(at(passages, 135)[0].cites).toContain('Tỷ lệ người sử dụng mạng xã hội Việt');
    // "² Trong đó, sách giáo khoa…" is cited by "Tỷ lệ bản sách/người²"
    expect(at(passages, 137)[0].cites).toMatch(/Tỷ lệ bản sách\/người$/);
  });

  it('drops web-page clutter', () => {
    const texts = parse(D2023).passages.map((p) => p.text).join('\n');
    expect(texts).not.toMatch(/Bấm vào đây|Thứ sáu - 27\/01\/2023|Tác giả:/);
  });

  it('splits a long line into phone-sized passages at sentence ends', () => {
    const pieces = at(parse(D2023).passages, 17);
    const line = seed(D2023).split('\n')[16];
    expect(line.length).toBeGreaterThan(1000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(PASSAGE_TARGET + 200);
      expect(line).toContain(p.text);
      expect(p.text).toMatch(/[.;]$/);
    }
  });
});
