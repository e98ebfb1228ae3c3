/**
 * Abbreviations and their full forms, used in both directions: a text holding either form is indexed
 * (and a question is searched) with the other form's terms too. lexicon/abbreviations.json covers what
 * officials type; `mineAliases` adds what the documents define themselves: "Mạng xã hội (MXH)".
 */
import { abbreviations, onLexiconForgotten, unitLexicon } from '../lexicon.js';
import { clauses, fold, normalize } from './analyzer.js';


/** An alias as token sequences of normalized text: either side expands to the other. */
export interface AliasPair {
  short: string[];
  full: string[];
}

function toTokens(text: string): string[] {
  return clauses(normalize(text)).flat();
}

/** The abbreviations of lexicon/abbreviations.json as token pairs. */
export function staticAliasPairs(): AliasPair[] {
  return abbreviations().map(([s, f]) => ({ short: toTokens(s), full: toTokens(f) }));
}

/**
 * The short forms the unit list spells a unit's name with, after the same kind word: "Học viện CNBCVT" for
 * "Học viện Công nghệ Bưu chính Viễn thông" makes CNBCVT stand for "Công nghệ Bưu chính Viễn thông", so
 * a question typing it finds the passages writing the name out. Only capitals that spell the initials
 * exactly, and of UNIT_ABBREVIATION_MIN letters or more: two or three letters name other things too ("BC"
 * is both postal and press, "PC" a computer).
 */
export function unitAliasPairs(): AliasPair[] {
  const pairs: AliasPair[] = [];
  for (const unit of unitLexicon()) {
    const name = unit.name.normalize('NFC').split(/\s+/);
    for (const spelling of unit.spellings) {
      const words = spelling.normalize('NFC').split(/\s+/);
      let k = 0;
      while (k < Math.min(words.length, name.length) && fold(words[k].toLowerCase()) === fold(name[k].toLowerCase())) k++;
      const [short, full] = [words.slice(k), name.slice(k)];
      if (k === 0 || short.length !== 1 || !/^[\p{Lu}&-]+$/u.test(short[0]) || toTokens(short[0]).length !== 1) continue;
      const letters = fold(short[0].toLowerCase()).replace(/[^a-z]/g, '');
      const initials = full.filter((w) => !JOINING.test(w)).map((w) => fold(w.toLowerCase())[0] ?? '').join('');
      if (letters.length >= UNIT_ABBREVIATION_MIN && letters === initials) pairs.push({ short: toTokens(short[0]), full: toTokens(full.join(' ')) });
    }
  }
  return pairs;
}

const UNIT_ABBREVIATION_MIN = 4;
// Words an abbreviation's letters skip: "KHCN" for "Khoa học và Công nghệ".
const JOINING = /^(?:và|của|&)$/iu;

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
    if (i >= 0) {
      // an English abbreviation after a Vietnamese name ("Phát triển Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
      // (NDXP)"): the name runs from its capital in the middle of the sentence to the bracket
      const name = englishNamed(words, letters);
      if (name) found.push({ short: toTokens(abbr), full: toTokens(name) });
      continue;
    }
    const full = words.slice(start).join(' ');
    found.push({ short: toTokens(abbr), full: toTokens(full) });
  }
  return found;
}

/**
 * The name an abbreviation of three or more letters, spelled by none of the words' initials, stands for:
 * the words from a capital in the middle of the sentence to the bracket (from the one after the last joining
 * word followed by a capital: "… liên kết với Diễn đàn kinh tế thế giới (WEF)"), three to twelve
 * words and no number; undefined when there is none.
 */
function englishNamed(words: string[], letters: string): string | undefined {
  if (letters.length < 3) return undefined;
  const capital = (k: number) => k > 0 && /^\p{Lu}\p{Ll}/u.test(words[k]);
  const joined = words.map((_, k) => k).filter((k) => capital(k) && NAME_JOINERS.test(words[k - 1]));
  const from = joined.length ? joined.at(-1)! : words.findIndex((_, k) => capital(k));
  const name = from > 0 ? words.slice(from) : [];
  return name.length >= 3 && name.length <= 12 && !name.some((w) => /\d/.test(w)) ? name.join(' ').replace(/,$/, '') : undefined;
}

// Words after which a name begins: "liên kết với Diễn đàn …", "thành viên của Liên minh …".
const NAME_JOINERS = /^(?:với|của|cho|và|tại|theo|về|là|như)$/iu;

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

/**
 * Whether an alias the documents define names a thing by letters that are not the initials of its words
 * ("NDXP": "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"; "GCI"): a name, which a passage answering a
 * question typing it must hold (in either form), not shorthand whose words are each asked ("ATTT"). The
 * lexicon's own short forms ("smartphone", "ITU") stay shorthand.
 */
export function namesByForeignLetters(a: AliasPair): boolean {
  if (a.short.length !== 1 || a.full.length < 3 || lexiconShortForms().has(a.short[0].toLowerCase())) return false;
  const letters = fold(a.short[0].toLowerCase()).replace(/[^a-z]/g, '');
  if (letters.length < 3) return false;
  const initials = a.full.map((w) => fold(w.toLowerCase())[0] ?? '').join('');
  // the letters in order among the initials (joining words may be skipped)
  let i = 0;
  for (const c of initials) if (c === letters[i]) i++;
  return i < letters.length;
}

const foreignNamesCache = new WeakMap<AliasPair[], Set<string>>();

/** The short forms of an alias list that name things by foreign letters (see namesByForeignLetters), folded: worked out once per list. */
export function foreignLetterNames(aliases: AliasPair[]): Set<string> {
  let names = foreignNamesCache.get(aliases);
  if (!names) {
    names = new Set(aliases.filter(namesByForeignLetters).map((a) => fold(a.short[0].toLowerCase())));
    foreignNamesCache.set(aliases, names);
  }
  return names;
}

let shortForms: Set<string> | undefined;
onLexiconForgotten(() => { shortForms = undefined; });

/** The one-word short forms of lexicon/abbreviations.json, lower case. */
function lexiconShortForms(): Set<string> {
  shortForms ??= new Set(staticAliasPairs().filter((a) => a.short.length === 1).map((a) => a.short[0].toLowerCase()));
  return shortForms;
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

// How many words a name has at least to be found over a comma: a short one joined over it is often two
// items of a list ("an toàn, an ninh mạng").
const LONG_NAME = 5;

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
  // a long name written with a comma inside ("Nền tảng tích hợp, chia sẻ dữ liệu quốc gia") runs over two clauses
  clauseList.slice(1).forEach((next, c) => {
    const before = clauseList[c].map(fold);
    const joined = [...before, ...next.map(fold)];
    before.forEach((token, i) => {
      for (const side of index.get(token) ?? []) {
        const end = i + side.needle.length;
        if (side.needle.length >= LONG_NAME && end > before.length && end <= joined.length && side.needle.every((w, k) => joined[i + k] === w)) found.add(side);
      }
    });
  });
  return [...found].map((s) => ({ from: s.needle, to: s.to, abbreviated: s.abbreviated }));
}
