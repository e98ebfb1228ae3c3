/**
 * Figures as the documents write them: "tối thiểu 50 bưu gửi/đầu người", "> 90%", "85-90%",
 * "590.000 – 595.000 tên miền", "từ 70 đến 100 ngàn doanh nghiệp", "top 50", "nhóm 30 nước", "0,7".
 * Each figure is read into a number or range, a comparator and a unit (the lists are in lexicon/).
 */
import { comparatorWords, figureUnits, onLexiconForgotten, type Comparator } from '../lexicon.js';
import { escapeRegExp } from '../text/analyzer.js';

/** A figure found in text: as written, and as numbers. */
export interface Figure {
  written: string;
  /** Offsets of `written` in the text. */
  start: number;
  end: number;
  low: number;
  high: number;
  comparator?: Comparator;
  /** "%", or the multiplier and unit as written: "tỷ USD", "ngàn doanh nghiệp", "tên miền". */
  unit?: string;
  /** The multiplier's factor (1 without one): "100 ngàn" is 100 000. */
  scale: number;
  /** What is counted, without the multiplier: "%", "doanh nghiệp", "USD"; undefined for a bare number. */
  noun?: string;
}

/** Whether a figure is a rank: "top 50", "nhóm 80", "tăng 10 bậc". */
export function isRank(f: Figure): boolean {
  return f.comparator === 'top' || f.comparator === 'group' || f.noun === 'bậc' || f.noun === 'hạng';
}

/** "590.000" → 590000, "1.234,5" → 1234.5, "0,7" → 0.7, "6,5" → 6.5, "3.5" → 3.5. */
export function parseNumber(s: string): number {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  return Number(s.replace(',', '.'));
}


interface Compiled {
  re: RegExp;
  comparatorOf: Map<string, Comparator>;
  multipliers: Map<string, number>;
  /** Text ending in a share per head: "mỗi người dân sẽ có ". */
  perBefore: RegExp;
  /** Words that end what a share per head counts: "… 01 đường cáp quang, tạo tiền đề" stops at "tạo". */
  perEnds: Set<string>;
}
let compiled: Compiled | undefined;
onLexiconForgotten(() => { compiled = undefined; });

/** One regular expression for a figure with its comparator, multiplier and unit, built from the lexicon once. */
function figurePattern(): Compiled {
  if (compiled) return compiled;
  const comparatorOf = new Map<string, Comparator>();
  for (const [kind, words] of Object.entries(comparatorWords()) as Array<[Comparator, string[]]>) {
    for (const w of words) comparatorOf.set(w.toLowerCase(), kind);
  }
  const { multipliers, units, per, perEnds, notUnits } = figureUnits();
  // a unit word that opens another word ("đồng chí") is no unit
  const notAfter = (u: string) => notUnits.filter((w) => w.toLowerCase().startsWith(`${u.toLowerCase()} `)).map((w) => escapeRegExp(w.slice(u.length).trim()));
  const alternatives = (list: string[]) => list.map((u) => {
    const others = notAfter(u);
    return escapeRegExp(u) + '(?![\\p{L}])' + (others.length ? `(?!\\s+(?:${others.join('|')})(?![\\p{L}]))` : '');
  }).join('|');
  const comparators = [...comparatorOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // a number not glued to letters, digits or slashes, nor hyphened to a word ("5G", "42/2022", "4.0" in "CMCN
  // 4.0", "19" in "Covid-19" are no figures)
  const num = String.raw`(?<![\p{L}\d/.,]|\p{L}[-–])\d[\d.,]*(?<![.,])(?![\p{L}\d/]|[.,]\d)`;
  const unit = String.raw`(?:(?<pct>%)|(?<mult>${alternatives([...multipliers.keys()])})?\s*(?<unit>${alternatives(units)})?)`;
  const re = new RegExp(
    String.raw`(?:(?<![\p{L}\p{N}])(?<cmp>${comparators})(?![\p{L}])\s*)?(?:từ\s+)?(?<low>${num})\s*(?<pct1>%)?(?:\s*(?:-|–|đến)\s*(?<high>${num}))?\s*${unit}`,
    'giu',
  );
  // "mỗi" and a few words of the clause (no punctuation) right before the number
  const perBefore = new RegExp(String.raw`(?<![\p{L}])(?:${per.map(escapeRegExp).join('|')})(?:\s+\p{L}+){1,5}\s+$`, 'iu');
  compiled = { re, comparatorOf, multipliers, perBefore, perEnds: new Set(perEnds.map((w) => w.toLowerCase())) };
  return compiled;
}

const YEAR = /^(?:19[5-9]\d|20\d\d)$/;

/**
 * The figures in `text`, in order. A bare number with no comparator and no unit is a figure only when
 * `bare` is set (a table cell "18"); a year on its own is never one.
 */
export function findFigures(text: string, bare = false): Figure[] {
  const { re, comparatorOf, multipliers, perBefore, perEnds } = figurePattern();
  const out: Figure[] = [];
  for (const m of text.matchAll(re)) {
    const g = m.groups!;
    // "20% dân số": the percent sign ends the figure
    const percent = g.pct1 !== undefined || g.pct !== undefined;
    let unit = percent ? '%' : [g.mult, g.unit].filter(Boolean).join(' ') || undefined;
    const cmp = g.cmp ? comparatorOf.get(g.cmp.toLowerCase()) : undefined;
    const before = text.slice(Math.max(0, m.index! - 16), m.index!).toLowerCase();
    // "mỗi hộ gia đình có 01 đường cáp quang": a share per head, counted in the words after it
    let perHead: { words: string; end: number } | undefined;
    if (!unit && !cmp && !g.high && perBefore.test(text.slice(Math.max(0, m.index! - 48), m.index!))) {
      perHead = countedIn(text, m.index! + m[0].length, perEnds);
      if (perHead) unit = perHead.words;
    }
    // "đạt tỷ lệ 1,22": a number said to be reached is a figure even without a unit
    if (!unit && !cmp && !bare && !/đạt\s+(?:tỷ lệ\s+|mức\s+|số lượng\s+)?$/u.test(before)) continue;
    // a year is never an amount ("đến năm 2025 tỷ trọng …" is no "2025 tỷ")
    if (!g.high && YEAR.test(g.low) && !percent) continue;
    // "thứ 8", "số 42", "lần 2": ordinals and numbers of things, not amounts
    if (/(?:thứ|số|lần|khóa|khoá)\s*$/u.test(before) && !cmp) continue;
    const low = parseNumber(g.low);
    const high = g.high ? parseNumber(g.high) : low;
    if (!Number.isFinite(low) || !Number.isFinite(high)) continue;
    let written = m[0].trim();
    if (g.pct1 !== undefined && !g.high) written = written.slice(0, written.indexOf('%') + 1);
    const start = m.index! + m[0].indexOf(written);
    if (perHead) written = text.slice(start, perHead.end);
    const scale = g.mult ? multipliers.get(g.mult.toLowerCase()) ?? 1 : 1;
    out.push({ written, start, end: start + written.length, low, high, comparator: cmp, unit, scale, noun: percent ? '%' : perHead ? unit : g.unit });
  }
  return out;
}

// What a share per head counts is a short noun phrase: "máy điện thoại thông minh" is five words.
const PER_HEAD_WORDS = 5;

/**
 * The words a share per head counts, written from `from` on up to a joining word or the clause's end
 * ("đường cáp quang"), and where they end in the text; undefined when none follow.
 */
function countedIn(text: string, from: number, ends: Set<string>): { words: string; end: number } | undefined {
  let end = from;
  const words: string[] = [];
  for (const m of text.slice(from).matchAll(/\s*(\p{L}+)/gyu)) {
    if (words.length === PER_HEAD_WORDS || ends.has(m[1].toLowerCase())) break;
    words.push(m[1]);
    end += m[0].length;
  }
  return words.length ? { words: words.join(' '), end } : undefined;
}
