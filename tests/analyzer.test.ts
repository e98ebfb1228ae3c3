import { describe, expect, it } from 'vitest';
import { canonicalTone, clauses, fold, foldedPairs, normalize, tokens, yearsIn } from '../src/text/analyzer.js';
import { aliasExpansions, mineAliases, mineNamedAliases, headingName, namesByForeignLetters, staticAliasPairs } from '../src/text/aliases.js';
import { understand } from '../src/search/understand.js';
import { typedTokens } from '../src/register/names.js';

describe('tone placement', () => {
  it.each([
    ['hoá', 'hóa'], ['thuỷ', 'thủy'], ['uỷ', 'ủy'], ['toả', 'tỏa'], ['khoẻ', 'khỏe'], ['hoà', 'hòa'],
  ])('%s and %s are the same word', (oldStyle, newStyle) => {
    expect(canonicalTone(oldStyle)).toBe(canonicalTone(newStyle));
    expect(normalize(`tin học ${oldStyle}`)).toBe(normalize(`tin học ${newStyle}`));
  });

  it('spells i and y after a single consonant one way, and leaves other syllables alone', () => {
    expect(tokens('tỉ lệ')).toEqual(tokens('tỷ lệ'));
    expect(tokens('kĩ năng quản lí')).toEqual(tokens('kỹ năng quản lý'));
    expect(fold(normalize('ty le'))).toBe(fold(normalize('tỷ lệ')));
    expect(tokens('khi di động vi phạm')).toEqual(['khi', 'di', 'động', 'vi', 'phạm']);
  });

  it('leaves syllables where the tone has one place alone', () => {
    expect(canonicalTone('quý')).toBe('quý');
    expect(canonicalTone('hoàn')).toBe('hoàn');
    expect(canonicalTone('thuyết')).toBe('thuyết');
  });

  it('turns decomposed input into NFC', () => {
    expect(normalize('Ho\u0301a')).toBe('hóa');
  });
});

describe('folding', () => {
  it('removes diacritics and maps đ to d', () => {
    expect(fold('đổi mới sáng tạo')).toBe('doi moi sang tao');
    expect(fold(normalize('ĐẮK LẮK'))).toBe('dak lak');
  });

  it('reads no footnote mark glued to a word or figure as part of it', () => {
    expect(clauses(normalize('Tỷ lệ bản sách/người² đạt 0,83¹; Sở TT&TT⁽³⁾'))).toEqual([['tỉ', 'lệ', 'bản', 'sách', 'người', 'đạt', '0.83'], ['sở', 'tttt']]);
    // after a whole number it may be a power
    expect(normalize('10⁶ đồng')).toBe('10⁶ đồng');
  });

  it('builds folded syllable pairs within a clause, not across punctuation', () => {
    expect(foldedPairs(clauses(normalize('Chuyển đổi số, kinh tế số')))).toEqual(['chuyen_doi', 'doi_so', 'kinh_te', 'te_so']);
  });
});

describe('numbers and dates', () => {
  it('reads thousands separators and decimal commas', () => {
    expect(tokens('80.000 doanh nghiệp')).toContain('80000');
    expect(tokens('tỷ lệ 0,83')).toContain('0.83');
    expect(tokens('tăng 3,5%')).toEqual(tokens('tăng 3.5%'));
  });

  it('gives one form to quarters and months with a year', () => {
    expect(normalize('Quý IV/2021')).toBe('quý 4 năm 2021');
    expect(normalize('quý 4 năm 2021')).toBe('quý 4 năm 2021');
    expect(normalize('Tháng 02/2022')).toBe('tháng 2 năm 2022');
    // as officials type a quarter; a longer word or number holding "q" is left alone
    expect(normalize('Giao ban Q1/2023')).toBe('giao ban quý 1 năm 2023');
    expect(normalize('q4 2021')).toBe('quý 4 năm 2021');
    expect(normalize('IQ1/2023 q12/2021')).toBe('iq1/2023 q12/2021');
    expect(tokens('tháng 2/2022')).toEqual(tokens('Tháng 02/2022'));
  });

  it('keeps 5G and IPv6 as single tokens', () => {
    expect(tokens('phủ sóng 5G và IPv6')).toEqual(['phủ', 'sóng', '5g', 'và', 'ipv6']);
  });

  it('finds years and expands ranges', () => {
    expect(yearsIn('giai đoạn 2022-2025')).toEqual([2022, 2023, 2024, 2025]);
    expect(yearsIn('Quý IV/2021, 1.442 lượt xem')).toEqual([2021]);
  });
});

describe('aliases', () => {
  const aliases = staticAliasPairs();
  const expand = (s: string) => aliasExpansions(clauses(normalize(s)), aliases).map((c) => c.join(' '));

  it('expands abbreviations to their full form and back', () => {
    expect(expand('Sở TT&TT Hà Nội')).toContain('thông tin và truyền thông');
    expect(expand('ngành Thông tin và Truyền thông')).toContain('tttt');
    expect(expand('CĐS')).toContain('chuyển đổi số');
    expect(expand('Cục THH')).toContain('cục tin học hóa');
    expect(expand('KH&CN')).toEqual(expand('KHCN'));
  });

  it('mines abbreviations the documents define in brackets', () => {
    const mined = mineAliases('Thúc đẩy phát triển mạng xã hội (MXH) Việt Nam');
    expect(mined.map((a) => [a.short.join(' '), a.full.join(' ')])).toContainEqual(['mxh', 'mạng xã hội']);
    expect(mineAliases('thông tin (abc) sai')).toEqual([]);
  });

  it('mines an English abbreviation as the name it follows, from its capital mid-sentence or after a joining word', () => {
    const pairs = (t: string) => mineAliases(t).map((a) => [a.short.join(' '), a.full.join(' ')]);
    expect(pairs('Phát triển Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) để kết nối')).toEqual([['ndxp', 'nền tảng tích hợp chia sẻ dữ liệu quốc gia']]);
    expect(pairs('Việt Nam liên kết với Diễn đàn kinh tế thế giới (WEF) để')).toEqual([['wef', 'diễn đàn kinh tế thế giới']]);
    // no capital mid-sentence, or a name of numbers: nothing
    expect(pairs('phát triển nền tảng dùng chung (NDXP)')).toEqual([]);
    // it is a name: a question typing it asks for the thing, not each word of its full form
    const [ndxp] = mineAliases('Phát triển Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) để kết nối');
    expect(namesByForeignLetters(ndxp)).toBe(true);
    expect(namesByForeignLetters(mineAliases('phát triển mạng xã hội (MXH)')[0])).toBe(false);
    // the name is found where the documents write it with its comma
    expect(aliasExpansions([['nền', 'tảng', 'tích', 'hợp'], ['chia', 'sẻ', 'dữ', 'liệu', 'quốc', 'gia']], [ndxp])).toEqual([['ndxp']]);
  });

  it('mines names given after an organisation that a heading names', () => {
    const names = new Set([headingName('16. Tổng Công ty Truyền hình cáp Việt Nam')]);
    const mined = mineNamedAliases('Trong năm 2021, Tổng Công ty Truyền hình cáp Việt Nam (VTVcab) vẫn tiếp tục', names);
    expect(mined.map((a) => a.short.join(' '))).toEqual(['vtvcab']);
  });
});

describe('question understanding', () => {
  const aliases = staticAliasPairs();

  it('reads the kind of question with or without diacritics', () => {
    expect(understand('hạn trình luật viễn thông bao giờ', aliases).intent).toBe('deadline');
    expect(understand('han trinh luat vien thong bao gio', aliases).intent).toBe('deadline');
    expect(understand('đơn vị nào chủ trì xây dựng Cổng GovTech', aliases).intent).toBe('unit');
    expect(understand('mục tiêu phủ sóng 5G năm 2025?', aliases).intent).toBe('target');
    expect(understand('muc tieu phu song 5g nam 2025', aliases).years).toEqual([2025]);
  });

  it('reads two syllables making one word as one: "trung hạn", "hạn chế" ask no deadline', () => {
    expect(normalize('Kế hoạch trung hạn đến 2024')).toBe('kế hoạch trunghạn đến 2024');
    expect(fold(normalize('nhung han che cua nganh'))).toBe('nhung hanche cua nganh');
    expect(understand('Kế hoạch trung hạn đến 2024 lĩnh vực bưu chính có đề án gì', aliases).intent).not.toBe('deadline');
    expect(understand('những hạn chế của lĩnh vực bưu chính năm 2021', aliases).intent).not.toBe('deadline');
    expect(understand('hạn nộp luật viễn thông', aliases).intent).toBe('deadline');
    // shown as written where a question's words are named back
    expect(typedTokens('những hạn chế năm 2021')).toEqual(['những', 'hạn chế', 'năm', '2021']);
  });

  it('drops question words but keeps the words they resemble when typed with diacritics', () => {
    const q = understand('bộ máy ở đâu vậy', aliases);
    expect(q.folded).toContain('may');
    expect(q.folded).not.toContain('vay');
    expect(understand('thang may', aliases).folded).not.toContain('may');
  });

  it('keeps a question word that opens a phrase the documents use, not one that closes a phrase shaping the question', () => {
    const known = (pairs: string[]) => (pair: string) => pairs.includes(pair);
    // "ai city" is the documents' ("báo cáo ai city"), "ai chủ trì" asks who
    expect(understand('bao cao ai city nam 2022', aliases, undefined, known(['ai_city'])).folded).toContain('ai');
    expect(understand('ai chu tri bao cao', aliases, undefined, known(['ai_city'])).folded).not.toContain('ai');
    // "phan dau so luong": "đấu" closes "phấn đấu", though "dau so" ("đầu số") is a pair the documents use
    expect(understand('phan dau so luong ten mien', aliases, undefined, known(['dau_so', 'phan_dau'])).folded).not.toContain('dau');
  });

  it('measures an abbreviation by its full form', () => {
    const q = understand('CĐS 2021', aliases);
    expect(q.content.map((t) => t.folded)).toEqual(expect.arrayContaining(['chuyen', 'doi', 'so', '2021']));
    expect(q.content.map((t) => t.folded)).not.toContain('cds');
  });

  it('never corrects a question or function word into a content word', () => {
    // "xong" is not in the documents, "xuống" is one letter away: "phải xong" asks a deadline, it is no subject
    const corrector = (f: string) => (f === 'xong' ? 'xuong' : f);
    const q = understand('đề án này bao giờ phải xong', aliases, corrector);
    expect(q.folded).not.toContain('xuong');
    expect(q.content.map((t) => t.folded)).toEqual(['de', 'an']);
    expect(understand('xuong cap', aliases, corrector).folded).toContain('xuong');
  });

  it('reads its words from lexicon/question-words.json: "%" asks a target wherever it stands', () => {
    expect(understand('phủ sóng 5G 2025 đạt mấy %', aliases).intent).toBe('target');
    expect(understand('phu song 5G 2025 dat 25%', aliases).intent).toBe('target');
    expect(understand('kết quả thực tế năm 2021', aliases).achieved).toBe(true);
  });

  it('keeps the diacritics a user typed, for exact matches', () => {
    const q = understand('giá vé Sài Gòn', aliases);
    expect(q.content).toContainEqual({ folded: 'gon', accented: 'gòn' });
    expect(understand('gia ve sai gon', aliases).content).toContainEqual({ folded: 'gon' });
  });
});
