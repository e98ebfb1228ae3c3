/**
 * Whether the documents answer a question: every rule in one place, each from evidence that carries over
 * to new questions (what the passage holds, not which question it is), each with what it does on the sets.
 * The engine asks `whyNotAnswers` of its first hits; the answerer asks `missingAsked` of the lead, so a
 * reply that says the documents name no unit or time for the matter counts as no answer. Chat and junk
 * never reach a search (src/conversation/small-talk.ts).
 */
import type { StoredPassage } from '../index/load.js';
import { columnRoles, dueTimeWords, provinceHeads, figureQuestions, figureUnits, horizonYearWords, placeWords, plainlyNamedProvinces, provinces, onLexiconForgotten, otherBodies, planNameWords, referenceYearWords, sectionKinds, unitLexicon, unitReading } from '../lexicon.js';
import { findNamesInTokens, findWords, foldedCompounds, nameTokens, typedTokens } from '../register/names.js';
import { escapeRegExp, fold, hasDiacritics, normalize, yearsIn } from '../text/analyzer.js';
import { findFigures, type Figure } from '../register/figures.js';
import { yearAfter, yearBefore } from '../register/extract.js';
import { contextText, searchableText } from './fields.js';
import { isFoldedFunctionWord, isFoldedQuestionWord, properPairsIn, type Intent, type Question, type Term } from './understand.js';

/** What a passage holds, as the rules read it. */
export interface PassageEvidence {
  passage: StoredPassage;
  /** Folded words and pairs of the passage and its headings, aliases included. */
  terms: Set<string>;
  pairs: Set<string>;
  /** Years the passage or its headings speak of. */
  years: Set<number>;
  /** The years its document is about (seeds/catalog.json). */
  documentYears: number[];
  /** The year its document reports on, when it is a report (its first year): what it says was done, was done then. */
  reportYear?: number;
  /** IDF-weighted share of the question's content words the passage holds (unknown words weigh against). */
  coverage: number;
  /** The same for the question's phrases. */
  pairShare: number;
}

/** The thresholds of the rules; the defaults are what the dev sets measured best with. */
export interface AnswerThresholds {
  /** A passage covering less of the question's content words does not answer. */
  minCoverage: number;
  /** A passage holding less of the question's phrases (unless it covers nearly all words) does not answer. */
  minPhraseShare: number;
}

/** The rule by which a passage does not answer a question. */
export type NotAnswering = 'plan for result' | 'code' | 'coverage' | 'name' | 'no known word' | 'other ministry' | 'phrases' | 'proper name' | 'province' | 'target of other years' | 'year missing' | 'year outside documents';

/**
 * Why a passage does not answer the question, or undefined when it does: it must cover the content words and
 * phrases, name the names and places asked, speak of the year asked (and, for a target, give the figure of
 * that year), and be a plan when a plan is asked and a result when a result is.
 */
export function whyNotAnswers(
  question: Question, e: PassageEvidence, t: AnswerThresholds,
  /** Whether the documents use a folded word. */
  known: (folded: string) => boolean,
  /** Proper names asked about that are specific in the documents ("da_nang"). */
  specificProperPairs: string[],
  /** The names asked about that a passage must hold ("mobifone", "viettel"), folded. */
  names: string[] = question.names,
): NotAnswering | undefined {
  // at least one word of the question (not a bare number) must be one the documents use
  if (!question.content.some((w) => !/^\d/.test(w.folded) && known(w.folded))) return 'no known word';
  if (e.coverage < t.minCoverage || e.pairShare < t.minPhraseShare / 2) return 'coverage';
  if (e.pairShare < t.minPhraseShare && e.coverage < NEAR_COMPLETE) return 'phrases';
  // a name typed as a name (MobiFone, VTVcab) that the passage does not hold
  if (names.some((n) => known(n) && !e.terms.has(n))) return 'name';
  // a model, band or version written in digits and letters ("26GHz", "IPv6", "Wifi7") that the passage does not
  // hold, whether the documents never use it or use it elsewhere: "băng tần 26GHz" is not "băng tần 3.5GHz"
  if (question.content.some((w) => SPECIFIC_CODE.test(w.folded) && !e.terms.has(w.folded))) return 'code';
  // a place or organisation asked about ("Bắc Giang") that the passage does not name
  if (specificProperPairs.length && !specificProperPairs.some((p) => e.pairs.has(p))) return 'proper name';
  // a province asked about, typed in any case, with or without diacritics ("so tttt lam dong"), that the
  // passage and its headings do not name
  const places = placesAsked(question);
  if (places.length && !namesPlace(e.passage, places)) return 'province';
  // a year asked about that the passage and its headings never name: only a near-complete match answers
  // (what a report says was done, was done in the year it reports on: dialogs-fresh9 refused 7→5/32, every
  // other set unchanged; so is what it says outside its plan sections, "D. Công tác quản lý nhà nước tại địa
  // phương": dev2 refused 4→3/126, qa-fresh5 4→3/40 once a share asked needs a share)
  const reportYear = sectionKindOf(e.passage) !== 'plan' ? e.reportYear : undefined;
  const yearMissing = question.years.length > 0 && !question.years.some((y) => e.years.has(y) || y === reportYear);
  if (yearMissing && (e.coverage < YEAR_MISSING_COVERAGE || e.pairShare < YEAR_MISSING_PHRASES)) return 'year missing';
  // a year outside the years the passage's document is about, that the passage names only in what it cites
  // (a document's number or date, a plan's name or horizon: "năm 2019" against "Nghị quyết số 17/NQ-CP ngày
  // 07/3/2019"), is not answered however complete the match: off-topic recognised 34→36/40
  const asked = askedYears(question);
  if (asked.length && !asked.some((y) => e.documentYears.includes(y)) && !asked.some((y) => spokenYears(e.passage).includes(y))) return 'year outside documents';
  // another ministry asked about as the one acting ("Bộ Y tế đặt chỉ tiêu …"): only a passage that names it
  // acting answers, not one that names it as a partner or an addressee ("phối hợp với Bộ Y tế", "gửi Bộ Tài chính")
  const bodies = bodiesAsked(question);
  if (bodies.length && !bodies.some((b) => bodiesActing(e.passage).has(b))) return 'other ministry';
  // a target asked for one year is not answered by a passage that speaks of other years only ("đến năm
  // 2025" for 2024): no-answer recognised qa 13→15/22, qa-fresh 8→10/18, dev dialogs 1→2/5
  if (question.intent === 'target' && question.years.length) {
    const own = ownYears(searchableText(e.passage));
    if (own.length && !question.years.some((y) => own.includes(y))) return 'target of other years';
  }
  // what was achieved is not answered by what was planned
  return question.achieved && sectionKindOf(e.passage) === 'plan' ? 'plan for result' : undefined;
}

// A word of digits and two letters or more, or of digits then a letter: a band, model, version or generation
// ("26ghz", "ipv6", "5g", "3g"); not a period typed short ("q2", "t11").
const SPECIFIC_CODE = /^(?:(?=[a-z]*\d)(?=\d*[a-z]\d*[a-z])[a-z\d]+|\d+[a-z])$/;

// A passage holding this share of the question's words answers though it lacks some of its phrases.
const NEAR_COMPLETE = 0.8;
// A passage that never names the year asked answers only when it holds nearly every word and half the phrases.
const YEAR_MISSING_COVERAGE = 0.9;
const YEAR_MISSING_PHRASES = 0.5;

let timeLike: RegExp | undefined;
let leadWords: RegExp | undefined;
onLexiconForgotten(() => { timeLike = leadWords = undefined; });

/**
 * Whether a text holds a time a task can be due: a year, a date, a part of a year by its number (a week, a
 * month, a quarter, a session of the National Assembly), a span (lexicon/year-words.json).
 */
export function saysTime(text: string): boolean {
  if (!timeLike) {
    const { parts, spans } = dueTimeWords();
    timeLike = new RegExp(`(?<!\\d)(?:19|20)\\d\\d(?!\\d)|\\d{1,2}\\/\\d{1,2}|(?:${longestFirst(parts)})\\s+(?:thứ\\s+)?[\\dIVX]|${longestFirst(spans)}`, 'iu');
  }
  return timeLike.test(text);
}

/** Whether a text or a column header holds the words of a lead column's header ("chủ trì"; lexicon/columns.json). */
export function saysLead(text: string): boolean {
  leadWords ??= wordsPattern(columnRoles().lead ?? []);
  return leadWords.test(text);
}

/**
 * Whether a passage holds the kind of answer asked: a time for "khi nào", a unit of the Ministry or the word
 * "chủ trì" for "ai chủ trì".
 */
export function holdsAnswer(intent: string, p: StoredPassage, namesUnit: (p: StoredPassage) => boolean): boolean {
  if (intent === 'deadline') return saysTime(p.text);
  if (intent === 'unit') return saysLead(p.text) || namesUnit(p);
  return true;
}

/** What a question asks of a task in so many words: who leads it, when it is due, who takes part beside the lead. */
export type LeadOrDue = 'unit' | 'deadline' | 'cooperating';

let cooperatingWords: { text: RegExp; columns: string[][] } | undefined;
onLexiconForgotten(() => { cooperatingWords = undefined; });

/**
 * Whether a passage names who takes part beside the lead: a filled cooperating column of a table row, or
 * the words of such a column's header in its text ("phối hợp"; lexicon/columns.json).
 */
export function namesCooperating(p: StoredPassage): boolean {
  if (p.kind === 'row' && p.table) {
    const columns = readingOfCooperating().columns;
    return p.table.columns.some((col, i) => (p.table!.cells[i] ?? '').trim() !== '' && columns.some((words) => nameTokens(col).join(' ').includes(words.join(' '))));
  }
  return saysCooperating(p.text);
}

function readingOfCooperating(): { text: RegExp; columns: string[][] } {
  cooperatingWords ??= {
    text: new RegExp(`(?<![\\p{L}])(?:${longestFirst((columnRoles().cooperating ?? []).map((w) => fold(normalize(w))))})(?![\\p{L}])`, 'u'),
    columns: (columnRoles().cooperating ?? []).map(nameTokens),
  };
  return cooperatingWords;
}

/** Whether a text holds the words of a cooperating column's header ("phối hợp"). */
function saysCooperating(text: string): boolean {
  return readingOfCooperating().text.test(fold(normalize(text)));
}

/**
 * What a text must hold to say what a question asks, for choosing the clause a reply leads with: who takes
 * part, a time for a deadline, a unit for "who" (by `namesUnit`, when given), a figure of the kind asked;
 * undefined when nothing in particular is asked.
 */
export function askedIn(question: Question, asked: LeadOrDue | undefined, namesUnit?: (text: string) => boolean): ((text: string) => boolean) | undefined {
  if (asked === 'cooperating') return saysCooperating;
  if (question.intent === 'deadline') return saysTime;
  if (question.intent === 'unit' && namesUnit) return namesUnit;
  const figures = figuresAsked(question);
  // asked for a year, an amount said of other years ("gấp 8,6 lần so với năm 2020 (11.370.018 giao dịch)") is not it
  const years = askedYears(question);
  // a thing counted ("bao nhiêu giao dịch") may be written with another noun, so any amount answers; among the
  // clauses of one passage though, the one counting it ("98.473.730 giao dịch", not "gấp 42 lần") leads
  const ofYears = (f: FigureAsk, text: string) => f.kind !== 'amount' || (years.length === 0 && f.counted === undefined)
    || figureForYears(f, withoutCitations(text), years, ownYears(withoutCitations(text)), f.counted);
  if (figures.length) return (text) => figures.some((f) => textHoldsFigure(f, text) && ofYears(f, text));
  return undefined;
}

/**
 * What the question asks in so many words (who leads, when it is due, who takes part) and the passage that
 * answers best does not say: the reply says the documents do not name it, and the question counts as not answered.
 */
export function missingAsked(
  intent: Intent, asked: LeadOrDue | undefined, lead: StoredPassage, namesUnit: (p: StoredPassage) => boolean,
): LeadOrDue | undefined {
  const asking = asked === 'cooperating' || asked === intent;
  return asked && asking && !saysAsked(intent, asked, lead, namesUnit) ? asked : undefined;
}

/**
 * Whether a passage says what a question asks of a task: who takes part, when asked so; else its lead unit
 * or its time for a question asking who or when; anything else it may say.
 */
export function saysAsked(intent: string, asked: LeadOrDue | undefined, p: StoredPassage, namesUnit: (p: StoredPassage) => boolean): boolean {
  return asked === 'cooperating' ? namesCooperating(p) : holdsAnswer(intent, p, namesUnit);
}

let referenceBefore: RegExp | undefined;
let horizonBefore: RegExp | undefined;
let numberedName: RegExp | undefined;
let foldedPlanPeriod: RegExp | undefined;
let foldedHorizon: RegExp | undefined;
let planNamePeriod: RegExp | undefined;
let planWords: RegExp | undefined;
let resultWords: RegExp | undefined;
const spokenCache = new WeakMap<StoredPassage, number[]>();
onLexiconForgotten(() => { referenceBefore = horizonBefore = numberedName = foldedPlanPeriod = foldedHorizon = planNamePeriod = planWords = resultWords = undefined; });

const escaped = (w: string) => escapeRegExp(w).replace(/\s+/g, '\\s+');
const wordsPattern = (list: string[]) => new RegExp(list.map(escaped).join('|'), 'iu');
const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escaped).join('|');

/** The years a text speaks of, leaving out years of reference ("cao hơn so với năm 2020"). */
export function ownYears(text: string): number[] {
  referenceBefore ??= new RegExp(`(?:${longestFirst(referenceYearWords())})\\s+(?:19|20)\\d\\d`, 'giu');
  return yearsIn(text.replace(referenceBefore, ' '));
}

const askedCache = new WeakMap<Question, number[]>();

/**
 * The years a question asks about, leaving out those of a document or plan it names: by number and date
 * ("Nghị định 60/2014", "Chỉ thị 42/CT-TW năm 2004 về …") or by a name holding its period ("Chiến lược …
 * đến 2030", "chien luoc … den nam 2030"), typed with or without diacritics.
 */
export function askedYears(question: Question): number[] {
  let years = askedCache.get(question);
  if (!years) {
    const foldedWords = (list: string[]) => longestFirst(list.map((w) => fold(w.normalize('NFC').toLowerCase())));
    numberedName ??= new RegExp(`(?<![a-z&])(?:${foldedWords(planNameWords())})\\.?\\s+(?:so\\s+)?\\d+\\s*/\\s*(?:19|20)\\d\\d`, 'gu');
    foldedPlanPeriod ??= new RegExp(`((?<![a-z&])(?:${foldedWords(planNameWords())})\\s[^,;:()!?\\n.]*?)\\s(?:den|toi|giai doan|thoi ky)(?:\\s+nam)?\\s+(?:19|20)\\d\\d(?:\\s*[-–]\\s*(?:19|20)\\d\\d)?`, 'gu');
    foldedHorizon ??= new RegExp(`(?:${foldedWords(horizonYearWords())})\\s+(?:nam\\s+)?(?:19|20)\\d\\d`, 'gu');
    years = question.years.length
      ? yearsIn(fold(withoutCitations(question.raw.normalize('NFC')).toLowerCase()).replace(numberedName, ' ').replace(foldedHorizon, ' ').replace(foldedPlanPeriod, '$1 '))
      : [];
    askedCache.set(question, years);
  }
  return years;
}

/**
 * The years a passage and its headings speak of, leaving out those of what it cites: a document's number,
 * date and name, a plan's horizon and the period in a plan's name (see `withoutCitedYears`). Headings lose
 * only citations: "Kế hoạch trung hạn đến năm 2024" heads a section about 2024.
 */
export function spokenYears(p: StoredPassage): number[] {
  let years = spokenCache.get(p);
  if (!years) {
    years = yearsIn(`${withoutCitedYears(searchableText(p))}. ${withoutCitations(contextText(p))}`);
    spokenCache.set(p, years);
  }
  return years;
}

// A document's number: "17/NQ-CP", "52-NQ/TW", "06/2019/TT-BTTTT", "QCVN 125:2021/BTTTT" (letters after the
// figures, so "10/63 tỉnh" and "2022 - 2025" are none).
const DOCUMENT_NUMBER = /(?<![\p{L}\d])\d+(?:[/:](?:19|20)\d\d)?[/-]\s?\p{Lu}[\p{L}\d]*(?:[-/&]\s?\p{L}[\p{L}\d]*)*/gu;
// What follows a document's number in its citation: its date, year and issuer, in any order ("ngày 07/3/2019 của
// Chính phủ", "năm 2019"); then its name, when "về" opens it, runs to the end of the sentence.
const CITATION_TAIL = /^(?:\s+(?:ngày\s+\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|năm\s+\d{4}|của\s+[^,;:()!?\n]*?(?=\s+(?:ngày|năm|về)\s|[,;:()!?\n]|\.(?:\s|$)|$)))*/u;
const CITED_NAME = /^\s+về\s[^;!?\n]*?(?=[;!?\n]|\.(?:\s|$)|$)/u;

/**
 * A text without the documents it cites by number: the number, its date, year and issuer ("số 362/QĐ-TTg ngày
 * 03/4/2019 của Thủ tướng Chính phủ"), and its name when "về" opens it, commas and all, up to the end of the
 * sentence ("… của Chính phủ về một số nhiệm vụ, giải pháp … giai đoạn 2019 - 2020, định hướng đến 2025.").
 */
export function withoutCitations(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(DOCUMENT_NUMBER)) {
    const start = m.index!;
    if (start < last) continue;
    let end = start + m[0].length;
    end += CITATION_TAIL.exec(text.slice(end))![0].length;
    end += CITED_NAME.exec(text.slice(end))?.[0].length ?? 0;
    out += text.slice(last, start) + ' ';
    last = end;
  }
  return out + text.slice(last);
}

/**
 * A passage's text without the years of what it cites: documents by number (`withoutCitations`), a plan's
 * horizon ("định hướng đến năm 2030", lexicon/year-words.json) and the period in the name of a plan or a legal
 * document ("Chiến lược phát triển doanh nghiệp công nghệ số Việt Nam đến năm 2030").
 */
export function withoutCitedYears(text: string): string {
  horizonBefore ??= new RegExp(`(?:${longestFirst(horizonYearWords())})\\s+(?:năm\\s+)?(?:19|20)\\d\\d`, 'giu');
  planNamePeriod ??= new RegExp(`((?<![\\p{L}&])(?:${longestFirst(planNameWords())})\\s[^,;:()!?\\n.]*?)\\s(?:đến|tới|giai đoạn|thời kỳ)(?:\\s+năm)?\\s+(?:19|20)\\d\\d(?:\\s*[-–]\\s*(?:19|20)\\d\\d)?`, 'gu');
  return withoutCitations(text).replace(horizonBefore, ' ').replace(planNamePeriod, '$1 ');
}

/**
 * Whether a passage's headings make it a plan (targets, tasks) or a result (what was done), by the words of
 * lexicon/section-kinds.json: the nearest heading that says either decides, a result word winning over a
 * plan word in the same heading ("Khó khăn … và giải pháp").
 */
export function sectionKindOf(p: StoredPassage): 'plan' | 'result' | undefined {
  planWords ??= wordsPattern(sectionKinds().plan);
  resultWords ??= wordsPattern(sectionKinds().result);
  for (const heading of [...p.headingPath].reverse()) {
    if (resultWords.test(heading)) return 'result';
    if (planWords.test(heading)) return 'plan';
  }
  return undefined;
}

interface BodyReading {
  bodies: ReturnType<typeof otherBodies>['bodies'];
  ministry: ReturnType<typeof otherBodies>['ministry'];
  partyBefore: string[][];
  cooperation: string[][];
  units: ReturnType<typeof unitLexicon>;
  compounds: Map<string, Set<string>>;
  /** Folded opening words of the table headers of a task or its lead. */
  actingColumns: string[][];
}
let bodyReading: BodyReading | undefined;
const askedBodiesCache = new WeakMap<Question, string[]>();
const actingCache = new WeakMap<StoredPassage, Set<string>>();
onLexiconForgotten(() => { bodyReading = undefined; });

function readingOfBodies(): BodyReading {
  if (!bodyReading) {
    const file = otherBodies();
    const roles = columnRoles();
    bodyReading = {
      bodies: file.bodies, ministry: file.ministry,
      partyBefore: file.partyBefore.map(nameTokens), cooperation: file.cooperation.map(nameTokens),
      units: unitLexicon(), compounds: foldedCompounds(unitReading().compounds),
      actingColumns: [...(roles.task ?? []), ...(roles.lead ?? [])].map(nameTokens),
    };
  }
  return bodyReading;
}

/**
 * The other ministries a text names as acting, by name: each one named, unless right after a word that makes
 * it a partner or an addressee ("phối hợp với", "gửi"), or listed right after one that is ("với Bộ Công an,
 * Bộ Quốc phòng"). Brackets are asides ("CSDL dân cư (Bộ Công an)") and are left out.
 */
function bodiesNamedActing(text: string, r: BodyReading): string[] {
  const tokens = nameTokens(text.replace(/\([^()]*\)/g, ' , '));
  const acting: string[] = [];
  let previous: { end: number; party: boolean } | undefined;
  for (const m of findNamesInTokens(tokens, r.bodies)) {
    const listed = previous?.party === true && (previous.end === m.start || (previous.end === m.start - 1 && tokens[m.start - 1] === 'va'));
    const party = listed || r.partyBefore.some((w) => w.every((x, i) => tokens[m.start - w.length + i] === x));
    if (!party) acting.push(m.entry.name);
    previous = { end: m.end, party };
  }
  return acting;
}

/**
 * The other ministries a question asks about as the one acting ("Bộ Tài chính dự toán thu …"): none when it
 * also names the Ministry or one of its units, or asks about working together ("Bộ TT&TT và Bộ Công an phối
 * hợp …"), or names them only as partners or addressees ("báo cáo gửi Bộ KH&ĐT").
 */
export function bodiesAsked(question: Question): string[] {
  let bodies = askedBodiesCache.get(question);
  if (!bodies) {
    const r = readingOfBodies();
    const tokens = nameTokens(question.raw);
    const aboutMinistry = findNamesInTokens(tokens, [r.ministry]).length > 0
      || findNamesInTokens(tokens, r.units, true, r.compounds).length > 0
      || r.cooperation.some((w) => findWords(tokens, w) !== undefined);
    bodies = aboutMinistry ? [] : bodiesNamedActing(question.raw, r);
    askedBodiesCache.set(question, bodies);
  }
  return bodies;
}

/** The other ministries a passage names as acting: in a table row, in its task or lead cell only. */
export function bodiesActing(p: StoredPassage): Set<string> {
  let acting = actingCache.get(p);
  if (!acting) {
    const r = readingOfBodies();
    const texts = p.kind === 'row' && p.table
      ? p.table.cells.filter((_, i) => {
        const header = nameTokens(p.table!.columns[i] ?? '');
        return r.actingColumns.some((w) => w.every((x, k) => header[k] === x));
      })
      : [p.text];
    acting = new Set(texts.flatMap((t) => bodiesNamedActing(t, r)));
    actingCache.set(p, acting);
  }
  return acting;
}

/** A figure a question asks for in so many words ("bao nhiêu % dân số", "xếp thứ mấy", "nghị định số mấy"). */
export interface FigureAsk {
  /** How many or how much; a place in an order; a number naming a thing (a document's number answers too). */
  kind: 'amount' | 'ordinal' | 'identifier';
  /** Units of measure, folded as the documents write them ("%", "usd"), any of which an amount must be counted in; empty when any amount answers. */
  units: string[];
  /** Asked in a multiplier and no unit ("bao nhiêu tỷ"): the amount is at least that large ("45 tỷ đồng", not "03 năm"). */
  atLeast?: number;
  /** The measure asked, when a passage must name it to hold its figure ("lợi nhuận": a revenue is no profit), folded. */
  named?: string;
  /** The multiplier typed after the ask ("bao nhiêu nghìn DN": "nghin"), folded. */
  multiplier?: string;
  /** The word typed after the ask that names what is counted, when no unit of measure ("bao nhiêu giao dịch": "giao"), folded. */
  counted?: string;
  /** A share is asked ("tỷ lệ … bao nhiêu"): a passage holds it in "%" or names a share ("đạt tỷ lệ 1,22"). */
  share?: boolean;
}

interface FigureReading {
  amount: RegExp;
  ordinal: RegExp;
  identifier: RegExp;
  measures: Map<string, string[]>;
  /** Multipliers, folded, with their factors ("ty": 10⁹). */
  multipliers: Map<string, number>;
  /** Words that open with a unit but are other words ("đồng chí"), folded. */
  notUnits: Set<string>;
  /** A number that is no year, or an ordinal in words after "thứ" ("thứ năm"), folded. */
  ordinalInText: RegExp;
  /** Words naming a share ("tỷ lệ"), folded: of the figures answering an amount asked of one, those in '%' lead. */
  rates: RegExp;
  /** The same as typed with diacritics, for a question typed with them ("tăng" is no "tầng"). */
  ratesTyped: RegExp;
  /** Words naming a share ("tỷ lệ"), folded and as typed: a target question naming one asks its figure. */
  shares: RegExp;
  sharesTyped: RegExp;
  /** Nouns naming what an amount is counted in ("kinh phí": đồng, USD), longest first, each with its folded form. */
  measureNouns: Array<[RegExp, string[], string]>;
  /** Measure nouns a passage must name to hold their figure, folded. */
  namedMeasures: Set<string>;
}
let figureReading: FigureReading | undefined;
onLexiconForgotten(() => { figureReading = undefined; });

const foldedText = (s: string) => fold(normalize(s));

function readingOfFigures(): FigureReading {
  if (!figureReading) {
    const f = figureQuestions();
    const phrases = (list: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${longestFirst(list.map(foldedText))})(?![\\p{L}\\p{N}])`, 'u');
    // the same, as typed with diacritics, for a question typed with them ("tăng" is no "tầng")
    const typedPhrases = (list: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${longestFirst(list.map(normalize))})(?![\\p{L}\\p{N}])`, 'u');
    figureReading = {
      // the two words after the ask: a multiplier and a unit ("bao nhiêu tỷ USD"), or a unit of two words ("phần trăm")
      amount: new RegExp(`(?<![\\p{L}\\p{N}])(?:${longestFirst(f.amount.map(foldedText))}|(?:${longestFirst(f.amountBeforeUnit.map(foldedText))})(?=\\s*(?:%|(?:${longestFirst([...Object.keys(f.measures), ...figureUnits().multipliers.keys()].map(foldedText))})(?![\\p{L}\\p{N}]))))(?![\\p{L}\\p{N}])(?:\\s*(%|[a-z0-9]+))?(?:\\s+([a-z0-9]+))?(?:\\s+([a-z0-9]+))?`, 'u'),
      ordinal: phrases(f.ordinal),
      identifier: phrases(f.identifier),
      measures: new Map(Object.entries(f.measures).map(([k, v]) => [foldedText(k), v.map(foldedText)])),
      multipliers: new Map([...figureUnits().multipliers].map(([w, factor]) => [foldedText(w), factor])),
      notUnits: new Set(figureUnits().notUnits.map(foldedText)),
      rates: phrases(f.rates),
      ratesTyped: typedPhrases(f.rates),
      shares: phrases(f.shares),
      sharesTyped: typedPhrases(f.shares),
      measureNouns: Object.entries(f.measureNouns).sort(([a], [b]) => b.length - a.length).map(([noun, units]) => [phrases([noun]), units.map(foldedText), foldedText(noun)] as [RegExp, string[], string]),
      namedMeasures: new Set(f.namedMeasures.map(foldedText)),
      ordinalInText: new RegExp(`(?<![a-z0-9])(?:(?!(?:19|20)\\d\\d(?!\\d))\\d+|thu (?:${f.numberWords.map(foldedText).join('|')}))(?![a-z0-9])`, 'u'),
    };
  }
  return figureReading;
}

// A date is no amount nor a place in an order ("86/194" is one).
const DATE = /\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s*\/\s*(?:19|20)\d\d/g;
const askCache = new WeakMap<Question, FigureAsk[]>();

/**
 * The figures a question asks for, by the words of lexicon/figure-questions.json; none when it asks for
 * none in so many words ("mục tiêu … là gì"). An amount asked in a unit of measure ("bao nhiêu %", "bao
 * nhiêu tỷ USD" past its multiplier) must be counted in it; a thing counted ("bao nhiêu người") need not.
 */
export function figuresAsked(question: Question): FigureAsk[] {
  let asks = askCache.get(question);
  if (!asks) {
    const r = readingOfFigures();
    const text = question.foldedAsRead;
    asks = [];
    if (r.identifier.test(text)) asks.push({ kind: 'identifier', units: [] });
    if (r.ordinal.test(text)) asks.push({ kind: 'ordinal', units: [] });
    const m = r.amount.exec(text);
    if (m) {
      const words = m.slice(1).filter((w): w is string => w !== undefined);
      // a multiplier of one or two words ("tỷ", "nghìn tỷ")
      const written = [words.slice(0, 2).join(' '), words[0]].find((w) => w !== undefined && r.multipliers.has(w));
      const multiplier = written ? r.multipliers.get(written) : undefined;
      if (written) words.splice(0, written.split(' ').length);
      const two = words.slice(0, 2).join(' ');
      const unit = r.notUnits.has(two) ? undefined : [two, words[0]].find((w) => w && r.measures.has(w));
      // with no unit after the ask, a noun naming what is counted ("kinh phí … bao nhiêu"), unless a share is asked
      const rate = asksRate(question);
      const noun = rate ? undefined : r.measureNouns.find(([re]) => re.test(text));
      const units = unit ? r.measures.get(unit)! : noun ? noun[1] : [];
      // "bao nhiêu tỷ" with nothing it counts: an amount that large, however written ("2.356 tỷ đồng", "70.000.000")
      asks.push({
        kind: 'amount', units,
        ...(multiplier && units.length === 0 && !rate ? { atLeast: multiplier } : {}),
        ...(noun && r.namedMeasures.has(noun[2]) ? { named: noun[2] } : {}),
        ...(written ? { multiplier: written } : {}),
        ...(units.length === 0 && !rate && words[0] && !isFoldedFunctionWord(words[0]) && !isFoldedQuestionWord(words[0]) ? { counted: words[0] } : {}),
        ...(units.length === 0 && names(question, r.shares, r.sharesTyped) ? { share: true } : {}),
      });
    } else if (question.intent === 'target' && asks.length === 0 && names(question, r.shares, r.sharesTyped)) {
      // a target of a share, with no word asking how much ("tỷ lệ sách điện tử mục tiêu năm 2023?"), asks its figure
      asks.push({ kind: 'amount', units: [], share: true });
    }
    askCache.set(question, asks);
  }
  return asks;
}

/**
 * Whether a question's word says what the figures asked are counted in: the unit ("đồng", "usd"), the
 * multiplier typed after the ask ("bao nhiêu nghìn DN") and, with `named`, the measure a passage must name
 * ("lợi nhuận"). They say what is counted, not whose it is: no subject word. A word typed with diacritics
 * is one only as the lexicon writes it: the "động" of "di động" is no "đồng", the "ngân" of "ngân sách" no "ngàn".
 */
export function isMeasureWord(question: Question, opts: { named: boolean }): (t: Term) => boolean {
  // each folded word of what is asked, with the ways the lexicon writes it
  const forms = new Map<string, Set<string>>();
  const written = writtenMeasures();
  for (const a of figuresAsked(question)) {
    for (const phrase of [opts.named ? a.named ?? '' : '', ...a.units, a.multiplier ?? ''].filter(Boolean)) {
      for (const w of written.get(phrase) ?? [phrase]) {
        const words = normalize(w).split(/\s+/);
        words.forEach((x) => forms.set(fold(x), (forms.get(fold(x)) ?? new Set()).add(x)));
      }
    }
  }
  return (t) => forms.has(t.folded) && (t.accented === undefined || forms.get(t.folded)!.has(t.accented));
}

let measuresWritten: Map<string, string[]> | undefined;
onLexiconForgotten(() => { measuresWritten = undefined; });

/** The lexicon's units, multipliers and named measures by their folded form, each with its written forms. */
function writtenMeasures(): Map<string, string[]> {
  if (!measuresWritten) {
    const f = figureQuestions();
    measuresWritten = new Map();
    for (const p of [...Object.keys(f.measures), ...Object.values(f.measures).flat(), ...f.namedMeasures, ...figureUnits().multipliers.keys()]) {
      const key = foldedText(p);
      measuresWritten.set(key, [...(measuresWritten.get(key) ?? []), p]);
    }
  }
  return measuresWritten;
}

/**
 * Whether a question asks a share ("tỷ lệ … bao nhiêu"; lexicon/figure-questions.json 'rates'): of a
 * statement's figures, those in per cent answer it first (a share may also be a ratio: "đạt tỷ lệ 1,22").
 */
export function asksShare(question: Question): boolean {
  return figuresAsked(question).some((a) => a.kind === 'amount' && a.units.length === 0) && asksRate(question);
}

/** Whether a question names a share or a growth, read as typed when typed with diacritics ("tăng" is no "tầng"). */
function asksRate(question: Question): boolean {
  const r = readingOfFigures();
  return names(question, r.rates, r.ratesTyped);
}

/**
 * Whether a question holds one of a list's phrases: as typed when typed with diacritics, else folded; in a
 * question typed partly without them (a follow-up's words put into the last question: "ty le doanh thu …
 * theo báo cáo tổng kết"), its plain words are read folded too.
 */
function names(question: Question, folded: RegExp, typed: RegExp): boolean {
  if (!hasDiacritics(question.raw)) return folded.test(question.foldedAsRead);
  const raw = normalize(question.raw);
  if (typed.test(raw)) return true;
  // (an accented word stands apart: no phrase is read across it)
  const plain = raw.replace(/[\p{L}\p{N}]+/gu, (w) => (hasDiacritics(w) ? ' , ' : w));
  return plain !== raw && folded.test(fold(plain));
}

/** A passage's text as figures are read in it: a table row without its serial number ("65."). */
function figureText(p: StoredPassage): string {
  if (p.kind !== 'row' || !p.table) return p.text;
  return p.table.cells.filter((c, i) => !(i === 0 && SERIAL.test(c))).join('\t');
}

// A row's serial number in its first cell: "12.", "IV".
const SERIAL = /^\s*[\dIVX]+\.?\s*$/;

/**
 * Whether a passage holds a figure of the kind asked: an amount (a number that is no year, date or document
 * number, counted in the unit of measure asked when one is), a place in an order, or any number for an identifier.
 */
export function holdsFigure(ask: FigureAsk, p: StoredPassage): boolean {
  if (ask.named && !namesMeasure(ask.named, p)) return false;
  // a share is given in "%" or named so; a count of users is no share of them
  if (ask.share && !/%/.test(p.text) && !readingOfFigures().shares.test(foldedText(`${p.text} ${p.headingPath.at(-1) ?? ''} ${p.table?.columns.join(' ') ?? ''}`))) return false;
  return textHoldsFigure(ask, figureText(p));
}

const measurePatterns = new Map<string, RegExp>();

/** Whether a passage or its headings name a measure (folded, "loi nhuan"). */
function namesMeasure(measure: string, p: StoredPassage): boolean {
  let re = measurePatterns.get(measure);
  if (!re) measurePatterns.set(measure, (re = new RegExp(`(?<![a-z0-9])${escaped(measure)}(?![a-z0-9])`)));
  return re.test(foldedText(`${p.text} ${p.headingPath.join(' ')}`));
}

/**
 * The amount a subject names when it is only a noun naming what is counted ("kinh phí", "số tiền"): a
 * passage holding a figure counted so speaks of it, whatever its words ("với số tiền là 45 tỷ đồng").
 */
export function measureNamed(subject: string): FigureAsk | undefined {
  const text = foldedText(subject).trim();
  const noun = readingOfFigures().measureNouns.find(([re]) => text.replace(re, '').trim() === '');
  return noun ? { kind: 'amount', units: noun[1] } : undefined;
}

/** Whether a text holds a figure of the kind asked (see holdsFigure). */
export function textHoldsFigure(ask: FigureAsk, raw: string): boolean {
  if (ask.kind === 'identifier') return /\d/.test(raw);
  if (ask.kind === 'ordinal') return readingOfFigures().ordinalInText.test(foldedText(withoutCitations(raw).replace(DATE, ' ')));
  if (ask.atLeast) return findFigures(withoutCitations(raw), true).some((f) => reachesScale(f, ask.atLeast!));
  if (ask.units.length === 0) return findFigures(withoutCitations(raw), true).length > 0;
  // a unit glued to its number ("700Mbps") is no figure to findFigures: the folded text is read instead
  const text = foldedText(raw);
  return ask.units.some((u) => unitPattern(u).test(text));
}

/** Whether a figure as written ("100 nghìn doanh nghiệp") counts the thing asked (`counted`, folded: "doanh"). */
export function figureCounts(written: string, counted: string): boolean {
  const number = /\d[\d.,]*/u.exec(written);
  return number !== null && countedAfter(counted).test(foldedText(written.slice(number.index + number[0].length)));
}

const countedPatterns = new Map<string, RegExp>();
onLexiconForgotten(() => countedPatterns.clear());

/** What follows a figure counting a thing: a multiplier maybe ("270 nghìn"), then the folded word counted. */
function countedAfter(word: string): RegExp {
  let re = countedPatterns.get(word);
  if (!re) {
    const multipliers = longestFirst([...figureUnits().multipliers.keys()].map(foldedText));
    re = new RegExp(`^\\s*(?:(?:${multipliers})\\s+)?${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'u');
    countedPatterns.set(word, re);
  }
  return re;
}

const unitPatterns = new Map<string, RegExp>();
onLexiconForgotten(() => unitPatterns.clear());

/** A number counted in a unit (folded, "usd"), past a multiplier ("12 ty usd"): compiled once per unit (a reply reads it sentence by sentence). */
function unitPattern(unit: string): RegExp {
  let re = unitPatterns.get(unit);
  if (!re) {
    const multipliers = longestFirst([...readingOfFigures().multipliers.keys()]);
    unitPatterns.set(unit, (re = new RegExp(`(?<![a-z])\\d[\\d.,]*\\s*(?:(?:${multipliers})\\s+)?${escaped(unit)}(?![a-z0-9])`, 'u')));
  }
  return re;
}

/**
 * Whether a figure of the kind asked stands in one sentence with a word of the subject (`subject`: the
 * question's most specific words the passage's text holds, folded), or the passage's lead or its last two
 * headings hold one, or it opens on a name asked: a passage on the matter whose only figure counts another
 * ("100% … qua IPv6" beside "tên miền … cho toàn dân") gives no figure of it. A table row is one sentence.
 */
export function figureBesideSubject(
  ask: FigureAsk, p: StoredPassage, subject: string[],
  /** Names the question types as names ("VTVcab"), folded: a passage opening on one is about it. */
  names: string[] = [],
): boolean {
  if (subject.length === 0) return true;
  const says = (text: string) => { const words = new Set(foldedText(text).match(/[a-z0-9]+/g) ?? []); return subject.some((w) => words.has(w)); };
  const sentences = p.kind === 'row' ? [figureText(p)] : p.text.split(SENTENCE_END);
  // a figure under a lead or a heading naming the subject is the subject's ("Viettel" › "Kết quả hoạt động"),
  // and one in a passage opening on a name asked ("Trong năm 2021, Tổng Công ty … (VTVcab) …")
  const opening = new Set(foldedText(sentences[0] ?? '').match(/[a-z0-9]+/g) ?? []);
  if (says(p.lead ?? '') || says(p.headingPath.slice(-2).join(' ')) || names.some((n) => subject.includes(n) && opening.has(n))) return true;
  return sentences.some((s) => says(s) && textHoldsFigure(ask, s));
}

// Where a sentence ends: a full stop, a semicolon, an exclamation or question mark (not a decimal point), a line break.
const SENTENCE_END = /[.;!?](?=\s|$)|\n/u;

/**
 * Whether a passage gives an amount asked for one of the years asked: some amount of the unit asked (any,
 * without one) is for such a year, or for no year it names. An amount's year is the one written right after
 * or before it in its clause ("20% dân số vào năm 2024"), else those the passage's text speaks of, else those
 * of its heading ("Nhiệm vụ trọng tâm năm 2023"): a figure set for other years is no answer.
 */
export function givesFigureFor(ask: FigureAsk, p: StoredPassage, years: number[]): boolean {
  if (ask.kind !== 'amount' || years.length === 0) return true;
  // in a table row, a cell's figure is for the years of its column's header ("Mục tiêu 2021"), or for none
  if (p.kind === 'row' && p.table) {
    return p.table.cells.some((c, i) => !(i === 0 && SERIAL.test(c)) && figureForYears(ask, withoutCitations(c), years, yearsIn(p.table!.columns[i] ?? '')));
  }
  const raw = withoutCitations(p.text);
  const context = ownYears(raw);
  // a heading's period ("Định hướng giai đoạn 2024 - 2025") sets its figures for the period's last year
  const heading = yearsIn(p.headingPath.at(-1) ?? '');
  return figureForYears(ask, raw, years, context.length ? context : heading.length ? [Math.max(...heading)] : []);
}

/**
 * Whether a text gives an amount asked for one of `years` (any year, when none): some amount of the unit asked,
 * followed by the word `counted` when given, is for such a year (the one written right after or before it in its
 * clause), or for `fallback`'s years when its clause names none.
 */
function figureForYears(ask: FigureAsk, text: string, years: number[], fallback: number[], counted?: string): boolean {
  const inUnit = (f: Figure) => (ask.atLeast === undefined || reachesScale(f, ask.atLeast))
    && (ask.units.length === 0 || ask.units.some((u) => foldedText(f.written).includes(u)));
  // (the noun a figure counts is read with it, "270 nghìn giao dịch"; else it follows)
  const counts = (clause: string, f: Figure) => counted === undefined || foldedText(f.noun ?? '').split(' ')[0] === counted
    || countedAfter(counted).test(foldedText(clause.slice(f.end)));
  // a figure with no year of its own is for the years of its sentence ("… Doanh thu năm tài chính 2022 …; Lợi
  // nhuận … là 23 triệu USD"), else for `fallback`'s
  return text.split(FULL_STOP).some((sentence) => {
    const sentenceYears = ownYears(sentence);
    return sentence.split(CLAUSE_END).some((clause) => findFigures(clause, true).filter((f) => inUnit(f) && counts(clause, f)).some((f) => {
      const own = yearAfter(clause, f.end) ?? yearBefore(clause, f.start);
      const of = own !== undefined ? [own] : sentenceYears.length ? sentenceYears : fallback;
      return years.length === 0 || of.length === 0 || of.some((y) => years.includes(y));
    }));
  });
}

/** Whether a figure is counted in a multiplier asked ("bao nhiêu tỷ") or is as large: "0,5 tỷ đồng", "1.200.000.000". */
function reachesScale(f: Figure, atLeast: number): boolean {
  return f.scale >= atLeast || f.high * f.scale >= atLeast;
}

// Where a sentence ends for the years of its figures: a full stop (not a decimal point), a line break; not a semicolon.
const FULL_STOP = /\.(?=\s|$)|\n/u;

// Where a clause ends: a semicolon, a full stop (not a decimal point), a line break.
const CLAUSE_END = /;|\.(?=\s|$)|\n/u;

type Province = ReturnType<typeof provinces>[number];
// "năm" (year) folded, and a year after it
const YEAR_WORD = 'nam';
const YEAR_NUMBER = /^(?:19|20)\d\d$/;
const placesCache = new WeakMap<Question, Province[]>();

/**
 * The provinces a question names (lexicon/provinces.json), typed in any case, with or without diacritics;
 * typed with diacritics, only as the name is written ("đa năng" is no Đà Nẵng); a name that is also an
 * everyday word ("hòa bình") only when capitalised.
 */
export function placesAsked(question: Question): Province[] {
  let places = placesCache.get(question);
  if (!places) {
    const tokens = nameTokens(question.raw);
    const typed = typedTokens(question.raw);
    const capitalised = new Set(properPairsIn(question.raw));
    const written = (entry: Province) => [entry.name, ...entry.spellings].map((w) => normalize(w).replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    const list = provinces();
    const heads = provinceHeads().map(nameTokens);
    places = findNamesInTokens(tokens, list).map((m) => ({ ...m, entry: m.entry as Province })).filter((m) => {
      const as = typed.slice(m.start, m.end).join(' ');
      if (hasDiacritics(as) && !written(m.entry).includes(as)) return false;
      const asCapitalised = capitalised.has(tokens.slice(m.start, m.end).join('_'));
      // "cap quang nam 2021": typed plainly after a word that is no place's head, "nam" before a year is "năm"
      // (the year), not the end of Quảng Nam ("so tttt quang nam 2021" is the province)
      const headed = m.start === 0 || heads.some((h) => h.every((w, i) => tokens[m.start - h.length + i] === w));
      if (!hasDiacritics(as) && !asCapitalised && !headed && tokens[m.end - 1] === YEAR_WORD && YEAR_NUMBER.test(tokens[m.end] ?? '')) return false;
      return !m.entry.word || asCapitalised;
    }).map((m) => m.entry);
    placesCache.set(question, places);
  }
  return places;
}

const placeWordsOf = new WeakMap<StoredPassage, string[]>();

let atPlace: RegExp | undefined;
onLexiconForgotten(() => { atPlace = undefined; });

/**
 * Whether a passage says where something is or happens: it names a province, or a capitalised name after a
 * word like "tại" ("tại Trung tâm Hội nghị Quốc gia"). A question asking where is not answered by one that does not.
 */
export function saysPlace(p: StoredPassage): boolean {
  atPlace ??= new RegExp(`(?:^|[^\\p{L}])(?:${placeWords().map((w) => escaped(w)).join('|')})\\s+\\p{Lu}`, 'u');
  return atPlace.test(p.text) || namesPlace(p, plainlyNamedProvinces());
}

/** Whether a passage, in its text or its headings ("36. Sở TT&TT Lâm Đồng"), names one of the provinces. */
export function namesPlace(p: StoredPassage, places: Province[]): boolean {
  let tokens = placeWordsOf.get(p);
  if (!tokens) {
    tokens = nameTokens(`${searchableText(p)}. ${contextText(p)}`);
    placeWordsOf.set(p, tokens);
  }
  return findNamesInTokens(tokens, places).length > 0;
}

/** Whether a text names one of the provinces. */
export function textNamesPlace(text: string, places: Province[]): boolean {
  return findNamesInTokens(nameTokens(text), places).length > 0;
}
