/**
 * Deadlines and periods as written in the documents and typed by officials, read into date ranges:
 * "Quý IV/2021" and "Quý 4/2021" → 2021-10-01..2021-12-31; "Tháng 06/2021" → the month; "Tháng 01-02/2021"
 * → both months; "30/11/2021" → that day; "Năm 2021" → the year; "Cả năm" → the document's year;
 * anything else ("Theo tiến độ …") is undated and kept as written.
 */
import { fold } from '../text/analyzer.js';

/** Inclusive ISO dates. */
export interface DateRange {
  from: string;
  to: string;
}

export type Precision = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'undated';

/** A deadline: as written, and as a range when it names a date. */
export interface Deadline {
  written: string;
  range?: DateRange;
  precision: Precision;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The range of months `first`..`last` (1-based) of `year`. */
export function monthsRange(year: number, first: number, last = first): DateRange {
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** The range of quarter `q` (1-4) of `year`. */
export function quarterRange(year: number, q: number): DateRange {
  return monthsRange(year, 3 * q - 2, 3 * q);
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** Folded, lower-case text with spaces around slashes closed up: "Quý IV / 2021" → "quy iv/2021". */
function simple(text: string): string {
  return fold(text.normalize('NFC').toLowerCase()).replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').trim();
}

/**
 * Reads the first date expression in `text`. `documentYear` resolves "Cả năm" (the whole year of the
 * document that sets the task). Returns undefined when the text names no date.
 */
export function readDate(text: string, documentYear?: number): Omit<Deadline, 'written'> | undefined {
  const s = simple(text);
  let m: RegExpExecArray | null;
  if ((m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s))) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDay(y, mo, d)) return { range: { from: `${y}-${pad(mo)}-${pad(d)}`, to: `${y}-${pad(mo)}-${pad(d)}` }, precision: 'day' };
  }
  if ((m = /\b(?:quy|q)\s?(iv|iii|ii|i|[1-4])(?:\/|\s+(?:nam\s+)?)(\d{4})\b/.exec(s))) {
    const q = ROMAN[m[1]] ?? Number(m[1]);
    return { range: quarterRange(Number(m[2]), q), precision: 'quarter' };
  }
  if ((m = /\bthang\s+(\d{1,2})\s*-\s*(\d{1,2})\/(\d{4})\b/.exec(s))) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a >= 1 && b <= 12 && a <= b) return { range: monthsRange(y, a, b), precision: 'month' };
  }
  if ((m = /\b(?:thang|t)\s?(\d{1,2})(?:\/|\s+nam\s+)(\d{4})\b/.exec(s))) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (mo >= 1 && mo <= 12) return { range: monthsRange(y, mo), precision: 'month' };
  }
  if ((m = /\b6 thang (dau|cuoi)(?: nam)? (\d{4})\b/.exec(s))) {
    const y = Number(m[2]);
    return { range: m[1] === 'dau' ? monthsRange(y, 1, 6) : monthsRange(y, 7, 12), precision: 'half' };
  }
  if ((m = /\bnam (\d{4})\b/.exec(s)) || (m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    return { range: monthsRange(y, 1, 12), precision: 'year' };
  }
  if (/^ca nam$/.test(s) && documentYear) return { range: monthsRange(documentYear, 1, 12), precision: 'year' };
  return undefined;
}

/** A deadline cell or phrase: dated when it names a date, otherwise kept as written and undated. */
export function parseDeadline(written: string, documentYear?: number): Deadline {
  const w = written.replace(/\s+/g, ' ').trim();
  return { written: w, ...(readDate(w, documentYear) ?? { precision: 'undated' as const }) };
}

/** Whether range `inner` lies wholly inside `outer`. */
export function within(inner: DateRange, outer: DateRange): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}

/** "Quý IV/2021", "tháng 6/2021", "30/11/2021", "năm 2021": a range said the way the documents say it. */
export function describeRange(r: DateRange, precision: Precision): string {
  const [y, m, d] = r.from.split('-').map(Number);
  const last = Number(r.to.slice(5, 7));
  switch (precision) {
    case 'day': return `${d}/${m}/${y}`;
    case 'month': return last === m ? `tháng ${m}/${y}` : `tháng ${m}-${last}/${y}`;
    case 'quarter': return `Quý ${['I', 'II', 'III', 'IV'][(m - 1) / 3]}/${y}`;
    case 'half': return m === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'year': return `năm ${y}`;
    default: return `${r.from}..${r.to}`;
  }
}
