/**
 * The reply: a channel-neutral value built from search hits. It leads with the answer (the sentence or
 * table row holding the figure, deadline or unit, those emphasised), then its citation, then up to two
 * more sources. Each channel renders it (plain text, Telegram HTML, Zalo text).
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import type { StoredPassage } from '../index/load.js';
import type { Hit, SearchResult } from '../search/engine.js';
import { askedIn, placesAsked, textNamesPlace, type LeadOrDue } from '../search/answerability.js';
import { clauseRanges, sentenceRanges } from '../ingest/split.js';
import { fold, normalize, yearsIn } from '../text/analyzer.js';
import type { ListReply } from './list.js';
import { findFigures } from '../register/figures.js';

/** A run of text, emphasised when it holds a figure, a deadline or a unit. */
export interface Span {
  text: string;
  strong?: boolean;
}

export interface Citation {
  doc: string;
  docShort: string;
  docTitle: string;
  /** The heading path, outermost first. */
  section: string[];
  lineStart: number;
  lineEnd: number;
}

export interface Excerpt {
  spans: Span[];
  citation: Citation;
  /** True when this source is another document than the lead's (values may differ by year). */
  otherDocument: boolean;
}

/** What a user can do next; each channel shows these its own way (buttons, typed numbers). */
export type Action = { kind: 'more' } | { kind: 'source' } | { kind: 'feedback' };

/** A reply, as every channel renders it: an answer, a plain no-answer, a message or a list. */
export type Reply = (
  | { kind: 'answer'; lead: Excerpt; more: Excerpt[]; rest: Excerpt[]; actions: Action[] }
  | { kind: 'not_found'; statement: string; suggestion: string; nearest?: Excerpt }
  | { kind: 'message'; title?: string; paragraphs: Span[][] }
  | ListReply
) & {
  /** How a follow-up was understood ("mục tiêu phủ sóng 5G năm 2025"): the reply opens with it. */
  understood?: string;
};

// A date or a period a task is due by: "Tháng 6/2021", "Quý IV/2021", "ngày 30/11/2021", "31/10/2021".
const DATE = new RegExp(
  [
    String.raw`(?:(?:cuối |đầu |trước )?(?:tháng|quý|ngày)\s+(?:\d{1,2}|[IVX]+)(?:\s*\/\s*\d{1,2}(?=\s*\/))?(?:\s*\/\s*\d{4}|\s+năm\s+\d{4})?)`,
    String.raw`(?:(?<![\d/])\d{1,2}\/\d{1,2}\/\d{4})`,
  ].join('|'),
  'giu',
);

/**
 * Splits text into spans with what a user came for emphasised: each figure with its comparator and unit
 * ("trên 80%", "25 tỷ USD", "tăng 10 bậc"), read as the register reads targets, and each date or period.
 * Nothing else: no "5" of "5G", no "6" of "IPv6", no bare year, no document number.
 */
export function emphasise(text: string): Span[] {
  const marks = [
    ...findFigures(text).map((f) => [f.start, f.end] as const),
    ...[...text.matchAll(DATE)].filter((m) => /\d/.test(m[0])).map((m) => [m.index!, m.index! + m[0].trimEnd().length] as const),
  ].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const spans: Span[] = [];
  let last = 0;
  for (const [start, end] of marks) {
    if (start < last) continue; // inside a mark already made
    if (start > last) spans.push({ text: text.slice(last, start) });
    spans.push({ text: text.slice(start, end), strong: true });
    last = end;
  }
  if (last < text.length) spans.push({ text: text.slice(last) });
  return spans;
}

/** Where something is written: its document (with the catalog's names for it), section path and lines. */
export function citationFor(doc: CatalogEntry | undefined, file: string, section: string[], lineStart: number, lineEnd = lineStart): Citation {
  return { doc: file, docShort: doc?.short ?? file, docTitle: doc?.title ?? file, section, lineStart, lineEnd };
}

/** "dòng 64" or "dòng 31-33". */
export function linesText(c: { lineStart: number; lineEnd: number }): string {
  return c.lineStart === c.lineEnd ? `dòng ${c.lineStart}` : `dòng ${c.lineStart}-${c.lineEnd}`;
}

/** A text cut to `max` characters at a word boundary, with "…" when cut. */
export function shorten(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).replace(/\s+\S*$/, '') + '…';
}

function citationOf(p: StoredPassage, doc: CatalogEntry | undefined): Citation {
  return citationFor(doc, p.doc, p.headingPath, p.lineStart, p.lineEnd);
}

/** The readable text of a passage: a table row as "Column: cell" lines. */
export function passageDisplay(p: StoredPassage): string {
  if (p.kind !== 'row' || !p.table) return p.text.replace(/^\s*[-•+*]+\s*/u, '');
  const { columns, cells, sector } = p.table;
  const lines = cells
    .map((c, i) => (c && !/^(STT|TT)$/i.test(columns[i] ?? '') ? (columns[i] ? `${columns[i]}: ${c}` : c) : ''))
    .filter(Boolean);
  return [sector ? `(${sector})` : '', ...lines].filter(Boolean).join('\n');
}

/** What a passage's excerpt is chosen by: the question's words and phrases (folded), and what it asks. */
export interface ExcerptTerms {
  words: string[];
  phrases: string[];
  /** Whether a text holds what the question asks (who takes part, a time, a figure of the kind asked). */
  asked?: (text: string) => boolean;
  /** How much each word says (rarer words more), as a share of the question's average word; 1 for every word when not given. */
  weight?: (folded: string) => number;
  /** Whether a text names a place the question asks about: a clause that does leads over any that does not, unless the passage's headings name it. */
  namesPlace?: (text: string) => boolean;
  /** The words a follow-up names of its own ("doanh thu" after a question on postal items), folded: a clause holding them all leads over any that does not. */
  focus?: string[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// What holding what is asked counts for, against words shared with the question (each weighted by its IDF as a
// share of the question's average): a clause with the date, the figure or the units taking part asked beats
// one sharing up to this many more words. Measured: 0 → qa-fresh facts 94.0%, 2, 3 and 5 → 96.0%, nothing
// else moved; weighting the words by IDF moved dev2 facts 88.3 → 88.8%, qa-fresh2 92.2 → 94.1%, qa 93.6 → 92.3%;
// weighting the phrases by IDF too (a common "năm 2020" counted as much as a rare "trong GDP") moved dev2 facts
// 89.9 → 90.5%, every other set unchanged.
const ASKED_WEIGHT = 2;

// How far over its length a lead may run to take in the clause beside it that holds what is asked.
const BESIDE_STRETCH = 1.5;

/**
 * The part of a passage worth leading with: the sentence (or clause) that shares most words and phrases
 * with the question (each weighted by how much it says), holding what it asks counting ASKED_WEIGHT more
 * and any figure one more, widened with its neighbours while it fits.
 */
export function bestExcerpt(p: StoredPassage, question: ExcerptTerms, maxChars: number): string {
  const text = passageDisplay(p);
  if (text.length <= maxChars || p.kind === 'row') return text.length <= maxChars * 1.5 ? text : text.slice(0, maxChars) + '…';
  // sentences, and the clauses of a sentence too long to show whole, so the figure at its end is not cut off
  const sentences = sentenceRanges(text);
  const ranges = sentences.flatMap(([a, b]) => (b - a > maxChars ? clauseRanges(text, a, b, maxChars / 2, true) : [[a, b] as [number, number]]));
  // whether a range ends its sentence: a clause cut at a comma ("… tại 16 tỉnh,") reads on into the next
  const endsSentence = (i: number) => sentences.some(([, b]) => b === ranges[i][1]);
  const startsSentence = (i: number) => sentences.some(([a]) => a === ranges[i][0]);
  let best = 0;
  let bestScore = -1;
  // (not when the headings name it: under "Sở TT&TT Hải Dương" every clause is about Hải Dương)
  const placeApart = question.namesPlace !== undefined && !question.namesPlace(p.headingPath.join('. '));
  const named = ranges.map(([a, b]) => placeApart && question.namesPlace!(text.slice(a, b)));
  const namesAny = named.some(Boolean);
  // read as the question was read: "tỷ" and "tỉ" are one word, "1.000" is 1000
  const tokenised = ranges.map(([a, b]) => fold(normalize(text.slice(a, b))).split(/[^\p{L}\p{N}]+/u));
  // (every word of it, so "doanh thu" is not found in "thứ"; among the clauses naming the place asked, if any)
  const focused = tokenised.map((tokens, i) => (!namesAny || named[i]) && (question.focus?.every((w) => tokens.includes(w)) ?? false));
  const focusAny = focused.some(Boolean);
  ranges.forEach(([a, b], i) => {
    // "Hải Phòng bao nhiêu?": the clause naming Hải Phòng, not the national figure before it
    if (namesAny && !named[i]) return;
    // "thế doanh thu khi đó?": the clause on revenue, not the one on what the last question asked
    if (focusAny && !focused[i]) return;
    const tokens = tokenised[i];
    const words = new Set(tokens);
    const pairs = new Set(tokens.slice(1).map((w, k) => `${tokens[k]}_${w}`));
    const part = text.slice(a, b);
    const score = sum(question.words.filter((w) => words.has(w)).map((w) => question.weight?.(w) ?? 1)) + sum(question.phrases.filter((ph) => pairs.has(ph)).map((ph) => question.weight?.(ph) ?? 1))
      + (/\d/.test(part) ? 1 : 0) + (question.asked?.(part) ? ASKED_WEIGHT : 0);
    if (score > bestScore) { bestScore = score; best = i; }
  });
  let [start, end] = ranges[best];
  let lo = best, hi = best;
  let room = maxChars;
  // the clause with the question's words but not what it asks, one or two from one that holds it ("Trung tâm X
  // nghiên cứu …, phối hợp với …, … hợp đồng lao động điện tử" asked who): all, a little over the length if need be
  const holds = (i: number) => question.asked?.(text.slice(ranges[i][0], ranges[i][1])) ?? true;
  if (!holds(best)) {
    const beside = [best - 1, best + 1, best - 2, best + 2].find((i) => i >= 0 && i < ranges.length && holds(i)
      && Math.max(end, ranges[i][1]) - Math.min(start, ranges[i][0]) <= maxChars * BESIDE_STRETCH);
    if (beside !== undefined) {
      [lo, hi] = [Math.min(best, beside), Math.max(best, beside)];
      [start, end] = [ranges[lo][0], ranges[hi][1]];
      room = Math.max(maxChars, end - start);
    }
  }
  // widen with neighbours on both sides, in turn, while it fits; from the start of a sentence, to its end first
  for (let turn = 0; ; turn++) {
    const canNext = hi + 1 < ranges.length && ranges[hi + 1][1] - start <= room;
    const canPrev = lo > 0 && end - ranges[lo - 1][0] <= room;
    const readOn = canNext && startsSentence(lo) && !endsSentence(hi);
    if (canPrev && (turn % 2 === 0 || !canNext) && !readOn) { lo--; start = ranges[lo][0]; }
    else if (canNext) { hi++; end = ranges[hi][1]; }
    else break;
  }
  let excerpt = text.slice(start, end).trim();
  if (excerpt.length > room) excerpt = excerpt.slice(0, room).replace(/\s+\S*$/, '') + '…';
  return (start > 0 ? '… ' : '') + excerpt + (end < text.length && !excerpt.endsWith('…') ? ' …' : '');
}

const SUGGESTION =
  'Bạn thử hỏi cụ thể hơn: nêu lĩnh vực, năm và điều cần biết (chỉ tiêu, thời hạn, đơn vị chủ trì), ví dụ "mục tiêu tỷ lệ hồ sơ trực tuyến toàn trình đến năm 2025" hoặc "đơn vị nào chủ trì xây dựng Cổng GovTech".';

/** The reply saying the documents do not hold what was asked, and how to ask more precisely. */
export function notFound(statement: string): Reply {
  return { kind: 'not_found', statement, suggestion: SUGGESTION };
}

const LIST_ITEM = /^\s*[-•+]\s*/u;

/**
 * For a question asking what is to be done, one list item answers only in part: take the items of the same
 * list around it (same section, consecutive passages), up to `maxItems`.
 */
export function listAround(p: StoredPassage, passages: StoredPassage[], maxItems: number): StoredPassage[] {
  const sameList = (q: StoredPassage | undefined) =>
    q !== undefined && q.doc === p.doc && q.kind === 'text' && LIST_ITEM.test(q.text) && !q.lead
    && q.headingPath.join('\u0000') === p.headingPath.join('\u0000');
  if (!sameList(p)) return [p];
  let lo = p.id, hi = p.id;
  while (hi - lo + 1 < maxItems && (sameList(passages[hi + 1]) || sameList(passages[lo - 1]))) {
    if (sameList(passages[hi + 1])) hi++;
    if (hi - lo + 1 < maxItems && sameList(passages[lo - 1])) lo--;
  }
  return passages.slice(lo, hi + 1);
}

/** A list item shortened to its first sentence, for a list shown whole. */
function itemText(p: StoredPassage, maxChars: number): string {
  const text = p.text.replace(LIST_ITEM, '');
  const [first] = sentenceRanges(text);
  const sentence = text.slice(first[0], first[1]);
  if (sentence.length <= maxChars) return sentence + (first[1] < text.length ? ' …' : '');
  return sentence.slice(0, maxChars).replace(/\s+\S*$/, '') + ' …';
}

/** Builds the reply for a search result. */
export function buildReply(
  result: SearchResult,
  documents: Map<string, CatalogEntry>,
  passages: StoredPassage[] = [],
  /** A lead built from a register row (value first), and the source lines it shows. */
  fromRegister?: { lead: Excerpt; sources: Array<{ doc: string; lineStart: number }> },
  /** What was asked and the best passage does not say: a lead unit, a deadline, the units taking part. */
  missing?: LeadOrDue,
  /** What the question asks of a task in so many words. */
  asks?: LeadOrDue,
  /** How much a folded word says in the documents (its IDF). */
  idf?: (folded: string) => number,
  /** Whether a text names one of the Ministry's units: asked who, the clause naming one leads. */
  namesUnit?: (text: string) => boolean,
  /** The words a follow-up names of its own, folded: a clause holding them all leads. */
  focus: string[] = [],
): Reply {
  const words = result.question.content.map((t) => t.folded);
  const places = placesAsked(result.question);
  // a word's weight as a share of the question's average: "QCVN" says more than "công nghệ"
  const mean = idf && words.length ? sum(words.map(idf)) / words.length : 0;
  const terms: ExcerptTerms = {
    words, phrases: result.question.phrases.map((t) => t.folded), asked: askedIn(result.question, asks, namesUnit),
    ...(idf && mean > 0 ? { weight: (w: string) => idf(w) / mean } : {}),
    ...(focus.length ? { focus } : {}),
    ...(places.length ? { namesPlace: (text: string) => textNamesPlace(text, places) } : {}),
  };
  const excerpt = (h: Hit, max: number, leadDoc?: string): Excerpt => ({
    spans: emphasise(bestExcerpt(h.passage, terms, max)),
    citation: citationOf(h.passage, documents.get(h.passage.doc)),
    otherDocument: leadDoc !== undefined && h.passage.doc !== leadDoc,
  });
  const [first, ...others] = result.hits;
  if (result.noAnswer || !first) {
    const nearest = first && first.coverage >= 0.4 ? excerpt(first, 200) : undefined;
    // asked what was achieved, and what comes nearest is a target: say that the documents hold only the target
    // asked for a figure, and the passages on the matter give none of that kind: say that the figure is missing
    const statement = result.question.achieved && nearest
      ? 'Các văn bản hiện có chỉ nêu mục tiêu, kế hoạch; không nêu kết quả thực tế này.'
      : result.lacks === 'figure' ? 'Các văn bản hiện có không nêu số liệu này.' : 'Các văn bản hiện có không nêu nội dung này.';
    return { kind: 'not_found', statement, suggestion: SUGGESTION, nearest };
  }
  const list = fromRegister
    ? passages.filter((p) => fromRegister.sources.some((s) => s.doc === p.doc && s.lineStart === p.lineStart))
    : ['task', 'overview'].includes(result.question.intent) ? listAround(first.passage, passages, 6) : [first.passage];
  const lead = fromRegister ? fromRegister.lead : list.length > 1
    ? {
      // the item that matched is shown whole (up to a point), its neighbours by their first sentence
      spans: emphasise(list.map((p) => '• ' + (p === first.passage ? bestExcerpt(p, terms, 300) : itemText(p, 140))).join('\n')),
      citation: { ...citationOf(first.passage, documents.get(first.passage.doc)), lineStart: list[0].lineStart, lineEnd: list[list.length - 1].lineEnd },
      otherDocument: false,
    }
    : excerpt(first, 300);
  if (missing) {
    const notice = { unit: 'Văn bản không ghi rõ đơn vị chủ trì việc này.', deadline: 'Văn bản không ghi thời hạn cho việc này.', cooperating: 'Văn bản không ghi đơn vị phối hợp cho việc này.' }[missing];
    lead.spans = [{ text: notice, strong: true }, { text: ' Đoạn liên quan nhất:\n' }, ...lead.spans];
  }
  // the same target may stand in another document with another value: its best passage comes first
  const rest = others.filter((h) => !list.includes(h.passage));
  const figureAsked = ['target', 'deadline'].includes(result.question.intent);
  const sameYears = (h: Hit) => result.question.years.length === 0 || result.question.years.some((y) => yearsIn(h.passage.text).includes(y));
  const otherDoc = figureAsked && !fromRegister
    ? rest.slice(0, 4).findIndex((h) => h.passage.doc !== first.passage.doc && /\d/.test(h.passage.text) && h.coverage >= 0.8 * first.coverage && sameYears(h))
    : -1;
  if (otherDoc > 0) rest.unshift(...rest.splice(otherDoc, 1));
  return {
    kind: 'answer',
    lead,
    more: rest.slice(0, 2).map((h) => excerpt(h, 150, first.passage.doc)),
    rest: rest.slice(2).map((h) => excerpt(h, 360, first.passage.doc)),
    actions: [{ kind: 'more' }, { kind: 'source' }, { kind: 'feedback' }],
  };
}
