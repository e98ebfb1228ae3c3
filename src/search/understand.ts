/**
 * Question understanding: what is asked (a target, a deadline, a lead unit …), which years, the search
 * terms once question words are set aside, and the content words and phrases a passage must hold to
 * answer. Works on folded text, so it reads questions typed with or without diacritics alike; words typed
 * with diacritics keep them, so "Sài Gòn" does not count as found in "tinh gọn".
 */
import { aliasMatches, type AliasPair } from '../text/aliases.js';
import { clauses, fold, normalize, yearsIn } from '../text/analyzer.js';

export type Intent = 'deadline' | 'unit' | 'target' | 'task' | 'overview' | 'fact';

/** A word or a syllable pair: folded, and as typed when typed with diacritics. */
export interface Term {
  folded: string;
  /** Undefined when typed without diacritics: then any accented form matches. */
  accented?: string;
}

export interface Question {
  raw: string;
  intent: Intent;
  years: number[];
  /** Accented tokens the user typed with diacritics. */
  exact: string[];
  /** Folded search tokens, alias expansions included. */
  folded: string[];
  /** Folded syllable pairs from adjacent words (question words excluded), alias expansions included. */
  pairs: string[];
  /** The words that say what the question is about: no function words, no answer-kind words ("mục tiêu"). */
  content: Term[];
  /** Pairs of adjacent words holding a content word: the question's phrases. */
  phrases: Term[];
  /** Names typed as names (MobiFone, VTVcab, GovTech): folded. A passage that answers names them. */
  names: string[];
  /** Folded pairs of capitalised words in a row ("Đà Nẵng", "Viettel Post"): proper names a passage should hold. */
  properPairs: string[];
  /** Asks about plans, targets or tasks (what is to be), not results (what was). */
  planned: boolean;
  /** Asks what was actually achieved ("thực tế đã đạt"): a target is no answer to that. */
  achieved: boolean;
}

const ACHIEVED = /(^|\s)(da dat|thuc te|dat duoc|ket qua|thuc hien duoc)(\s|\?|$)/;

const PLANNED = /(^|\s)(muc tieu|chi tieu|phan dau|dinh huong|ke hoach|target|du kien|nhiem vu|can lam|phai lam|lam gi)(\s|\?|$)/;

const INTENT_PATTERNS: Array<[Intent, RegExp]> = [
  ['deadline', /\b(bao gio|khi nao|luc nao|thoi han|han chot|thoi diem nao|nam nao|thang may|thang nao|quy may|quy nao|bao lau|giai doan nao|tien do|deadline|han trinh|han hoan thanh|den bao gio)\b/],
  ['unit', /(^|\s)(don vi nao|co quan nao|ai|vu nao|cuc nao|bo nao|tap doan nao|doanh nghiep nao|luc luong nao|to chuc nao|dau moi|chu tri|phu trach|giao cho ai|nhung doanh nghiep nao)(\s|\?|$)/],
  // "tỷ lệ" is normalized to "tỉ lệ" (one i/y spelling), so it reads "ti le" folded
  ['target', /(^|\s)(bao nhieu|bn|muc tieu|chi tieu|ti le|ty le|may %|phan tram|top|xep hang|quy mo|thu may|hang may|target|nhom may|dat muc)(\s|\?|$)|%/],
  ['task', /\b(lam gi|nhung gi|nhiem vu|ke hoach gi|viec gi|nhung viec|lam nhung|can lam|trien khai gi)\b/],
  ['overview', /\b(trong tam|dinh huong|uu tien|tong quan|linh vuc nao)\b/],
];

/** Sequences of folded question words that carry no content: dropped from terms and pairs. */
const QUESTION_PHRASES: string[][] = [
  ['la', 'bao', 'nhieu'], ['bao', 'nhieu'], ['bao', 'gio'], ['bao', 'lau'], ['khi', 'nao'], ['luc', 'nao'],
  ['nhu', 'the', 'nao'], ['the', 'nao'], ['la', 'gi'], ['cho', 'biet'], ['xin', 'hoi'], ['co', 'phai'],
  ['la', 'may'], ['ra', 'sao'],
];
/** Single question words, folded; dropped when typed without diacritics or with these diacritics. */
const QUESTION_WORDS = new Set(['bn', 'gi', 'nao', 'vay', 'a', 'nhi', 'ha', 'dau', 'sao', 'khong', 'ko', 'chua', 'oi', 'nhe', 'ak', 'ah', 'hoi', 'ai', 'may', 'co']);
const QUESTION_WORDS_ACCENTED = new Set(['gì', 'nào', 'vậy', 'ạ', 'nhỉ', 'hả', 'đâu', 'không', 'chưa', 'ơi', 'nhé', 'thế', 'mấy', 'hỏi', 'cỡ']);

// Function words: searched, but a passage need not contain them to answer. Folded, and as typed with
// diacritics ("vé" and "chi" are content although "về" and "chỉ" are not).
const FUNCTION_WORDS = new Set([
  'phai', 'lam', 'duoc', 'can', 'thi', 'nhung', 'toi', 'se', 'de', 'voi', 'khi', 'vao', 'cua', 'co', 'cho', 'la', 'cac',
  'va', 'trong', 'tu', 'den', 'o', 've', 'bang', 'nay', 'do', 'ra', 'theo', 'sau', 'truoc', 'da', 'dang', 'moi', 'mot',
  'nam', 'thang', 'dat', 'han', 'viec', 'nao', 'khoang',
]);
const FUNCTION_WORDS_ACCENTED = new Set([
  'phải', 'làm', 'được', 'cần', 'thì', 'những', 'tới', 'sẽ', 'để', 'với', 'khi', 'vào', 'của', 'có', 'cho', 'là', 'các',
  'và', 'trong', 'từ', 'đến', 'ở', 'về', 'bằng', 'này', 'do', 'ra', 'theo', 'sau', 'trước', 'đã', 'đang', 'mỗi', 'mới', 'một',
  'năm', 'tháng', 'đạt', 'hạn', 'việc', 'nào', 'khoảng',
]);
// Phrases that say what kind of answer is wanted, or administrative verbs every passage uses: as a pair
// they say nothing of the subject, so neither word is content ("thời gian" no, "thời tiết" yes).
const NON_CONTENT_PHRASES = new Set([
  'muc_tieu', 'chi_tieu', 'ty_le', 'ti_le', 'phan_tram', 'thoi_gian', 'thoi_diem', 'thoi_han', 'han_chot', 'giai_doan', 'ke_hoach', 'du_kien',
  'nhiem_vu', 'cu_the', 'dinh_huong', 'tham_muu', 'ban_hanh', 'lien_quan', 'trien_khai', 'thuc_hien', 'xay_dung',
  'de_xuat', 'phu_thuoc', 'dang_ky', 'hoan_thanh', 'dam_bao', 'tap_trung', 'duoc_giao', 'giao_cho',
]);

const HAS_DIACRITICS = /[^\x00-\x7f]/;

function intentOf(normalized: string, foldedQuestion: string): Intent {
  if (/(^|\s)hạn(\s|$)/u.test(normalized)) return 'deadline'; // "hạn" only with its diacritics: "han" may be "Hàn"
  for (const [intent, re] of INTENT_PATTERNS) if (re.test(foldedQuestion)) return intent;
  return 'fact';
}

/** Marks tokens of a clause that are question words (true = drop). */
function questionMask(tokens: string[], original: string): boolean[] {
  const folded = tokens.map(fold);
  const drop = tokens.map(() => false);
  for (const phrase of QUESTION_PHRASES) {
    for (let i = 0; i + phrase.length <= folded.length; i++) {
      if (phrase.every((w, k) => folded[i + k] === w)) for (let k = 0; k < phrase.length; k++) drop[i + k] = true;
    }
  }
  tokens.forEach((t, i) => {
    if (!QUESTION_WORDS.has(folded[i])) return;
    if (folded[i] === 'ai' && /\bAI\b/.test(original)) return; // artificial intelligence, typed in capitals
    if (HAS_DIACRITICS.test(t) && !QUESTION_WORDS_ACCENTED.has(t)) return; // "máy", "có", "cơ" carry meaning
    drop[i] = true;
  });
  return drop;
}

function isFunctionWord(t: Term): boolean {
  return t.accented ? FUNCTION_WORDS_ACCENTED.has(t.accented) : FUNCTION_WORDS.has(t.folded);
}

function term(accented: string, folded: string): Term {
  return HAS_DIACRITICS.test(accented) ? { folded, accented } : { folded };
}

function uniqueTerms(list: Term[]): Term[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = t.folded + '|' + (t.accented ?? '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a question. `correct` maps a folded token missing from the corpus vocabulary to a known one
 * (typo tolerance), or returns it unchanged.
 */
export function understand(raw: string, aliases: AliasPair[], correct: (folded: string) => string = (t) => t): Question {
  const normalized = normalize(raw);
  const words: Term[] = [];
  const pairs: Term[] = [];
  const nonContent = new Set<number>(); // indexes into `words` of words in a non-content phrase
  const kept: string[][] = [];
  for (const clause of clauses(normalized)) {
    const drop = questionMask(clause, raw);
    const folded = clause.map((t) => correct(fold(t)));
    for (let i = 0; i < clause.length; i++) {
      if (drop[i]) continue;
      words.push(term(clause[i], folded[i]));
      if (i + 1 < clause.length && !drop[i + 1]) {
        const pair = `${folded[i]}_${folded[i + 1]}`;
        pairs.push(term(`${clause[i]}_${clause[i + 1]}`, pair));
        if (NON_CONTENT_PHRASES.has(pair)) { nonContent.add(words.length - 1); nonContent.add(words.length); }
      }
    }
    kept.push(clause.filter((_, i) => !drop[i]));
  }
  let content = words.filter((w, i) => !nonContent.has(i) && !isFunctionWord(w));

  const expandedWords: string[] = [];
  const expandedPairs: string[] = [];
  const replaced = new Set<string>();
  for (const { from, to, abbreviated } of aliasMatches(kept, aliases)) {
    const f = to.map(fold);
    expandedWords.push(...f);
    for (let i = 0; i + 1 < f.length; i++) expandedPairs.push(`${f[i]}_${f[i + 1]}`);
    // an abbreviation is measured by its full form (passages are indexed with both forms)
    if (abbreviated) {
      from.forEach((t) => replaced.add(t));
      content.push(...to.map((w, k) => ({ folded: f[k], accented: w })).filter((t) => !isFunctionWord(t)));
    }
  }
  content = uniqueTerms(content.filter((t) => !replaced.has(t.folded)));
  const contentFolded = new Set(content.map((t) => t.folded));
  return {
    raw,
    intent: intentOf(normalized, fold(normalized).replace(/\s+/g, ' ').trim()),
    years: yearsIn(raw),
    exact: [...new Set(words.filter((w) => w.accented).map((w) => w.accented!))],
    folded: [...new Set([...words.map((w) => w.folded), ...expandedWords])],
    pairs: [...new Set([...pairs.map((p) => p.folded), ...expandedPairs])],
    content,
    phrases: uniqueTerms(pairs.filter((p) => p.folded.split('_').some((w) => contentFolded.has(w)))),
    names: namesIn(raw, aliases).filter((n) => !replaced.has(n)),
    properPairs: properPairsIn(raw),
    planned: PLANNED.test(fold(normalized)),
    achieved: ACHIEVED.test(fold(normalized)),
  };
}

/** Words written as proper names: two or more capitals, or capitals after lower case ("MobiFone"); not abbreviations we expand. */
export function namesIn(raw: string, aliases: AliasPair[]): string[] {
  const known = new Set(aliases.flatMap((a) => (a.short.length === 1 ? [fold(a.short[0])] : [])));
  const names = new Set<string>();
  for (const m of raw.normalize('NFC').matchAll(/[\p{L}\d][\p{L}\d&]*/gu)) {
    const w = m[0];
    if (w.replace(/&/g, '').length < 3) continue;
    const capitals = (w.match(/\p{Lu}/gu) ?? []).length;
    if (capitals < 2 && !/^\p{Lu}\p{Ll}+\p{Lu}/u.test(w)) continue;
    if (/^[\dIVX]+$/.test(w)) continue;
    const f = fold(normalize(w));
    if (!known.has(f)) names.add(f);
  }
  return [...names];
}

/** Pairs of adjacent capitalised words: "Sở TT&TT Đà Nẵng" gives "da_nang" (and "so_tttt"). */
export function properPairsIn(raw: string): string[] {
  const pairs = new Set<string>();
  for (const m of raw.normalize('NFC').matchAll(/\p{Lu}[\p{L}&]*(?:\s+\p{Lu}[\p{L}&]*)+/gu)) {
    const words = clauses(normalize(m[0])).flat().map(fold);
    for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]}_${words[i + 1]}`);
  }
  return [...pairs];
}
