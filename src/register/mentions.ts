/**
 * Documents named in a question: "theo Chỉ thị 01/CT-BTTTT năm 2021", "báo cáo tổng kết 2021", "chỉ thị
 * 2023", "01/CT-BTTTT ngày 11/01/2021". A list asked of one document lists its rows only, and the words
 * that name it narrow nothing.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import { yearOf } from './dates.js';
import { findWords, nameTokens } from './names.js';

/** The documents a question names and the token span that names them. */
export interface DocumentMention {
  docs: string[];
  start: number;
  end: number;
}

/** How documents are named, folded: each catalog kind's spellings, and the words a bare kind needs before it. */
export interface DocumentWords {
  kinds: Record<string, string[][]>;
  before: string[][];
}

const YEAR = /^(?:19|20)\d\d$/;
// "01" and "1" are one number
const sameNumber = (a: string, b: string) => a === b || (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b));

/** "ngày 11/01/2021", "năm 2021" or "2021" from token `at`: the year and where the words end. */
function yearAt(tokens: string[], at: number): { year?: number; end: number } {
  if (tokens[at] === 'ngay' && YEAR.test(tokens[at + 3] ?? '')) return { year: Number(tokens[at + 3]), end: at + 4 };
  if (tokens[at] === 'nam' && YEAR.test(tokens[at + 1] ?? '')) return { year: Number(tokens[at + 1]), end: at + 2 };
  if (YEAR.test(tokens[at] ?? '')) return { year: Number(tokens[at]), end: at + 1 };
  return { end: at };
}

/**
 * The first mention of documents in folded tokens: a kind ("chỉ thị", "CT") with the document's number,
 * date or year after it, or the whole number alone ("01/CT-BTTTT"); a bare kind counts only after a word
 * like "theo" ("theo chỉ thị"). Returns undefined when no document fits what is named.
 */
export function findDocumentMention(tokens: string[], documents: CatalogEntry[], words: DocumentWords): DocumentMention | undefined {
  const numbers = documents.map((d) => (d.number ? nameTokens(d.number) : []));
  const spellings = Object.entries(words.kinds).flatMap(([kind, list]) => list.map((w) => ({ kind, w }))).sort((a, b) => b.w.length - a.w.length);
  const beforeAt = (start: number) => words.before.find((w) => w.every((x, i) => tokens[start - w.length + i] === x))?.length ?? 0;
  for (let start = 0; start < tokens.length; start++) {
    // the whole number, with or without its kind before it
    for (const n of new Set(numbers.filter((x) => x.length > 1).map((x) => x.join(' ')))) {
      const at = findWords(tokens, n.split(' '), start);
      if (!at || at[0] !== start) continue;
      const { year, end } = yearAt(tokens, at[1]);
      const docs = documents.filter((d, i) => numbers[i].join(' ') === n && (year === undefined || yearOf(d.date) === year)).map((d) => d.file);
      const kind = spellings.find((s) => s.w.every((x, i) => tokens[start - s.w.length + i] === x));
      const from = start - (kind?.w.length ?? 0);
      if (docs.length) return { docs, start: from - beforeAt(from), end };
    }
    for (const { kind, w } of spellings) {
      const at = findWords(tokens, w, start);
      if (!at || at[0] !== start) continue;
      let end = at[1] + (tokens[at[1]] === 'so' ? 1 : 0);
      // part of a number ("chỉ thị 01 năm 2021")
      let number: string[] | undefined;
      for (const n of numbers) {
        let k = 0;
        while (k < n.length && sameNumber(tokens[end + k] ?? '', n[k])) k++;
        if (k > 0 && (!number || k > number.length)) number = n.slice(0, k);
      }
      if (number) end += number.length;
      const dated = yearAt(tokens, end);
      const before = beforeAt(start);
      if (!number && dated.year === undefined && !before) continue;
      const docs = documents.filter((d, i) => d.kind === kind
        && (!number || number.every((x, k) => sameNumber(x, numbers[i][k] ?? '')))
        && (dated.year === undefined || yearOf(d.date) === dated.year)).map((d) => d.file);
      if (docs.length) return { docs, start: start - before, end: dated.end };
    }
  }
  return undefined;
}
