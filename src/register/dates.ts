/**
 * Deadlines and periods as written in the documents and typed by officials, read into date ranges:
 * "Quý IV/2021" and "Quý 4/2021" → 2021-10-01..2021-12-31; "Tháng 06/2021" → the month; "Tháng 01-02/2021"
 * → both months; "30/11/2021" → that day; "Năm 2021" → the year; "Cả năm" → the document's year;
 * anything else ("Theo tiến độ …") is undated and kept as written.
 */
import { escapeRegExp, fold } from '../text/analyzer.js';

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
/** Quarters as the documents number them. */
export const QUARTER_NUMERALS = ['I', 'II', 'III', 'IV'];

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

/** Whether day `d` of month `m` exists in year `y`. */
export function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** Folded, lower-case text with spaces around slashes closed up: "Quý IV / 2021" → "quy iv/2021". */
export function simpleText(text: string): string {
  return fold(text.normalize('NFC').toLowerCase()).replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').trim();
}

/**
 * Reads the first date expression in `text`. `documentYear` resolves "Cả năm" (the whole year of the
 * document that sets the task). Returns undefined when the text names no date.
 */
export function readDate(text: string, documentYear?: number): Omit<Deadline, 'written'> | undefined {
  const s = simpleText(text);
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

/** The year of an ISO date ("2021-12-31" → 2021). */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
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
    case 'quarter': return `Quý ${QUARTER_NUMERALS[(m - 1) / 3]}/${y}`;
    case 'half': return m === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'year': return `năm ${y}`;
    default: return `${r.from}..${r.to}`;
  }
}

/** A period asked about: the tasks due within it, or (mode 'by') all due up to its end, or ('before') before it. */
export interface Period {
  range: DateRange;
  precision: Precision;
  /** How a reply names it: "Quý IV/2021", "tháng 6/2021", "ngày 30/11/2021". */
  label: string;
  mode: 'within' | 'by' | 'before';
  /** True when the year was not typed and was taken from the register. */
  yearGuessed: boolean;
}

/**
 * Words before a period that ask for what falls due up to its end ("đến hết"), or before it ("trước"); and
 * words before a document's number ("Thông tư 49/2016"), which is no period. Folded.
 */
export interface PeriodWords {
  by: string[];
  before: string[];
  numbered: string[];
}

/** A period found in a question and the words that named it (folded), or why what looks like a date is none. */
export type PeriodReading = { period: Period; words: string[] } | { invalid: string } | undefined;


type MadePeriod = [DateRange, Precision, string] | string;
type PeriodPattern = [RegExp, (g: Record<string, string | undefined>, y: number) => MadePeriod];
// The patterns built from a set of words, compiled once.
const compiledPeriods = new WeakMap<PeriodWords, PeriodPattern[]>();

/** The period patterns, most specific first, each with what it makes of its match (a period, or why none). */
function periodPatterns(words: PeriodWords): PeriodPattern[] {
  const alts = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const prefix = String.raw`(?:(?:(?<by>${alts(words.by)})|(?<before>${alts(words.before)}))\s+(?:ngay\s+)?)?`;
  // a year that is not the start of a document number ("05/2021/TT-BTTTT")
  const year = String.raw`(?:(?:\/|\s+nam\s+|\s+)(?<year>20\d\d)(?![\d/]))?`;
  return [
    [new RegExp(prefix + String.raw`(?<![\d/])\b(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<year>20\d\d)(?![\d/])`), (g, y) => {
      const [d, m] = [Number(g.d), Number(g.m)];
      if (!validDay(y, m, d)) return `Ngày ${d}/${m}/${y} không có thật.`;
      const day = `${y}-${pad(m)}-${pad(d)}`;
      return [{ from: day, to: day }, 'day', `ngày ${d}/${m}/${y}`];
    }],
    [new RegExp(prefix + String.raw`\b(?:quy|q)\s?(?<q>iv|iii|ii|i|\d+)\b` + year), (g, y) => {
      const q = ROMAN[g.q!] ?? Number(g.q);
      if (q < 1 || q > 4) return `Một năm có 4 quý (I đến IV), không có quý ${g.q}.`;
      return [quarterRange(y, q), 'quarter', `Quý ${QUARTER_NUMERALS[q - 1]}/${y}`];
    }],
    [new RegExp(prefix + String.raw`\b6 thang (?<half>dau|cuoi)(?: nam)?` + year), (g, y) =>
      g.half === 'dau' ? [monthsRange(y, 1, 6), 'half', `6 tháng đầu năm ${y}`] : [monthsRange(y, 7, 12), 'half', `6 tháng cuối năm ${y}`]],
    // "cuối năm 2021" and "đầu năm 2021" are read as the last and the first quarter
    [new RegExp(prefix + String.raw`\b(?<end>cuoi|dau) nam (?<year>20\d\d)(?![\d/])`), (g, y) =>
      g.end === 'cuoi' ? [quarterRange(y, 4), 'quarter', `cuối năm ${y} (Quý IV/${y})`] : [quarterRange(y, 1), 'quarter', `đầu năm ${y} (Quý I/${y})`]],
    [new RegExp(prefix + String.raw`\b(?<tw>thang\s?|t)(?<m>\d{1,2})(?:\s?-\s?(?<m2>\d{1,2}))?\b` + year), (g, y) => {
      const [a, b] = [Number(g.m), Number(g.m2 ?? g.m)];
      if (a < 1 || b > 12 || a > b) return `Tháng ${g.m2 ? `${g.m}-${g.m2}` : g.m} không có thật: một năm có 12 tháng.`;
      return [monthsRange(y, a, b), 'month', a === b ? `tháng ${a}/${y}` : `tháng ${a}-${b}/${y}`];
    }],
    // "10/2021" alone is a month; "49/2016" or "Thông tư 05/2021" is a document's number
    [new RegExp(prefix + String.raw`(?<![\d/.]|(?:${alts(words.numbered)}) )\b(?<m>0?[1-9]|1[0-2])\/(?<year>20\d\d)(?![\d/])`), (g, y) => {
      const m = Number(g.m);
      return [monthsRange(y, m), 'month', `tháng ${m}/${y}`];
    }],
  ];
}

/**
 * Finds the period a question asks about: "Quý IV/2021", "q4/2021", "quý 4 năm 2021", "tháng 6/2021",
 * "t6/2021", "tháng 01-02/2021", "6 tháng đầu năm 2021", "cuối năm 2021" (Quý IV), "30/11/2021",
 * "10/2021", each optionally after "đến hết", "trước" … (`words`). A quarter or month typed without its
 * year takes the year `guessYear` gives (the register's). Something shaped like a date that is none
 * ("quý 5/2021", "tháng 13/2021", "31/2/2021") is reported as invalid rather than read as something else;
 * a document number ("Thông tư 05/2021/TT-BTTTT") is no period.
 */
export function readPeriod(question: string, words: PeriodWords, guessYear: (rangeOf: (y: number) => DateRange) => number | undefined): PeriodReading {
  const s = simpleText(question);
  let patterns = compiledPeriods.get(words);
  if (!patterns) {
    patterns = periodPatterns(words);
    compiledPeriods.set(words, patterns);
  }
  for (const [re, make] of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const g = m.groups ?? {};
    // "t" alone is a month only with its year typed: "t6/2021"
    if (g.tw === 't' && !g.year) continue;
    let y = g.year ? Number(g.year) : undefined;
    let guessed = false;
    if (y === undefined) {
      const probe = make(g, 2000);
      if (typeof probe === 'string') return { invalid: probe.replace('/2000', '') };
      const [range] = probe;
      y = guessYear((yy) => ({ from: `${yy}${range.from.slice(4)}`, to: `${yy}${range.to.slice(4)}` }));
      guessed = true;
      if (y === undefined) continue;
    }
    const made = make(g, y);
    if (typeof made === 'string') return { invalid: made };
    const [range, precision, label] = made;
    const mode = g.by ? 'by' : g.before ? 'before' : 'within';
    return { period: { range, precision, label, mode, yearGuessed: guessed }, words: m[0].match(/[a-z0-9]+/g) ?? [] };
  }
  return undefined;
}
