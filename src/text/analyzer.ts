/**
 * The Vietnamese analyzer: small pure functions used alike for documents and questions.
 *
 * normalize (NFC, one tone placement, number and date forms) → tokenize → fold → pairs.
 * Accented tokens give exact matches; folded tokens and folded syllable pairs match text typed
 * without diacritics (pairs are the strong signal: most single folded syllables are ambiguous).
 */
import { compoundPairs, onLexiconForgotten } from '../lexicon.js';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Moves the tone of open syllables ending in oa/oe/uy to the first vowel ("hoá" → "hóa",
 * "thuỷ" → "thủy", "uỷ" → "ủy"), so the old and new placement give the same string.
 * "qu" is a consonant, so "quý" is left alone.
 */
export function canonicalTone(syllable: string): string {
  const d = syllable.normalize('NFD');
  const m = /^(.*?)([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])$/.exec(d);
  if (!m) return syllable;
  const [, head, first, second, tone] = m;
  const isOa = /[oO]/.test(first) && /[aAeE]/.test(second);
  const isUy = /[uU]/.test(first) && /[yY]/.test(second) && !/[qQ]$/.test(head);
  if (!isOa && !isUy) return syllable;
  if (TONE_MARKS.test(head)) return syllable;
  return (head + first + tone + second).normalize('NFC');
}

/**
 * One spelling for syllables written with i or y after a single t, k, l, m, s or h: "tỉ"/"tỷ", "kĩ"/"kỹ",
 * "lí"/"lý", "Mĩ"/"Mỹ" (the documents write y, many people type i). Digraph onsets (kh, th, nh, ph …) and
 * other consonants ("di", "vi", "bi") are left alone.
 */
export function canonicalIY(syllable: string): string {
  const d = syllable.normalize('NFD');
  const m = /^([tklmshTKLMSH])[iyIY]([\u0300\u0301\u0303\u0309\u0323]?)$/.exec(d);
  return m ? (m[1] + 'i' + m[2]).normalize('NFC') : syllable;
}

/** The roman numerals a quarter is written with ("Quý IV"), lower case, with their numbers. */
export const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * NFC, canonical tone placement and i/y spelling, two syllables making one word joined (lexicon/compounds.json), no footnote marks, and the number and date forms the documents mix:
 * "1.000" → "1000", "3,5" → "3.5", "Quý IV/2021" → "quý 4 năm 2021", "Tháng 02/2022" → "tháng 2 năm 2022",
 * "TT&TT" → "tttt". The result is lower case.
 */
export function normalize(text: string): string {
  // a question is normalized by each reader in turn (search, lists, cue words): the last few are kept
  const known = recentlyNormalized.get(text);
  if (known !== undefined) return known;
  const s = normalizeOnce(text);
  recentlyNormalized.set(text, s);
  if (recentlyNormalized.size > RECENTLY_NORMALIZED) recentlyNormalized.delete(recentlyNormalized.keys().next().value!);
  return s;
}

const recentlyNormalized = new Map<string, string>();
const RECENTLY_NORMALIZED = 16;

/**
 * lexicon/compounds.json as read: each pair folded ("han che"), each pair joined and folded with the length of
 * its first syllable ("hanche": 3), and a pattern finding a first syllable typed or folded, the space after it
 * and (ahead) a second one: the text is scanned at those syllables alone.
 */
interface Compounds { pairs: Set<string>; joined: Map<string, number>; pattern: RegExp }
let compoundsRead: Compounds | undefined;
onLexiconForgotten(() => { compoundsRead = undefined; recentlyNormalized.clear(); });

function compounds(): Compounds {
  if (!compoundsRead) {
    const pairs = compoundPairs().map((p) => p.normalize('NFC').toLowerCase().split(' '));
    const forms = (k: 0 | 1) => [...new Set(pairs.flatMap((p) => [p[k], fold(p[k])]))].join('|');
    compoundsRead = {
      pairs: new Set(pairs.map(([a, b]) => `${fold(a)} ${fold(b)}`)),
      joined: new Map(pairs.map(([a, b]) => [fold(a + b), a.length])),
      pattern: new RegExp(`(?<![\\p{L}])(${forms(0)})\\s+(?=(${forms(1)})(?![\\p{L}]))`, 'gu'),
    };
  }
  return compoundsRead;
}

function normalizeOnce(text: string): string {
  let s = text.normalize('NFC').toLowerCase();
  // a footnote mark glued to a word, a share or a decimal ("bản sách/người²", "10%³", "0,83¹", "Sở
  // TT&TT⁽³⁾") is no part of it; after a whole number it may be a power ("10⁶")
  s = s.replace(/⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾/gu, ' ').replace(/(?<=[\p{L}%]|\d[.,]\d+)[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu, ' ');
  s = s.replace(/[\p{L}]+/gu, (w) => canonicalIY(canonicalTone(w)));
  // two syllables making one word are read as one ("trung hạn" asks no "hạn")
  s = s.replace(compounds().pattern, (m, a: string, b: string) => (isCompound(a, b) ? a : m));
  // quarter and month with a year: one spelling for "quý iv/2021", "quý 4 năm 2021", "tháng 02/2022"
  // "Q1/2023", "q4 2021": a quarter as officials type it
  s = s.replace(/(?<![\p{L}\p{N}])q([1-4])(?:\s*\/\s*|\s+(?:năm\s+)?)((?:19|20)\d\d)(?!\d)/gu, 'quý $1/$2');
  s = s.replace(/\b(quý|quy)\s+(iv|iii|ii|i|\d)\s*\/\s*(\d{4})/gu, (_, q, n, y) => `${q} ${ROMAN[n] ?? Number(n)} năm ${y}`);
  s = s.replace(/\b(quý|quy)\s+(iv|iii|ii|i)\b/gu, (_, q, n) => `${q} ${ROMAN[n]}`);
  s = s.replace(/\b(tháng|thang)\s+0?(\d{1,2})\s*\/\s*(\d{4})/gu, (_, t, m, y) => `${t} ${Number(m)} năm ${y}`);
  // thousands separators: 80.000 → 80000, 1.330.000 → 1330000
  s = s.replace(/\b\d{1,3}(?:\.\d{3})+\b(?![.,]\d)/g, (n) => n.replace(/\./g, ''));
  // decimal comma: 0,83 → 0.83
  s = s.replace(/\b(\d+),(\d+)\b/g, '$1.$2');
  s = s.replace(/&/g, '');
  return s;
}

/** Whether two syllables (lower case) make one word of lexicon/compounds.json ("trung hạn", "han che"). */
export function isCompound(a: string, b: string): boolean {
  return compounds().pairs.has(`${fold(a)} ${fold(b)}`);
}

/** A word `normalize` joined from two syllables ("hạnchế"), as written ("hạn chế"); any other word as it is. */
export function splitCompound(word: string): string {
  const first = compounds().joined.get(fold(word.toLowerCase()));
  return first === undefined ? word : `${word.slice(0, first)} ${word.slice(first)}`;
}

/** Removes diacritics: "Đổi mới" → "doi moi". Expects normalized (lower-case) text. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/**
 * Whether a word typed (normalized) is a lexicon's word (normalized, with diacritics): the same folded, and
 * the same diacritics when typed with any ("đấu" is not "đầu"; "dau" is either).
 */
export function typedAs(typed: string, word: string): boolean {
  return fold(typed) === fold(word) && (!hasDiacritics(typed) || typed === word);
}

/** Whether a phrase (a lexicon's words) stands in `words` (as typed) at `at`, each word `same` as the phrase's. */
export function typedPhraseAt(words: string[], phrase: string[], at: number, same: (typed: string, word: string) => boolean = typedAs): boolean {
  return at + phrase.length <= words.length && phrase.every((w, k) => same(words[at + k], w));
}

/** Whether a text holds a letter outside ASCII: a Vietnamese word typed with its diacritics. */
export function hasDiacritics(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

/**
 * Splits normalized text into clauses of tokens. Punctuation that ends a clause stops syllable pairs
 * from joining words that do not belong together. Numbers keep their decimal point; "02" → "2".
 */
export function clauses(normalized: string): string[][] {
  const out: string[][] = [];
  for (const part of normalized.split(/[.;:!?()\[\]"“”'‘’,…•\t\n]+(?!\d)|\s[-–—]\s/u)) {
    const tokens = part.match(/\d+(?:\.\d+)+(?![\p{L}\d])|[\p{L}\p{N}]+/gu);
    if (!tokens) continue;
    out.push(tokens.map((t) => (/^0\d+$/.test(t) ? String(Number(t)) : t)));
  }
  return out;
}

/** Flat token list of a text (normalized, accented). */
export function tokens(text: string): string[] {
  return clauses(normalize(text)).flat();
}

/** Adjacent-syllable pairs of each clause, folded, joined with "_". */
export function foldedPairs(clauseList: string[][]): string[] {
  const pairs: string[] = [];
  for (const clause of clauseList) {
    for (let i = 0; i + 1 < clause.length; i++) pairs.push(fold(clause[i]) + '_' + fold(clause[i + 1]));
  }
  return pairs;
}

/** Every four-digit year a text speaks of, ranges expanded ("2022-2025" gives 2022 … 2025). */
export function yearsIn(text: string): number[] {
  const years = new Set<number>();
  const s = text.normalize('NFC');
  for (const m of s.matchAll(/\b(19[5-9]\d|20[0-6]\d)\s*[-–]\s*(20[0-6]\d)\b/g)) {
    const a = Number(m[1]), b = Number(m[2]);
    if (b > a && b - a <= 30) for (let y = a; y <= b; y++) years.add(y);
  }
  for (const m of s.matchAll(/(?<![\d.,])(19[5-9]\d|20[0-6]\d)(?![\d.,]\d)/g)) years.add(Number(m[1]));
  return [...years].sort((a, b) => a - b);
}

// A Vietnamese syllable, folded: an onset, one to three vowels, and one of the finals the language allows.
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** Whether a folded word is shaped like a Vietnamese syllable ("xang", "tiet"), not a foreign word or a name ("case", "flan"). */
export function isVietnameseSyllable(folded: string): boolean {
  return SYLLABLE.test(folded);
}

/** A text as a regular expression matching it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
