/**
 * Abbreviations and their full forms, used in both directions: a text holding either form is indexed
 * (and a question is searched) with the other form's terms too. The static table covers what officials
 * type; `mineAliases` adds what the documents define themselves: "Mạng xã hội (MXH)".
 */
import { clauses, fold, normalize } from './analyzer.js';

/** [short form, full form]. Several short forms may share one full form. */
export const STATIC_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['TT&TT', 'Thông tin và Truyền thông'],
  ['TTTT', 'Thông tin và Truyền thông'],
  ['Bộ TTTT', 'Bộ Thông tin và Truyền thông'],
  ['BTTTT', 'Bộ Thông tin và Truyền thông'],
  ['CĐS', 'chuyển đổi số'],
  ['CPS', 'Chính phủ số'],
  ['CPĐT', 'Chính phủ điện tử'],
  ['KTS', 'kinh tế số'],
  ['XHS', 'xã hội số'],
  ['ATTT', 'an toàn thông tin'],
  ['ANM', 'an ninh mạng'],
  ['ATANM', 'an toàn an ninh mạng'],
  ['CNTT', 'công nghệ thông tin'],
  ['CNS', 'công nghệ số'],
  ['DN', 'doanh nghiệp'],
  ['DNVT', 'doanh nghiệp viễn thông'],
  ['DNBC', 'doanh nghiệp bưu chính'],
  ['DNCNS', 'doanh nghiệp công nghệ số'],
  ['PTTH&TTĐT', 'phát thanh truyền hình và thông tin điện tử'],
  ['PTTH', 'phát thanh truyền hình'],
  ['TTĐT', 'thông tin điện tử'],
  ['TTĐN', 'thông tin đối ngoại'],
  ['TTCS', 'thông tin cơ sở'],
  ['XBIPH', 'xuất bản in và phát hành'],
  ['NXB', 'nhà xuất bản'],
  ['KH&CN', 'khoa học và công nghệ'],
  ['KHCN', 'khoa học và công nghệ'],
  ['KH-CN', 'khoa học và công nghệ'],
  ['KH&ĐT', 'kế hoạch và đầu tư'],
  ['KHĐT', 'kế hoạch và đầu tư'],
  ['Cục THH', 'Cục Tin học hóa'],
  ['THH', 'tin học hóa'],
  ['Cục CN CNTT&TT', 'Cục Công nghiệp công nghệ thông tin và truyền thông'],
  ['MXH', 'mạng xã hội'],
  ['TMĐT', 'thương mại điện tử'],
  ['CSDL', 'cơ sở dữ liệu'],
  ['DVC', 'dịch vụ công'],
  ['DVCTT', 'dịch vụ công trực tuyến'],
  ['TTHC', 'thủ tục hành chính'],
  ['QPPL', 'quy phạm pháp luật'],
  ['VBQPPL', 'văn bản quy phạm pháp luật'],
  ['CMCN', 'cách mạng công nghiệp'],
  ['VTĐ', 'vô tuyến điện'],
  ['UBND', 'ủy ban nhân dân'],
  ['HĐND', 'hội đồng nhân dân'],
  ['CQNN', 'cơ quan nhà nước'],
  ['QLNN', 'quản lý nhà nước'],
  ['NQ', 'nghị quyết'],
  ['NĐ', 'nghị định'],
  ['QĐ', 'quyết định'],
  ['KH', 'kế hoạch'],
  ['ĐP', 'địa phương'],
  ['ĐK', 'điều kiện'],
  ['VN', 'Việt Nam'],
  ['LHQ', 'Liên hợp quốc'],
  ['Cty', 'công ty'],
  ['CT-TW', 'chỉ thị trung ương'],
  ['TSLCD', 'truyền số liệu chuyên dùng'],
  ['HTTT', 'hệ thống thông tin'],
  ['BCVT', 'bưu chính viễn thông'],
  ['CQĐT', 'chính quyền điện tử'],
  ['CQS', 'chính quyền số'],
  ['ĐTTM', 'đô thị thông minh'],
  ['KT-XH', 'kinh tế - xã hội'],
  ['NSNN', 'ngân sách nhà nước'],
  ['DNNN', 'doanh nghiệp nhà nước'],
  ['SXKD', 'sản xuất kinh doanh'],
  ['CSHT', 'cơ sở hạ tầng'],
  ['BCĐ', 'ban chỉ đạo'],
  ['TW', 'trung ương'],
  ['HTQT', 'hợp tác quốc tế'],
  // how officials write the head of Government and the Assembly ("trình TTg", "cấp trình: TTgCP")
  ['TTg', 'Thủ tướng'],
  ['TTgCP', 'Thủ tướng Chính phủ'],
  ['QH', 'Quốc hội'],
  ['CP', 'Chính phủ'],
  ['QG', 'quốc gia'],
  ['KHTC', 'kế hoạch tài chính'],
  ['TCCB', 'tổ chức cán bộ'],
  ['ĐTBĐ', 'đào tạo bồi dưỡng'],
  ['QLDN', 'quản lý doanh nghiệp'],
  ['Cục BĐTW', 'Cục Bưu điện Trung ương'],
  ['Cục VT', 'Cục Viễn thông'],
  ['Cục BC', 'Cục Báo chí'],
  ['SP', 'sản phẩm'],
  // what officials type in chat
  ['bn', 'bao nhiêu'],
  ['ko', 'không'],
  // English words mixed into questions
  ['target', 'mục tiêu'],
  ['revenue', 'doanh thu'],
  ['online', 'trực tuyến'],
  ['game', 'trò chơi điện tử'],
  ['user', 'người sử dụng'],
  ['users', 'người sử dụng'],
  ['deadline', 'thời hạn'],
  ['event', 'sự kiện'],
  ['big event', 'sự kiện lớn'],
  ['smartphone', 'điện thoại thông minh'],
  ['startup', 'khởi nghiệp'],
  ['e-gov', 'Chính phủ điện tử'],
  ['e-government', 'Chính phủ điện tử'],
  ['digital transformation', 'chuyển đổi số'],
  ['digital economy', 'kinh tế số'],
  ['budget', 'ngân sách'],
  ['plan', 'kế hoạch'],
  ['report', 'báo cáo'],
  ['platform', 'nền tảng'],
  ['data', 'dữ liệu'],
  ['big data', 'dữ liệu lớn'],
  ['cloud', 'điện toán đám mây'],
  ['cybersecurity', 'an ninh mạng'],
  ['cyber security', 'an ninh mạng'],
  ['e-commerce', 'thương mại điện tử'],
  ['ecommerce', 'thương mại điện tử'],
  ['smart city', 'đô thị thông minh'],
  ['broadband', 'băng rộng'],
  ['fiber', 'cáp quang'],
  ['coverage', 'phủ sóng'],
  ['subscriber', 'thuê bao'],
  ['subscribers', 'thuê bao'],
  ['domain', 'tên miền'],
  ['ranking', 'xếp hạng'],
  ['rank', 'xếp hạng'],
  ['growth', 'tăng trưởng'],
  ['unit', 'đơn vị'],
  ['task', 'nhiệm vụ'],
];

/** An alias as token sequences of normalized text: either side expands to the other. */
export interface AliasPair {
  short: string[];
  full: string[];
}

function toTokens(text: string): string[] {
  return clauses(normalize(text)).flat();
}

/** The static table as token pairs. */
export function staticAliasPairs(): AliasPair[] {
  return STATIC_ALIASES.map(([s, f]) => ({ short: toTokens(s), full: toTokens(f) }));
}

/**
 * Finds abbreviations a text defines in brackets after their full form, when the capitals match
 * the initials of the words before: "ngành Thông tin và Truyền thông (TT&TT)" → TT&TT = Thông tin và Truyền thông.
 * Joining words ("và") may be skipped by the initials.
 */
export function mineAliases(text: string): AliasPair[] {
  const found: AliasPair[] = [];
  const nfc = text.normalize('NFC');
  // find each "(ABBR)" first, then read the words before it: one pass, no backtracking over the text
  for (const a of nfc.matchAll(/\(([\p{Lu}][\p{Lu}&\-]{1,9})\)/gu)) {
    const m = /([\p{L}\p{N}\s,-]{3,120}?)\s*$/u.exec(nfc.slice(Math.max(0, a.index! - 120), a.index!));
    if (!m) continue;
    const abbr = a[1];
    const letters = fold(abbr.toLowerCase()).replace(/[^a-z]/g, '');
    if (letters.length < 2) continue;
    const words = m[1].trim().split(/\s+/);
    // take words from the end until the initials spell the abbreviation
    let i = letters.length - 1;
    let start = words.length;
    for (let w = words.length - 1; w >= 0 && i >= 0; w--) {
      const initial = fold(words[w].toLowerCase())[0];
      if (initial === letters[i]) { i--; start = w; }
      else if (/^(và|của|các|về)$/i.test(words[w])) continue;
      else break;
    }
    if (i >= 0) continue;
    const full = words.slice(start).join(' ');
    found.push({ short: toTokens(abbr), full: toTokens(full) });
  }
  return found;
}

/**
 * Finds names given in brackets after an organisation named by a heading:
 * "Tổng Công ty Truyền hình cáp Việt Nam (VTVcab)" under the heading "16. Tổng Công ty Truyền hình cáp Việt Nam".
 * `headingNames` holds folded heading titles without their numbering.
 */
export function mineNamedAliases(text: string, headingNames: Set<string>): AliasPair[] {
  const found: AliasPair[] = [];
  // names in mixed case ("VTVcab", "VNPost"); all-capital abbreviations are mined by their initials
  for (const m of text.normalize('NFC').matchAll(/\(([\p{Lu}][\p{L}\d-]{1,15})\)/gu)) {
    if (!/\p{Ll}/u.test(m[1])) continue;
    const before = text.slice(Math.max(0, m.index! - 120), m.index!).trim().split(/\s+/);
    for (let k = Math.min(12, before.length); k >= 3; k--) {
      const phrase = before.slice(before.length - k).join(' ');
      if (headingNames.has(fold(phrase.toLowerCase()))) {
        found.push({ short: toTokens(m[1]), full: toTokens(phrase) });
        break;
      }
    }
  }
  return found;
}

/** A heading title as `mineNamedAliases` compares it: numbering dropped, folded. */
export function headingName(title: string): string {
  return fold(title.normalize('NFC').toLowerCase().replace(/^(?:[\dIVXA-H]+[.)]\s*)+/iu, '').trim());
}

/** Merges alias lists, dropping repeats (same short and full form). */
export function uniqueAliases(list: AliasPair[]): AliasPair[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.short.join(' ') + '=' + a.full.join(' ');
    if (seen.has(key) || a.short.length === 0 || a.full.length === 0) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Returns the token clauses extra to `clauseList` that the aliases bring: for each occurrence of one
 * side (compared folded), the other side as a clause of its own.
 */
export function aliasExpansions(clauseList: string[][], aliases: AliasPair[]): string[][] {
  return aliasMatches(clauseList, aliases).map((m) => [...m.to]);
}

interface AliasSide {
  needle: string[];
  to: string[];
  abbreviated: boolean;
}

// Alias sides by their first folded token, built once per alias list: a lookup per token, not a scan.
const sidesByFirstToken = new WeakMap<AliasPair[], Map<string, AliasSide[]>>();

function sideIndex(aliases: AliasPair[]): Map<string, AliasSide[]> {
  let index = sidesByFirstToken.get(aliases);
  if (!index) {
    index = new Map();
    for (const { short, full } of aliases) {
      for (const [from, to, abbreviated] of [[short, full, true], [full, short, false]] as const) {
        const needle = from.map(fold);
        if (needle.length === 0) continue;
        const list = index.get(needle[0]) ?? [];
        list.push({ needle, to: [...to], abbreviated });
        index.set(needle[0], list);
      }
    }
    sidesByFirstToken.set(aliases, index);
  }
  return index;
}

/** Each alias side found in the text (`from`, folded) with the other side it brings (`to`), once each. */
export function aliasMatches(clauseList: string[][], aliases: AliasPair[]): Array<{ from: string[]; to: string[]; abbreviated: boolean }> {
  const index = sideIndex(aliases);
  const found = new Set<AliasSide>();
  for (const clause of clauseList) {
    const folded = clause.map(fold);
    folded.forEach((token, i) => {
      for (const side of index.get(token) ?? []) {
        if (side.needle.every((w, k) => folded[i + k] === w)) found.add(side);
      }
    });
  }
  return [...found].map((s) => ({ from: s.needle, to: s.to, abbreviated: s.abbreviated }));
}
