/**
 * Documents named in a question: "theo Chỉ thị 01/CT-BTTTT năm 2021", "báo cáo tổng kết 2021", "của chỉ
 * thị 2023", "01/CT-BTTTT ngày 11/01/2021". A list asked of one document lists its rows only, and the words
 * that name it narrow nothing.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import { yearOf } from './dates.js';
import { fold, ROMAN } from '../text/analyzer.js';
import { findWords, nameTokens } from './names.js';
import { isFoldedFunctionWord } from '../search/understand.js';

/** The documents a question names and the token span that names them. */
export interface DocumentMention {
  docs: string[];
  start: number;
  end: number;
}

/** How documents are named, folded: each catalog kind's spellings, and the words a mention may follow. */
export interface DocumentWords {
  kinds: Record<string, string[][]>;
  before: string[][];
  /** Words joining a document named to the one named before it ("và", "so với"). */
  joined: string[][];
  /** Parts of a year ("đầu năm") with their months: "chỉ thị đầu năm 2023" is the one dated then. */
  partsOfYear: Array<{ words: string[]; months: [number, number] }>;
}

const YEAR = /^(?:19|20)\d\d$/;
const NUMBER = /^\d+$/;
// Words of a title a mention may give between the kind and the year: "báo cáo tổng kết 2021".
const TITLE_WORDS = 4;

/**
 * "ngày 11/01/2021", "năm 2021", "đầu năm 2021" or "2021" at token `at`: the year, the months a part of
 * the year names ("đầu năm": 1-4), and where the words end.
 */
function yearAt(tokens: string[], at: number, parts: DocumentWords['partsOfYear'] = []): { year?: number; months?: [number, number]; end: number } {
  if (tokens[at] === 'ngay' && YEAR.test(tokens[at + 3] ?? '')) return { year: Number(tokens[at + 3]), end: at + 4 };
  for (const { words, months } of parts) {
    const end = at + words.length;
    if (words.every((w, i) => tokens[at + i] === w) && YEAR.test(tokens[end] ?? '')) return { year: Number(tokens[end]), months, end: end + 1 };
  }
  if (tokens[at] === 'nam' && YEAR.test(tokens[at + 1] ?? '')) return { year: Number(tokens[at + 1]), end: at + 2 };
  if (YEAR.test(tokens[at] ?? '')) return { year: Number(tokens[at]), end: at + 1 };
  return { end: at };
}

/** Whether a document's date ("2023-01-10"; a year alone fits any) falls in the months, when some are named. */
function inMonths(date: string, months?: [number, number]): boolean {
  const month = Number(date.slice(5, 7));
  return !months || !month || (month >= months[0] && month <= months[1]);
}

/** Whether `words` stand at `at` (a word may be typed as several tokens, "KH TC"); the end if so. */
function wordsAt(tokens: string[], words: string[], at: number): number | undefined {
  const found = findWords(tokens.slice(at, at + words.length * 3), words);
  return found && found[0] === 0 ? at + found[1] : undefined;
}

/**
 * The document number typed at `at`, read against one document's number: it fits when it is the whole
 * number ("01 ct btttt") or its figure alone ("chỉ thị 01 năm 2021"), not when it goes on otherwise
 * ("01/CT-TTg"). Undefined when no number is typed there.
 */
function numberAt(tokens: string[], at: number, number: string[]): { fits: boolean; end: number } | undefined {
  if (!NUMBER.test(tokens[at] ?? '') || YEAR.test(tokens[at])) return undefined;
  if (number.length === 0) return { fits: false, end: at + 1 };
  let k = 0;
  while (k < number.length && (tokens[at + k] === number[k] || (NUMBER.test(number[k]) && Number(tokens[at + k]) === Number(number[k])))) k++;
  const whole = k === number.length;
  const figureOnly = k === 1 && tokens[at + 1] !== number[1];
  return { fits: whole || figureOnly, end: at + Math.max(k, 1) };
}

const titleCache = new WeakMap<CatalogEntry, Set<string>>();

/** A document's title words as read ("quý 1 năm 2023"), as written ("quý I/2023") and its quarters typed short: worked out once per document. */
function titleWords(d: CatalogEntry): Set<string> {
  let words = titleCache.get(d);
  if (!words) {
    words = new Set([...nameTokens(d.title), ...(fold(d.title.normalize('NFC').toLowerCase()).match(/[a-z0-9]+/g) ?? []), ...quartersTyped(d.title)]);
    titleCache.set(d, words);
  }
  return words;
}

/** A title's quarters as officials type them short: "quý I/2023" is also "QI" and "Q1". */
function quartersTyped(title: string): string[] {
  const roman = Object.keys(ROMAN);
  return [...fold(title.normalize('NFC').toLowerCase()).matchAll(/quy\s+(iv|i{1,3}|[1-4])(?![a-z0-9])/g)].flatMap((m) => {
    const n = ROMAN[m[1]] ?? Number(m[1]);
    return [`q${roman.find((r) => ROMAN[r] === n)}`, `q${n}`];
  });
}

/**
 * The first mention of documents in folded tokens, outside the `taken` spans (a unit's name: "Vụ BC"): a
 * kind ("chỉ thị") with the document's number after it, or its title words and its date or year; or the
 * whole number alone ("01/CT-BTTTT"). A kind with no number counts only after a word like "theo", opening
 * the question, or after a document `named` and a joining word ("chỉ thị 2023 và báo cáo tổng kết 2021");
 * a kind of two letters ("CT", "BC") only with a number, a year right after it or after its title words.
 * Undefined when what is named fits no document: "Chỉ thị 16/CT-TTg" names none of ours.
 */
export function findDocumentMention(
  tokens: string[], documents: CatalogEntry[], words: DocumentWords, taken: Array<[number, number]> = [],
  /** Spans of documents named already, among `taken`. */
  named: Array<[number, number]> = [],
): DocumentMention | undefined {
  const numbers = documents.map((d) => (d.number ? nameTokens(d.number) : []));
  // a title's words as read, as written and with its quarters typed short: a question may be read any of these ways
  const titles = documents.map(titleWords);
  const spellings = Object.entries(words.kinds).flatMap(([kind, list]) => list.map((w) => ({ kind, w }))).sort((a, b) => b.w.length - a.w.length);
  const beforeAt = (start: number) => words.before.find((w) => w.every((x, i) => tokens[start - w.length + i] === x))?.length ?? 0;
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  // a kind right after a mention found and a joining word needs no word before it of its own
  const joinedAt = (start: number) => named.some(([, y]) => words.joined.some((w) => y + w.length === start && w.every((x, i) => tokens[y + i] === x)));
  for (let start = 0; start < tokens.length; start++) {
    // the whole number, with its kind before it or not
    for (const n of new Set(numbers.filter((x) => x.length > 1).map((x) => x.join(' ')))) {
      const end = wordsAt(tokens, n.split(' '), start);
      if (end === undefined) continue;
      const dated = yearAt(tokens, end);
      const docs = documents.filter((d, i) => numbers[i].join(' ') === n && (dated.year === undefined || yearOf(d.date) === dated.year));
      const kind = spellings.find((s) => s.w.every((x, i) => tokens[start - s.w.length + i] === x));
      const from = start - (kind?.w.length ?? 0);
      if (docs.length && free(from, dated.end)) return { docs: docs.map((d) => d.file), start: from - beforeAt(from), end: dated.end };
    }
    for (const { kind, w } of spellings) {
      const afterKind = wordsAt(tokens, w, start);
      if (afterKind === undefined) continue;
      let end = afterKind + (tokens[afterKind] === 'so' ? 1 : 0);
      let candidates = documents.map((_, i) => i).filter((i) => documents[i].kind === kind);
      let meaningful = 0;
      const short = w.length === 1 && w[0].length <= 2;
      // a number: it must be one of ours; a kind whose documents have none reads it as a title word ("báo
      // cáo 6 tháng cuối 2020")
      const numbered = candidates.some((i) => numbers[i].length > 0);
      const typedNumber = numbered ? candidates.map((i) => ({ i, n: numberAt(tokens, end, numbers[i]) })).filter((x) => x.n) : [];
      if (typedNumber.length || numbered && NUMBER.test(tokens[end] ?? '') && !YEAR.test(tokens[end])) {
        const fitting = typedNumber.filter((x) => x.n!.fits);
        if (!fitting.length) continue;
        candidates = fitting.map((x) => x.i);
        end = Math.max(...fitting.map((x) => x.n!.end));
      } else {
        // words of the title: "tổng kết" of "Báo cáo tổng kết công tác năm 2021"
        let k = 0;
        while (k < TITLE_WORDS && tokens[end + k] !== undefined && candidates.some((i) => titles[i].has(tokens[end + k]) && !YEAR.test(tokens[end + k]) && tokens[end + k] !== 'nam')) {
          const word = tokens[end + k];
          candidates = candidates.filter((i) => titles[i].has(word));
          k++;
        }
        // (a function word of the title names nothing: "Chỉ thị về đẩy mạnh …" is a directive to be made)
        meaningful = tokens.slice(end, end + k).filter((t) => !isFoldedFunctionWord(t)).length;
        end += k;
        // a kind typed short ("CT", "BC") names a document only with a year right after it ("CT 2023") or
        // after its title words ("BC tổng kết 2021"): else it is more often another word ("của BC năm 2021"
        // is bưu chính's, "BC công ích" too, "CT phát triển …" a programme's)
        if (short && !(k === 0 ? YEAR.test(tokens[end] ?? '') : yearAt(tokens, end).year !== undefined)) continue;
      }
      const dated = yearAt(tokens, end, words.partsOfYear);
      const before = beforeAt(start);
      // a kind with no number names a document only after a word such as "theo", opening the question with
      // words of its title ("Chỉ thị về đẩy mạnh …" names none), or with a year, typed in full or with title
      // words, not after a function word ("Phụ lục I chỉ thị 2021", "…, BC tổng kết 2021" name one; "phải báo
      // cáo năm 2021", "doanh thu BC 2021" none)
      const yearNames = dated.year !== undefined && (!short || meaningful > 0) && !(start > 0 && isFoldedFunctionWord(tokens[start - 1]));
      if (!typedNumber.length && !yearNames && !before && !joinedAt(start) && (start > 0 || (dated.year === undefined && meaningful === 0))) continue;
      const docs = candidates.filter((i) => (dated.year === undefined || yearOf(documents[i].date) === dated.year) && inMonths(documents[i].date, dated.months)).map((i) => documents[i].file);
      if (docs.length && free(start, dated.end)) return { docs, start: start - before, end: dated.end };
    }
  }
  return undefined;
}
