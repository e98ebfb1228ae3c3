/**
 * Question understanding: what is asked (a target, a deadline, a lead unit …), which years, and the
 * search terms once question words are set aside. Works on folded text, so it reads questions typed
 * with or without diacritics alike.
 */
import { aliasMatches, type AliasPair } from '../text/aliases.js';
import { clauses, fold, normalize, yearsIn } from '../text/analyzer.js';

export type Intent = 'deadline' | 'unit' | 'target' | 'task' | 'overview' | 'fact';

export interface Question {
  raw: string;
  intent: Intent;
  years: number[];
  /** Accented tokens the user typed with diacritics (exact-match terms). */
  exact: string[];
  /** Folded content tokens. */
  folded: string[];
  /** Folded syllable pairs from adjacent words, question words excluded. */
  pairs: string[];
  /**
   * The folded words that say what the question is about: no function words, no words that only say
   * what kind of answer is wanted ("mục tiêu", "thời gian"), no alias expansions. Coverage is measured on these.
   */
  content: string[];
  /** Names typed as names (MobiFone, VTVcab, GovTech, ITU): folded. A passage that answers names them. */
  names: string[];
}

// Function words and answer-kind words: searched, but a passage need not contain them to answer.
const NOT_CONTENT = new Set([
  'phai', 'lam', 'duoc', 'can', 'thi', 'nhung', 'toi', 'se', 'de', 'voi', 'khi', 'vao', 'cua', 'co', 'cho', 'la', 'cac',
  'va', 'trong', 'tu', 'den', 'o', 've', 'bang', 'nay', 'do', 'ra', 'theo', 'sau', 'truoc', 'da', 'dang', 'moi', 'mot',
  'muc', 'tieu', 'chi', 'ty', 'le', 'phan', 'tram', 'thoi', 'gian', 'diem', 'khoang', 'giai', 'doan', 'han', 'dat',
  'nam', 'thang', 'nhieu', 'bao', 'gio', 'nao', 'dinh', 'ke', 'hoach', 'du', 'kien', 'viec', 'nhiem', 'vu', 'cu', 'the',
]);

const INTENT_PATTERNS: Array<[Intent, RegExp]> = [
  ['deadline', /\b(bao gio|khi nao|luc nao|thoi han|han chot|thoi diem nao|nam nao|thang may|thang nao|quy may|quy nao|bao lau|giai doan nao|tien do|deadline|han trinh|han hoan thanh|den bao gio)\b/],
  ['unit', /(^|\s)(don vi nao|co quan nao|ai|vu nao|cuc nao|bo nao|tap doan nao|doanh nghiep nao|luc luong nao|to chuc nao|dau moi|chu tri|phu trach|giao cho ai|nhung doanh nghiep nao)(\s|\?|$)/],
  ['target', /(^|\s)(bao nhieu|bn|muc tieu|chi tieu|ty le|may %|phan tram|top|xep hang|quy mo|thu may|hang may|target|nhom may|dat muc)(\s|\?|$)|%/],
  ['task', /\b(lam gi|nhung gi|nhiem vu|ke hoach gi|viec gi|nhung viec|lam nhung|can lam|trien khai gi)\b/],
  ['overview', /\b(trong tam|dinh huong|uu tien|tong quan|linh vuc nao)\b/],
];

/** Sequences of folded question words that carry no content: dropped from terms and pairs. */
const QUESTION_PHRASES: string[][] = [
  ['la', 'bao', 'nhieu'], ['bao', 'nhieu'], ['bao', 'gio'], ['bao', 'lau'], ['khi', 'nao'], ['luc', 'nao'],
  ['nhu', 'the', 'nao'], ['the', 'nao'], ['la', 'gi'], ['cho', 'biet'], ['xin', 'hoi'], ['co', 'phai'],
  ['la', 'may'], ['ra', 'sao'],
];
const QUESTION_WORDS = new Set(['bn', 'gi', 'nao', 'vay', 'a', 'nhi', 'ha', 'dau', 'sao', 'khong', 'ko', 'chua', 'oi', 'nhe', 'the', 'vay', 'ak', 'ah', 'hoi', 'ai', 'may', 'cỡ', 'co']);
// "máy", "cơ", "có" … carry meaning; only the folded spelling of a question word is dropped
// Administrative verbs every passage uses: as a phrase they say nothing of the subject.
const GENERIC_PHRASES = new Set(['tham_muu', 'ban_hanh', 'lien_quan', 'trien_khai', 'thuc_hien', 'xay_dung', 'de_xuat', 'phu_thuoc', 'dang_ky', 'hoan_thanh', 'dam_bao', 'tap_trung']);
const ACCENTED_KEEP = /[^\x00-\x7f]/;

function intentOf(foldedQuestion: string): Intent {
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
    const f = folded[i];
    if (!QUESTION_WORDS.has(f)) return;
    if (f === 'ai' && /\bAI\b/.test(original)) return; // artificial intelligence, typed in capitals
    if (f === 'co' && t !== 'co') return; // "có", "cơ": keep
    if (ACCENTED_KEEP.test(t) && !['gì', 'nào', 'vậy', 'ạ', 'nhỉ', 'hả', 'đâu', 'không', 'chưa', 'ơi', 'nhé', 'thế', 'mấy', 'hỏi', 'cỡ'].includes(t)) return;
    drop[i] = true;
  });
  return drop;
}

/**
 * Reads a question. `correct` maps a folded token missing from the corpus vocabulary to a known one
 * (typo tolerance), or returns it unchanged.
 */
export function understand(raw: string, aliases: AliasPair[], correct: (folded: string) => string = (t) => t): Question {
  const normalized = normalize(raw);
  const foldedQuestion = fold(normalized).replace(/\s+/g, ' ').trim();
  const exact: string[] = [];
  const folded: string[] = [];
  const pairs: string[] = [];
  const inGenericPhrase = new Set<string>();
  const kept: string[][] = [];
  for (const clause of clauses(normalized)) {
    const drop = questionMask(clause, raw);
    const f = clause.map((t) => correct(fold(t)));
    for (let i = 0; i < clause.length; i++) {
      if (drop[i]) continue;
      folded.push(f[i]);
      if (ACCENTED_KEEP.test(clause[i])) exact.push(clause[i]);
      if (i + 1 < clause.length && !drop[i + 1]) {
        const pair = `${f[i]}_${f[i + 1]}`;
        pairs.push(pair);
        if (GENERIC_PHRASES.has(pair)) { inGenericPhrase.add(f[i]); inGenericPhrase.add(f[i + 1]); }
      }
    }
    kept.push(clause.filter((_, i) => !drop[i]));
  }
  // a word is not content when it only forms an answer-kind phrase ("mục tiêu") or is a function word
  const content = folded.filter((t) => !NOT_CONTENT.has(t) && !inGenericPhrase.has(t));
  const replaced = new Set<string>();
  const expandedContent: string[] = [];
  for (const { from, to, abbreviated } of aliasMatches(kept, aliases)) {
    const f = to.map(fold);
    folded.push(...f);
    for (let i = 0; i + 1 < f.length; i++) pairs.push(`${f[i]}_${f[i + 1]}`);
    // an abbreviation is measured by its full form (passages are indexed with both forms)
    if (abbreviated) {
      from.forEach((t) => replaced.add(t));
      expandedContent.push(...f.filter((t) => !NOT_CONTENT.has(t)));
    }
  }
  return {
    raw,
    intent: intentOf(foldedQuestion),
    years: yearsIn(raw),
    exact: [...new Set(exact)],
    folded: [...new Set(folded)],
    pairs: [...new Set(pairs)],
    content: [...new Set([...content.filter((t) => !replaced.has(t)), ...expandedContent])],
    names: namesIn(raw, aliases).filter((n) => !replaced.has(n)),
  };
}

/** Words written as proper names: two or more capitals, or capitals after lower case ("MobiFone"); not abbreviations we expand. */
export function namesIn(raw: string, aliases: AliasPair[]): string[] {
  const known = new Set(aliases.flatMap((a) => (a.short.length === 1 ? [fold(a.short[0])] : [])));
  const names = new Set<string>();
  for (const m of raw.normalize('NFC').matchAll(/[\p{L}\d]+/gu)) {
    const w = m[0];
    const capitals = (w.match(/\p{Lu}/gu) ?? []).length;
    if (capitals < 2 && !/^\p{Lu}\p{Ll}+\p{Lu}/u.test(w)) continue;
    if (/^[\dIVX]+$/.test(w)) continue;
    const f = fold(normalize(w));
    if (!known.has(f)) names.add(f);
  }
  return [...names];
}
