/**
 * Finding names (units, sectors) in text the way officials write them: folded, "&" and "-" ignored, an
 * abbreviation matched whether its letters are typed together or apart ("KHTC", "KH-TC", "KH TC").
 */
import { fold, normalize, ROMAN, splitCompound } from '../text/analyzer.js';
import { onLexiconForgotten, type NamedEntry } from '../lexicon.js';

// A question is tokenized by several readers in turn (lists, comparisons, cue words): the last few are kept
// (tokens hang on the lexicon: two syllables making one word are one token).
const recentTokens = new Map<string, string[]>();
onLexiconForgotten(() => recentTokens.clear());
const RECENT_TOKENS = 16;

/** Folded word tokens of a text: "Vụ KH-TC" → ["vu", "kh", "tc"]. The array is shared: do not change it. */
export function nameTokens(text: string): string[] {
  let tokens = recentTokens.get(text);
  if (!tokens) {
    tokens = fold(normalize(text)).match(/[a-z0-9]+/g) ?? [];
    recentTokens.set(text, tokens);
    if (recentTokens.size > RECENT_TOKENS) recentTokens.delete(recentTokens.keys().next().value!);
  }
  return tokens;
}

// The words of each entry's spellings, worked out once per entry.
const spellingCache = new WeakMap<NamedEntry, { plain: string[][]; bare: string[][] }>();

/** An entry's spellings as the words they must cover: "Cục BĐTƯ" → ["cuc", "bdtu"]. */
function spellingWords(entry: NamedEntry, bare: boolean): string[][] {
  let cached = spellingCache.get(entry);
  if (!cached) {
    const plain = [entry.name, ...entry.spellings].map(nameTokens);
    cached = { plain, bare: [...plain, ...(entry.alone ?? []).map(nameTokens)] };
    spellingCache.set(entry, cached);
  }
  return bare ? cached.bare : cached.plain;
}

/**
 * Where `words` (a spelling) occurs in `tokens`: each spelling word may be typed as several tokens
 * ("kh" "tc" for "khtc"). Returns [start, end) token positions of the first occurrence at or after `from`,
 * or undefined.
 */
export function findWords(tokens: string[], words: string[], from = 0): [number, number] | undefined {
  if (words.length === 0) return undefined;
  const first = words[0];
  for (let start = from; start < tokens.length; start++) {
    // most starts fail on the first token: checked before anything is built
    if (!first.startsWith(tokens[start])) continue;
    let t = start;
    let ok = true;
    for (const word of words) {
      let acc = '';
      while (t < tokens.length && acc.length < word.length && word.startsWith(acc + tokens[t])) acc += tokens[t++];
      if (acc !== word) { ok = false; break; }
    }
    if (ok) return [start, t];
  }
  return undefined;
}

/**
 * Where a name is typed short, whole words and initials mixed: "Cục XB, In và PH", "Vụ KH TC", "Cục
 * PTTH&TTĐT" for "Cục Phát thanh, truyền hình và thông tin điện tử". Its first `whole` words (the kind)
 * must be typed whole, or by their initials when two or more and the next word is typed whole ("TT Thông tin"); each later word whole or by its first letter, `joiners` ("va") may be left out, and
 * every token must end where a word does. Returns [start, end) of the first occurrence, or undefined.
 */
export function findShortForm(tokens: string[], words: string[], whole: number, joiners: Set<string>): [number, number] | undefined {
  // a kind of two words or more may be typed by its initials before the name's next word in full: "TT Thông
  // tin" for "Trung tâm Thông tin" ("TT TT" of "Sở TT-TT" is the Ministry's field, no unit)
  const initials = whole >= 2 && whole < words.length ? words.slice(0, whole).map((w) => w[0]).join('') : undefined;
  for (let start = 0; start < tokens.length; start++) {
    const byInitials = tokens[start] === initials && tokens[start + 1] === words[whole];
    const from = words.slice(0, whole).every((w, i) => tokens[start + i] === w) ? start + whole : byInitials ? start + 1 : undefined;
    if (from === undefined || from >= tokens.length) continue;
    const end = coverWords(tokens, from, 0, words, whole, joiners);
    if (end !== undefined) return [start, end];
  }
  return undefined;
}

/** The token position where the tokens from tokens[t] (its character c on) have covered words[j..] exactly, or undefined. */
function coverWords(tokens: string[], t: number, c: number, words: string[], j: number, joiners: Set<string>): number | undefined {
  if (j === words.length) return c === 0 ? t : undefined;
  const word = words[j];
  if (t < tokens.length) {
    const rest = tokens[t].slice(c);
    // the word whole, or its first letter (a name never has more than a dozen words: the search stays small)
    for (const typed of word.length > 1 ? [word, word[0]] : [word]) {
      if (!rest.startsWith(typed)) continue;
      const done = c + typed.length === tokens[t].length;
      const end = coverWords(tokens, done ? t + 1 : t, done ? 0 : c + typed.length, words, j + 1, joiners);
      if (end !== undefined) return end;
    }
  }
  return joiners.has(word) ? coverWords(tokens, t, c, words, j + 1, joiners) : undefined;
}

/** A name found in a text: which entry, where, and by which spelling. */
export interface NameMatch {
  entry: NamedEntry;
  start: number;
  end: number;
}

/**
 * The entries named in `text`, in text order; where two overlap the longer wins ("Cục Phát thanh,
 * truyền hình và thông tin điện tử" over "truyền hình"). `bare` also accepts spellings marked `alone`.
 * `compounds` (kind word → syllables) rejects a name whose first word ends another word: "dịch vụ bưu
 * chính" holds no "Vụ Bưu chính".
 */
export function findNames(text: string, entries: NamedEntry[], bare = false, compounds?: Map<string, Set<string>>): NameMatch[] {
  return findNamesInTokens(nameTokens(text), entries, bare, compounds);
}

/** `findNames` over tokens already folded (positions are token positions). */
export function findNamesInTokens(tokens: string[], entries: NamedEntry[], bare = false, compounds?: Map<string, Set<string>>): NameMatch[] {
  const found: NameMatch[] = [];
  for (const entry of entries) {
    for (const words of spellingWords(entry, bare)) {
      // every occurrence, not only the first
      let offset = 0;
      while (offset < tokens.length) {
        const at = findWords(tokens, words, offset);
        if (!at) break;
        const before = tokens[at[0] - 1];
        if (!(before !== undefined && compounds?.get(words[0])?.has(before))) found.push({ entry, start: at[0], end: at[1] });
        offset = at[1];
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: NameMatch[] = [];
  for (const m of found) {
    const clash = kept.findIndex((k) => m.start < k.end && k.start < m.end);
    if (clash < 0) kept.push(m);
    else if (m.end - m.start > kept[clash].end - kept[clash].start) kept[clash] = m;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The tokens of a text as typed (normalized, diacritics kept), one for each token `nameTokens` gives, so a
 * reply can name words the way the user wrote them.
 */
export function typedTokens(text: string): string[] {
  const out: string[] = [];
  for (const t of normalize(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    // (a word of two syllables is one token, shown as written: "hạn chế")
    for (const _ of fold(t).match(/[a-z0-9]+/g) ?? []) out.push(splitCompound(t));
  }
  return out;
}

/**
 * Takes every occurrence of the phrases (folded words, matched as whole words with any diacritics) out of
 * a text, keeping the rest as typed: "số DN năm 2025 các văn bản ghi gì" without ["cac","van","ban"].
 * With `toClauseEnd`, what follows a phrase up to the end of its clause goes too ("kể cả tần số, Internet)").
 */
export function stripPhrases(text: string, phrases: string[][], toClauseEnd = false): string {
  // folded one character at a time, so the folded text lines up with the typed one
  const chars = [...text.normalize('NFC')];
  const folded = chars.map((c) => (c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd')[0] ?? c).toLowerCase()).join('');
  const keep = chars.map(() => true);
  for (const words of phrases) {
    const tail = toClauseEnd ? '[^.;:?!()]*' : '';
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${typedPattern(words)}(?![\\p{L}\\p{N}])${tail}`, 'gu');
    for (const m of folded.matchAll(re)) for (let i = m.index!; i < m.index! + m[0].length; i++) keep[i] = false;
  }
  return chars.map((c, i) => (keep[i] ? c : ' ')).join('').replace(/\s+/g, ' ').trim();
}

const SEPARATOR = '[\\s,./()&-]+';

/**
 * A pattern for folded words as they may be typed before normalizing: a quarter's or month's number as a
 * roman numeral or with a leading zero, a quarter as "Q1", and no "năm" between the number and its year
 * ("quý 1 năm 2023" is typed "Quý I/2023" or "Q1/2023", "tháng 2 năm 2022" "Tháng 02/2022").
 */
function typedPattern(words: string[]): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const [w, n] = [words[i], words[i + 1] ?? ''];
    let form = w;
    if (['quy', 'thang'].includes(w) && /^\d{1,2}$/.test(n)) {
      const roman = Object.keys(ROMAN).find((r) => ROMAN[r] === Number(n));
      const number = `(?:0?${n}${roman ? `|${roman}` : ''})`;
      form = `(?:${w}${SEPARATOR}${number}${w === 'quy' ? `|q${n}` : ''})`;
      i++;
      // "năm" before the year is not typed after a slash
      if (words[i + 1] === 'nam' && /^\d{4}$/.test(words[i + 2] ?? '')) { form += `(?:${SEPARATOR}nam)?`; i++; }
    }
    out += (out ? SEPARATOR : '') + form;
  }
  return out;
}

/** Kind word → syllables that make it part of another word, folded ("vụ": ["dịch", …] → "vu": {"dich", …}). */
export function foldedCompounds(raw: Record<string, string[]>): Map<string, Set<string>> {
  return new Map(Object.entries(raw).map(([k, v]) => [nameTokens(k).join(' '), new Set(v.map((x) => nameTokens(x).join(' ')))]));
}

/**
 * The tokens with the Ministry's own name ("Thông tin và Truyền thông", "TT&TT") blanked out, positions
 * kept: it names no sector, though "truyền thông" alone does.
 */
export function withoutMinistryName(tokens: string[]): string[] {
  const at = findWords(tokens, ['thong', 'tin', 'va', 'truyen', 'thong']) ?? findWords(tokens, ['tttt']);
  return at ? tokens.map((t, i) => (i >= at[0] && i < at[1] ? '\u0000' : t)) : tokens;
}
