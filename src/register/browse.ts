/**
 * Questions that ask for a list, read into a request the register answers row by row: tasks due in a
 * period ("việc gì hạn Quý IV/2021", "nhung viec phai xong truoc cuoi thang 10/2021"), what a unit leads
 * ("Cục VT chủ trì những việc gì"), a sector's priorities for a year ("lĩnh vực bưu chính năm 2021 có
 * những nhiệm vụ gì"), targets on a topic ("/chitieu 5G"). Commands build the same requests directly.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import type { Passage } from '../ingest/parse.js';
import { documentKinds, followUpWords, plainlyNamedProvinces, unitReading } from '../lexicon.js';
import { clauses, escapeRegExp, fold, normalize, yearsIn } from '../text/analyzer.js';
import { isFoldedFunctionWord, isFoldedQuestionWord } from '../search/understand.js';
import { monthsRange, readPeriod, yearOf, type DateRange, type Period, type PeriodWords } from './dates.js';
import { findDocumentMention } from './mentions.js';
import { findNames, findNamesInTokens, findWords, nameTokens, stripPhrases } from './names.js';
import { bySoonest, type RegisterIndex } from './query.js';
import type { LeadOrDue } from '../search/answerability.js';
import { bracketSpans, holds, narrows, QuestionReader, tokensOf, without, type Reading, type Subject } from './reading.js';
import type { SectorSection, Target, Task } from './types.js';

// A topic alone is a few words: "5G", "chuyển đổi số", "trò chơi điện tử"; a longer question says what it asks.
const TOPIC_WORDS = 4;
// The summed IDF of a topic's words: "5G" 3.8, "GovTech" 7.1, "cáp quang" 4.4 are topics; "giá điện" 2.7,
// "hiểu" 2.1, "số" 0.5 are words every other passage holds, and a list of them answers nothing.
const TOPIC_MIN_WEIGHT = 3.5;

/** What a list question asks for. */
export type BrowseRequest = (
  | { kind: 'due'; period: Period; unit?: string; sector?: string; subject: Subject }
  | { kind: 'unit'; unit: string; year?: number; subject: Subject; targetsOnly?: boolean }
  | { kind: 'sector'; sectors: string[]; year?: number }
  | { kind: 'targets'; subject: Subject; sector?: string; years?: number[] }
  | { kind: 'tasks'; subject: Subject; unit?: string; year?: number }
  | { kind: 'overview'; subject: Subject; year?: number }
  | { kind: 'invalid'; message: string }
) & {
  /** The documents the question names ("theo Chỉ thị 01/CT-BTTTT năm 2021"): the list holds their rows only. */
  docs?: string[];
};

/**
 * A normalised (lower-case) text with the words the user typed with two capitals or more as typed: "GCI",
 * "MobiFone" are names to the search, "gci" is not.
 */
function withCapitalsOf(typed: string, text: string): string {
  const capitalised = new Map<string, string>();
  for (const w of typed.normalize('NFC').match(/[\p{L}\p{N}&]+/gu) ?? []) {
    if ((w.match(/\p{Lu}/gu) ?? []).length >= 2 && !capitalised.has(normalize(w))) capitalised.set(normalize(w), w);
  }
  return text.replace(/[\p{L}\p{N}&]+/gu, (w) => capitalised.get(w) ?? w);
}

/** The commands that list from the register. */
export type ListCommand = 'hanchot' | 'donvi' | 'linhvuc' | 'chitieu';

/** One row of a list: a task, a target, or an item of a section's list. */
export type ListRow =
  | { kind: 'task'; task: Task }
  | { kind: 'target'; target: Target }
  | { kind: 'item'; passage: Passage; lineEnd: number; text: string };

/** A list answer: rows in groups, in the order shown, with a title that says how many. */
export interface Listing {
  title: string;
  groups: Array<{ title?: string; rows: ListRow[] }>;
  /** Short remarks shown after the list (tasks dated more loosely, a guessed year, other years available). */
  notes: string[];
  /** Shown instead of rows when the list is empty. */
  empty?: string;
}

/** How a period is said after "hạn": "trong Quý IV/2021", "ngày 30/11/2021", "đến hết tháng 10/2021". */
function periodPhrase(p: Period): string {
  if (p.mode === 'by') return `đến hết ${p.label}`;
  if (p.mode === 'before') return `trước ${p.label}`;
  // "ngày 30/11/2021", "cuối năm 2021 (Quý IV/2021)" read on their own; others after "trong"
  return /^(?:ngày|cuối|đầu) /u.test(p.label) ? p.label : `trong ${p.label}`;
}

/** The year a task is for: its deadline's, or, undated, its document's. */
function taskYear(t: Task, documents: Map<string, CatalogEntry>): number | undefined {
  const iso = t.deadline.range?.to ?? documents.get(t.doc)?.date;
  return iso ? yearOf(iso) : undefined;
}

/** How many units `unitsNamed` reads in one text at most: a task row names a lead and a few partners. */
const MAX_UNITS_NAMED = 8;

/** How many words past its kind an unknown unit's name is shown with at most ("Cục Trí tuệ nhân tạo"). */
const MAX_NAME_WORDS = 5;

/** Reads list questions and answers them from the register. */
export class Browser {
  private readonly reader: QuestionReader;
  /** Browsers over some documents' rows only, by their names joined. */
  private readonly scoped = new Map<string, Browser>();
  private readonly periodWords: PeriodWords;
  /** Every unit's name and spellings as folded words. */
  private readonly unitSpellings: string[][];
  /** The asks of who takes part, folded, but the bare verb ("phối hợp"), which names tasks too. */
  private readonly cooperatingAsks = followUpWords().asks.cooperating.map(nameTokens).filter((w) => w.length > 2);

  constructor(
    private readonly index: RegisterIndex,
    private readonly documents: Map<string, CatalogEntry>,
    private readonly passages: Passage[],
    private readonly vocabulary: Map<string, number>,
    private readonly reading: Reading,
    /** Maps a folded word the documents never use to the one it is a typo of. */
    private readonly correct?: (folded: string) => string,
  ) {
    this.reader = new QuestionReader(reading, index.register.units, index.aliases, vocabulary, passages.length, correct, (a, b) => pairsWrittenIn(passages).has(`${a} ${b}`));
    this.unitSpellings = index.register.units.flatMap((u) => [u.name, ...u.spellings, ...(u.alone ?? [])].map(nameTokens)).filter((w) => w.length > 0);
    const joined = (phrases: string[][]) => phrases.map((w) => w.join(' '));
    this.periodWords = { by: joined(reading.cues.by), before: joined(reading.cues.before), numbered: joined(reading.cues.numbered) };
  }

  /** Words that open or close a chat question and ask nothing ("còn", "thì sao", "nhỉ"), folded: a topic may stand with them. */
  private readonly topicClosers = (({ openers, closers }) => [...openers, ...closers])(followUpWords())
    .map(nameTokens).filter((w) => w.length > 0).sort((a, b) => b.length - a.length);

  /** The year a quarter or month typed without one most likely means: the year with most tasks due then. */
  private guessYear = (rangeOf: (y: number) => DateRange): number | undefined => {
    const counts = new Map<number, number>();
    for (const t of this.index.register.tasks) {
      if (t.kind !== 'task' || !t.deadline.range || t.deadline.precision === 'year') continue;
      const y = yearOf(t.deadline.range.from);
      const r = rangeOf(y);
      if (t.deadline.range.from >= r.from && t.deadline.range.to <= r.to) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  };

  /** The canonical unit a text names, if any. */
  findUnit(text: string): string | undefined {
    return this.reader.findUnit(nameTokens(text))?.unit;
  }

  /**
   * A unit a question names that the documents do not know: a unit's kind typed as a name, then a capitalised
   * word ("Cục Trí tuệ nhân tạo", "Cục Dữ liệu quốc gia") that is no unit of ours and that the documents never
   * write after the kind. Its words as typed, while they make phrases the documents use and are no function or
   * question word.
   */
  unknownUnit(question: string): string | undefined {
    const knownPair = (pair: string) => this.vocabulary.has(pair);
    this.unitNamePattern ??= new RegExp(`(?<![\\p{L}\\p{N}])(?:${unitReading().kinds.map((k) => escapeRegExp(k[0].toUpperCase() + k.slice(1))).join('|')})\\s+\\p{Lu}`, 'gu');
    const text = question.normalize('NFC');
    const found = [...text.matchAll(this.unitNamePattern)];
    for (const [k, m] of found.entries()) {
      const words = text.slice(m.index).split(/[\s,.;:?!()]+/u).filter(Boolean);
      const kind = nameTokens(m[0]).length - 1;
      const typed = nameTokens(words.slice(0, kind + 1).join(' '));
      // (a unit of ours named here, before the next unit named: "Cục Năng lượng số và Cục Viễn thông")
      if (this.findUnit(text.slice(m.index, found[k + 1]?.index ?? text.length)) !== undefined || knownPair(`${typed[kind - 1]}_${typed[kind]}`)) continue;
      const rest = words.slice(kind + 1, kind + 1 + MAX_NAME_WORDS);
      // (the name goes on while its words make phrases the documents use: "trí tuệ nhân tạo", not "tạo chủ trì")
      const folded = words.map((w) => fold(normalize(w)).toLowerCase());
      // (a capitalised word goes on the name: "Đảng" is no "đang")
      const stop = rest.findIndex((w, i) => {
        const [before, word] = [folded[kind + i], folded[kind + 1 + i]];
        return !/^\p{Lu}/u.test(w) && (isFoldedFunctionWord(word) || isFoldedQuestionWord(word) || !knownPair(`${before}_${word}`));
      });
      return [...words.slice(0, kind + 1), ...(stop < 0 ? rest : rest.slice(0, stop))].join(' ');
    }
    return undefined;
  }

  private unitNamePattern?: RegExp;

  /** The register's tasks whose rows lie in a passage's lines. */
  tasksIn(p: { doc: string; lineStart: number; lineEnd: number }): Task[] {
    return this.index.tasksIn(p);
  }

  /** The units a text names as ones that act, in order, up to the first named after "phối hợp với"; a few at most. */
  unitsNamed(text: string): string[] {
    let tokens = nameTokens(text);
    const out: string[] = [];
    // (a passage names few units; the bound keeps a long one cheap)
    for (let i = 0; i < MAX_UNITS_NAMED; i++) {
      const found = this.reader.findUnit(tokens);
      if (!found) break;
      out.push(found.unit);
      tokens = tokens.map((t, k) => (k >= found.start && k < found.end ? '\u0000' : t));
    }
    return out;
  }

  /** The unit folded words name and the spans naming it, if any. */
  unitIn = (tokens: string[]): { name: string; spans: Array<[number, number]> } | undefined => {
    const found = this.reader.namedUnit(tokens);
    return found && { name: found.unit, spans: found.spans };
  };

  /**
   * The documents a question names, how many times it names one ("ở chỉ thị 2023 và báo cáo tổng kết 2021"
   * names two), and the question without the words naming them, if it names any.
   */
  documentsNamed(question: string): { docs: Set<string>; mentions: number; rest: string } | undefined {
    const tokens = nameTokens(question);
    const docs = new Set<string>();
    const named: string[][] = [];
    const taken: Array<[number, number]> = [];
    for (let mention = this.documentIn(tokens); mention; mention = this.documentIn(tokens, taken)) {
      taken.push(mention.span);
      // named by its number, its year or "theo …": a kind alone opening a question is what it asks about
      // ("Chỉ thị về đẩy mạnh Chính phủ số dự kiến trình khi nào")
      const [a, b] = mention.span;
      const words = tokens.slice(a, b);
      const before = this.reading.documentWords.before.some((w) => w.every((x, i) => words[i] === x));
      if (!before && !words.some((w) => /\d/.test(w))) continue;
      mention.docs.forEach((d) => docs.add(d));
      // the word joining it to the document named before it goes with it ("… và báo cáo tổng kết 2021")
      const joining = this.reading.documentWords.joined.find((j) => taken.some(([, y]) => y + j.length === a) && j.every((x, i) => tokens[a - j.length + i] === x));
      named.push(tokens.slice(a - (joining?.length ?? 0), b));
    }
    if (!named.length) return undefined;
    // stripped from the normalised text, whose words are the ones the mention was found in ("quý 1 năm 2023")
    const rest = withCapitalsOf(question, stripPhrases(normalize(question), named));
    return /[\p{L}\p{N}]/u.test(rest) ? { docs, mentions: named.length, rest } : undefined;
  }

  /** The documents folded words name ("chi thi nam 2021") outside `taken`, and the span naming them, if any. */
  documentIn = (tokens: string[], taken: Array<[number, number]> = []): { docs: string[]; span: [number, number] } | undefined => {
    // a unit's name is no document's: "Vụ BC năm 2021"
    const units = this.reader.namedUnit(tokens)?.spans ?? [];
    const mention = findDocumentMention(tokens, [...this.documents.values()], this.reading.documentWords, [...units, ...taken], taken);
    return mention && { docs: mention.docs, span: [mention.start, mention.end] };
  };

  /**
   * The province the folded words name and the spans naming it, if any (lexicon/provinces.json); a name
   * that is also an everyday word ("hòa bình") is left out, as case is not seen here.
   */
  placeIn = (tokens: string[]): { name: string; spans: Array<[number, number]> } | undefined => {
    const found = findNamesInTokens(tokens, plainlyNamedProvinces());
    return found.length ? { name: found[0].entry.name, spans: found.filter((m) => m.entry === found[0].entry).map((m) => [m.start, m.end]) } : undefined;
  };

  /** The sectors folded words name and the spans naming them, if any. */
  sectorsIn = (tokens: string[]): { names: string[]; spans: Array<[number, number]> } | undefined => {
    const found = this.reader.findSectors(tokens);
    return found && { names: found.sectors, spans: found.spans };
  };

  /**
   * Whether a question asks who leads a task ("chủ trì", "phụ trách", "giao cho"), when it is due ("hạn",
   * "bao giờ phải xong") or who takes part beside the lead ("phối hợp với ai"), as opposed to who or when in general.
   */
  asksLeadOrDue(question: string): LeadOrDue | undefined {
    const tokens = nameTokens(question);
    // "… do Cục Báo chí chủ trì, phối hợp với đơn vị nào": who takes part is asked, not who leads; "phối hợp"
    // alone names a task ("chủ trì phối hợp với UBND các tỉnh …"), a word asking who beside it asks
    if (this.reader.has(tokens, this.cooperatingAsks)) return 'cooperating';
    if (this.reader.has(tokens, this.reading.cues.lead)) return 'unit';
    return this.reader.has(tokens, this.reading.cues.due) ? 'deadline' : undefined;
  }

  /**
   * Whether a passage's words (folded, a set) hold every word of some unit's name or spelling: whether it
   * names a unit of the Ministry (word order aside, which a set does not keep).
   */
  namesUnitIn = (words: Set<string>): boolean => this.unitSpellings.some((spelling) => spelling.every((w) => words.has(w)));

  /**
   * When a question asks what each document says ("các văn bản nói gì", "so sánh", "khác nhau"), the words
   * that say so (folded), which are no part of the indicator asked about, and the question without them,
   * as typed; undefined otherwise.
   */
  comparisonWords(question: string): { words: Set<string>; rest: string } | undefined {
    const tokens = nameTokens(question);
    const found = this.reading.cues.compare.filter((words) => this.reader.has(tokens, [words]));
    // and the documents spoken of as a whole ("ở các chỉ thị và báo cáo", "mỗi văn bản"): no subject either
    return found.length ? { words: new Set(found.flat()), rest: stripPhrases(question, [...found, ...this.documentsAsWhole(tokens)]) } : undefined;
  }

  /** The phrases of a question speaking of the documents as a whole ("các chỉ thị và báo cáo", "mỗi VB"), folded. */
  private documentsAsWhole(tokens: string[]): string[][] {
    const { kinds, joined, generic } = documentKinds();
    const words = [...Object.values(kinds).flat(), ...generic.words].map(nameTokens).sort((a, b) => b.length - a.length);
    const quantifiers = generic.quantifiers.map(nameTokens);
    const joins = joined.map(nameTokens);
    const at = (list: string[][], i: number) => list.find((w) => w.every((x, k) => tokens[i + k] === x));
    const phrases: string[][] = [];
    for (let i = 0; i < tokens.length; i++) {
      const q = at(quantifiers, i);
      const first = q && at(words, i + q.length);
      if (!q || !first) continue;
      let end = i + q.length + first.length;
      // "các chỉ thị và báo cáo": kinds joined after the first
      for (;;) {
        const join = at(joins, end);
        const kind = join && at(words, end + join.length);
        if (!join || !kind) break;
        end += join.length + kind.length;
      }
      phrases.push(tokens.slice(i, end));
      i = end - 1;
    }
    return phrases;
  }

  /** The sectors a question names ("tăng trưởng doanh thu viễn thông": Viễn thông). */
  sectorsNamed(question: string): string[] {
    return this.reader.findSectors(nameTokens(question))?.sectors ?? [];
  }

  /** The words of a question that shape it rather than name what it is about ("mục tiêu", "đạt", "những việc", "ghi"), folded. */
  shapeWords(question: string): Set<string> {
    const tokens = nameTokens(question);
    const cues = this.reading.cues;
    return new Set([...cues.target, ...cues.task, ...cues.list, ...cues.compare].filter((words) => this.reader.has(tokens, [words])).flat());
  }

  /**
   * Reads a free-text question as a list request, or returns undefined when it asks for one fact
   * (a subject named and no list wanted).
   */
  read(asked: string): BrowseRequest | undefined {
    const { text, docs } = this.withoutDocuments(this.withoutInclusions(asked));
    const request = this.readRequest(text);
    return request && docs && request.kind !== 'invalid' ? { ...request, docs } : request;
  }

  /**
   * A topic alone ("5G", "5g thì sao", "chuyển đổi số", "cds 2021"): a sector's list when it names a
   * sector, else an overview of the targets and tasks on it. Undefined when the question says more
   * than a topic (what it asks, a unit, a period, more than a few words).
   */
  topic(question: string): BrowseRequest | undefined {
    const years = yearsIn(question);
    if (years.length > 1 || readPeriod(question, this.periodWords, this.guessYear)) return undefined;
    const text = question.replace(/(?<!\d)(?:19|20)\d\d(?!\d)/g, ' ');
    const all = tokensOf(text);
    const closers = this.topicClosers.flatMap((w) => { const at = findWords(all.folded, w); return at ? [at] : []; });
    const tokens = without(all, closers);
    if (tokens.folded.length === 0 || tokens.folded.length > TOPIC_WORDS) return undefined;
    if (this.reader.namedUnit(tokens.folded) || this.reader.has(tokens.folded, this.reading.cues.stop)) return undefined;
    const named = this.reader.findSectors(tokens.folded);
    if (named && without(tokens, named.spans).folded.length === 0) return { kind: 'sector', sectors: named.sectors, year: years[0] };
    // every word one the documents use (a word they lack, "xổ", is not dropped to leave "số"), and
    // together specific enough to be a topic: "5G" (3.8) is, "giá điện" (1.4 + 1.3) or "hiểu" (2.1) is not
    if (tokens.folded.some((t) => !this.vocabulary.has(t) && this.correct?.(t) === t)) return undefined;
    const subject = this.reader.subjectOf(tokens, text);
    const weight = (subject.weights ?? []).reduce((a, b) => a + b, 0);
    return narrows(subject) && weight >= TOPIC_MIN_WEIGHT ? { kind: 'overview', subject, year: years[0] } : undefined;
  }

  /** `read` once what a question includes anyway and the documents it names are set aside. */
  private readRequest(question: string): BrowseRequest | undefined {
    const r = this.reader;
    const cues = this.reading.cues;
    const found = readPeriod(question, this.periodWords, this.guessYear);
    if (found && 'invalid' in found) return { kind: 'invalid', message: found.invalid };
    const text = found ? stripPhrases(question, [found.words]) : question;
    let tokens = tokensOf(text);
    const years = yearsIn(text);
    const unit = r.namedUnit(tokens.folded);
    if (unit) tokens = without(tokens, unit.spans);
    // a sector named only in brackets names an example of the subject ("xếp hạng quốc tế (UPU, IDI, chính phủ
    // điện tử)"), not the list's sector; brackets naming the sector named before them restate it ("mảng báo
    // chí (quản lý báo chí)") and narrow nothing
    const brackets = bracketSpans(tokens);
    const sectors = r.findSectors(tokens.folded);
    const inside = (span: [number, number]) => brackets.find(([a, b]) => a <= span[0] && span[1] <= b);
    const named = sectors?.spans.every(inside) ? undefined : sectors;
    const sectorsIn = (spans: Array<[number, number]>) => new Set(spans.flatMap(([a, b]) => r.findSectors(tokens.folded.slice(a, b))?.sectors ?? []));
    const outside = sectorsIn(named?.spans.filter((s) => !inside(s)) ?? []);
    const restating = brackets.filter((b) => {
      const within = [...sectorsIn(named?.spans.filter((s) => inside(s) === b) ?? [])];
      return within.length > 0 && within.every((x) => outside.has(x));
    });
    const wantsList = r.has(tokens.folded, cues.list);
    const sectorCue = r.has(tokens.folded, cues.sector);
    const targetCue = r.has(tokens.folded, cues.target);
    const dueCue = r.has(tokens.folded, cues.due);
    // nothing a list is asked by: no period, unit, sector, target word or year falling due (most questions)
    if (!found && !unit && !named && !targetCue && !(dueCue && years.length === 1)) return undefined;
    const nameWords = new Set([...(unit ? this.unitNames(unit.unit) : []), ...(named ? this.sectorNames(named.sectors) : [])].flatMap(nameTokens));
    const subject = r.subjectOf(named ? without(tokens, [...named.spans, ...restating]) : tokens, question, nameWords);
    const plain = !narrows(subject);
    const year = years.at(-1);

    if (found) {
      // "báo chí 6 tháng cuối năm 2020": a sector's plans for a period, unless what falls due then is asked
      if (named && !unit && !dueCue && plain && (sectorCue || wantsList)) return { kind: 'sector', sectors: named.sectors, year: yearOf(found.period.range.to) };
      if (!plain && !wantsList) return undefined;
      return { kind: 'due', period: found.period, unit: unit?.unit, sector: named?.sectors[0], subject };
    }
    // "việc gì hạn năm 2021", "những đề án trình Thủ tướng năm 2022": a year is the period of what falls due
    if (years.length === 1 && !unit && !named && dueCue && (wantsList || plain)) {
      const y = years[0];
      const period: Period = { range: monthsRange(y, 1, 12), precision: 'year', label: `năm ${y}`, mode: 'within', yearGuessed: false };
      return { kind: 'due', period, subject };
    }
    // a unit's list holds its targets too: "Cục VT chủ trì những nhiệm vụ, chỉ tiêu nào"; its targets alone
    // when only they are asked ("Cục PTTH chủ trì những chỉ tiêu nào": who leads is no task asked)
    if (unit && (wantsList || (plain && !targetCue))) {
      const targetsOnly = targetCue && !r.has(tokensOf(stripPhrases(text, cues.lead)).folded, cues.task);
      return { kind: 'unit', unit: unit.unit, year, subject, ...(targetsOnly ? { targetsOnly } : {}) };
    }
    // "nhiệm vụ bưu chính năm 2021": a sector's tasks, unless who leads one or when it is due is asked
    const sectorTasks = r.has(tokens.folded, cues.task) && !r.has(tokens.folded, cues.lead) && !dueCue;
    // "nhiệm vụ, chỉ tiêu gì": the sector's list holds both
    const onlyTargets = targetCue && !r.has(tokens.folded, cues.task);
    if (named && (sectorCue || wantsList || sectorTasks) && !onlyTargets && plain) return { kind: 'sector', sectors: named.sectors, year };
    // "các chỉ tiêu …"; with no subject there is no one target to pick: "chỉ tiêu năm 2023" lists them
    if (targetCue && (wantsList || plain)) return { kind: 'targets', subject, sector: named?.sectors[0], ...yearsOfTargets(this.documentsNamed(text)?.rest ?? text) };
    return undefined;
  }

  /**
   * The question without what it says a list includes anyway: "(tính cả tần số, Internet)" narrows nothing.
   * Opening the question ("Kể cả phụ lục, …"), the inclusion ends at the first comma; nothing left, nothing goes.
   */
  private withoutInclusions(question: string): string {
    const including = this.reading.cues.including;
    const tokens = nameTokens(question);
    if (including.some((w) => w.every((x, i) => tokens[i] === x))) {
      const comma = question.indexOf(',');
      return comma >= 0 && /[\p{L}\p{N}]/u.test(question.slice(comma + 1)) ? question.slice(comma + 1).trim() : question;
    }
    const rest = stripPhrases(question, including, true);
    return /[\p{L}\p{N}]/u.test(rest) ? rest : question;
  }

  /** The question without the words that name documents ("theo Chỉ thị 01/CT-BTTTT năm 2021"), and those documents. */
  private withoutDocuments(question: string): { text: string; docs?: string[] } {
    const tokens = nameTokens(question);
    const mention = this.documentIn(tokens);
    if (!mention) return { text: question };
    return { text: stripPhrases(question, [tokens.slice(...mention.span)]), docs: mention.docs };
  }

  /** A unit's name and spellings. */
  private unitNames(unit: string): string[] {
    const u = this.index.register.units.find((x) => x.name === unit);
    return u ? [u.name, ...u.spellings] : [unit];
  }

  /** The sectors' names and spellings. */
  private sectorNames(sectors: string[]): string[] {
    return this.reading.sectors.filter((x) => sectors.includes(x.name)).flatMap((x) => [x.name, ...x.spellings]);
  }

  /** The request a command's argument makes, or a message saying what was not understood. */
  command(name: ListCommand, typed: string): BrowseRequest | { error: string } {
    const { text, docs } = this.withoutDocuments(this.withoutInclusions(typed));
    const request = this.commandRequest(name, text, typed, docs !== undefined);
    return docs && 'kind' in request && request.kind !== 'invalid' ? { ...request, docs } : request;
  }

  /**
   * `command` once what the argument includes anyway and the documents it names are set aside; `scoped`
   * when it names a document, which is enough to list ("/chitieu theo chỉ thị 2023").
   */
  private commandRequest(name: ListCommand, arg: string, typed: string, scoped: boolean): BrowseRequest | { error: string } {
    const r = this.reader;
    const all = tokensOf(arg);
    const year = yearsIn(arg).at(-1);
    switch (name) {
      case 'hanchot': {
        const found = readPeriod(arg, this.periodWords, this.guessYear);
        if (found && 'invalid' in found) return { kind: 'invalid', message: found.invalid };
        const text = found ? stripPhrases(arg, [found.words]) : arg;
        let tokens = tokensOf(text);
        const unit = r.namedUnit(tokens.folded);
        if (unit) tokens = without(tokens, unit.spans);
        const subject = r.subjectOf(tokens, arg);
        if (found) return { kind: 'due', period: found.period, unit: unit?.unit, subject };
        if (!unit && !year && !scoped && !narrows(subject)) return { error: `Tôi không hiểu "${typed}". Gõ /hanchot kèm kỳ hạn (Quý IV/2021, tháng 6/2021) hoặc tên việc (cổng GovTech).` };
        return { kind: 'tasks', subject, unit: unit?.unit, year };
      }
      case 'donvi': {
        const named = r.namedUnit(all.folded);
        const candidates = named ? [named] : r.unitsWithoutKind(all.folded).map((u) => ({ unit: u.unit, spans: [[u.start, u.end] as [number, number]] }));
        if (candidates.length === 0) {
          return { error: `Tôi không nhận ra đơn vị "${typed}". Bạn thử tên đầy đủ hoặc viết tắt, ví dụ: /donvi Cục Viễn thông, /donvi Cục THH, /donvi Vụ KHTC.` };
        }
        if (candidates.length > 1) return { error: `"${typed}" có thể là: ${candidates.map((c) => c.unit).join('; ')}. Bạn gõ rõ hơn nhé.` };
        const [unit] = candidates;
        return { kind: 'unit', unit: unit.unit, year, subject: r.subjectOf(without(all, unit.spans), arg) };
      }
      case 'linhvuc': {
        const named = r.findSectors(all.folded);
        if (!named) return { error: `Tôi không nhận ra lĩnh vực "${typed}".` };
        return { kind: 'sector', sectors: named.sectors, year };
      }
      case 'chitieu': {
        const named = r.findSectors(all.folded);
        const subject = r.subjectOf(named ? without(all, named.spans) : all, arg);
        if (!named && !year && !scoped && !narrows(subject)) return { error: `Tôi không hiểu "${typed}". Gõ /chitieu kèm chủ đề, ví dụ: /chitieu 5G, /chitieu chính phủ số 2025.` };
        return { kind: 'targets', subject, sector: named?.sectors[0], ...yearsOfTargets(this.documentsNamed(arg)?.rest ?? arg) };
      }
    }
  }

  /** The list a request asks for. */
  list(req: BrowseRequest): Listing {
    if (req.docs) {
      const listing = this.over(req.docs).list({ ...req, docs: undefined });
      const named = req.docs.map((d) => this.documents.get(d)?.short ?? d).join(', ');
      const empty = listing.empty && `Theo ${named}: ${listing.empty.replace(/^Các văn bản/u, 'văn bản')}`;
      return { ...listing, title: `${listing.title} — theo ${named}`, empty };
    }
    if (req.kind === 'invalid') return { title: req.message, groups: [], notes: [], empty: req.message };
    if (req.kind === 'sector') return this.sectorLists(req.sectors, req.year);
    const subject = req.subject;
    const about = subject.label ? ` về "${subject.label}"` : '';
    // words no document uses: no row can hold them, and the list says which
    if (subject.unknown.length) {
      const words = subject.unknown.map((w) => `"${w}"`).join(', ');
      return { title: `Các văn bản không có từ ${words}`, groups: [], notes: [], empty: `Các văn bản không nhắc tới ${words}, nên không có mục nào như bạn hỏi.` };
    }
    switch (req.kind) {
      case 'due': return this.dueList(req.period, req.unit, req.sector, subject);
      case 'unit': {
        const { tasks, targets } = this.index.ledBy(req.unit);
        const yearOk = (years: number[]) => req.year === undefined || years.includes(req.year);
        const t = req.targetsOnly ? [] : tasks.filter((x) => yearOk([taskYear(x, this.documents) ?? 0]) && holds(this.index.wordsOfTask(x), subject));
        const g = targets.filter((x) => yearOk(x.years) && holds(this.index.wordsOfTarget(x), subject));
        const groups = [
          ...(t.length ? [{ title: `Nhiệm vụ chủ trì (${t.length})`, rows: t.map((task) => ({ kind: 'task' as const, task })) }] : []),
          ...(g.length ? [{ title: `Chỉ tiêu theo dõi (${g.length})`, rows: g.map((target) => ({ kind: 'target' as const, target })) }] : []),
        ];
        const counts = [t.length ? `${t.length} nhiệm vụ` : '', g.length ? `${g.length} chỉ tiêu` : ''].filter(Boolean).join(' và ');
        return {
          title: `${req.unit} chủ trì ${counts || '0 nhiệm vụ'}${req.year ? ` (năm ${req.year})` : ''}${about}`,
          groups,
          notes: [],
          empty: groups.length ? undefined : `Các văn bản không ghi ${req.unit} chủ trì nhiệm vụ nào${req.year ? ` năm ${req.year}` : ''}${about}.`,
        };
      }
      case 'targets': {
        const years = req.years ?? [];
        const targets = this.index.targetsWhere((t, words) =>
          (years.length === 0 || years.some((y) => t.years.includes(y))) && holds(words, subject)
          && (!req.sector || t.sector === req.sector || this.namesSector(t.text, req.sector)));
        const newestFirst = [...targets].sort((a, b) => this.docDate(b.doc).localeCompare(this.docDate(a.doc)) || a.line - b.line);
        const topic = [req.sector ? `lĩnh vực ${req.sector}` : '', subject.label].filter(Boolean).join(', ');
        const when = years.length ? ` năm ${years.join(' và ')}` : '';
        return {
          title: `${targets.length} chỉ tiêu${topic ? ` về ${topic}` : ''}${when}`,
          groups: groupBy(newestFirst, (t) => this.documents.get(t.doc)?.short ?? t.doc)
            .map(([title, rows]) => ({ title, rows: rows.map((target) => ({ kind: 'target' as const, target })) })),
          notes: [],
          empty: targets.length ? undefined : `Các văn bản không nêu chỉ tiêu nào${topic ? ` về ${topic}` : ''}${when ? ` cho${when}` : ''}.`,
        };
      }
      case 'overview': {
        const targets = this.list({ kind: 'targets', subject, ...(req.year ? { years: [req.year] } : {}) });
        const tasks = this.list({ kind: 'tasks', subject, year: req.year });
        const count = (l: Listing) => l.groups.reduce((n, g) => n + g.rows.length, 0);
        const label = subject.label;
        return {
          title: `Tổng quan về "${label}"${req.year ? ` năm ${req.year}` : ''}: ${count(targets)} chỉ tiêu, ${count(tasks)} nhiệm vụ`,
          groups: [
            ...targets.groups.map((g) => ({ ...g, title: `Chỉ tiêu · ${g.title ?? ''}` })),
            ...tasks.groups.map((g) => ({ ...g, title: `Nhiệm vụ${g.title ? ` · ${g.title}` : ''}` })),
          ],
          notes: [`Hỏi cụ thể hơn để có ngay câu trả lời, ví dụ: "mục tiêu ${label} năm 2025", "${label} ai chủ trì", "${label} hạn khi nào".`],
          empty: count(targets) + count(tasks) ? undefined : `Các văn bản không nêu chỉ tiêu hay nhiệm vụ nào về "${label}"${req.year ? ` năm ${req.year}` : ''}.`,
        };
      }
      case 'tasks': {
        const tasks = this.index.tasksWhere((t, words) =>
          holds(words, subject) && (!req.unit || t.leads.includes(req.unit)) && (req.year === undefined || taskYear(t, this.documents) === req.year))
          .sort(bySoonest);
        const whose = `${about}${req.unit ? ` do ${req.unit} chủ trì` : ''}${req.year ? ` năm ${req.year}` : ''}`;
        return {
          title: `${tasks.length} nhiệm vụ${whose}`,
          groups: this.bySector(tasks),
          notes: [],
          empty: tasks.length ? undefined : `Các văn bản không ghi nhiệm vụ nào${whose}.`,
        };
      }
    }
  }

  /** Tasks due in or up to a period; for a year with no dated task, the plans the documents set for it. */
  private dueList(period: Period, unit: string | undefined, sector: string | undefined, subject: Subject): Listing {
    const filter = (t: Task, words: Set<string>) => (!unit || t.leads.includes(unit)) && (!sector || t.sector === sector) && holds(words, subject);
    const whose = `${unit ? ` do ${unit} chủ trì` : sector ? ` lĩnh vực ${sector}` : ''}`;
    const about = subject.label ? ` về "${subject.label}"` : '';
    const when = periodPhrase(period);
    const notes: string[] = [];
    if (period.yearGuessed) notes.push(`Bạn không ghi năm; tôi hiểu là năm ${period.range.from.slice(0, 4)}. Thêm năm vào câu hỏi để xem năm khác.`);
    if (period.mode !== 'within') {
      const tasks = this.index.dueBy(period.mode === 'by' ? period.range.to : dayBefore(period.range.from), filter);
      return {
        title: `${tasks.length} nhiệm vụ${whose} hạn ${when}${about}`,
        groups: this.bySector(tasks),
        notes,
        empty: tasks.length ? undefined : `Các văn bản không ghi nhiệm vụ nào${whose} có hạn ${when}${about}.`,
      };
    }
    const { tasks, wider } = this.index.dueWithin(period.range, filter);
    if (wider.length) {
      const byWritten = groupBy(wider, (t) => t.deadline.written);
      notes.push(`Ngoài ra ${byWritten.map(([w, list]) => `${list.length} nhiệm vụ ghi hạn ${w}`).join(', ')} (rộng hơn ${period.label}) không tính vào đây; hỏi theo kỳ đó để xem.`);
    }
    if (tasks.length === 0 && period.precision === 'year' && !unit && !subject.groups.length) {
      const planned = this.plansFor(yearOf(period.range.from), sector);
      if (planned.groups.length) return { ...planned, notes: [...notes, ...planned.notes] };
    }
    return {
      title: `${tasks.length} nhiệm vụ${whose} hạn ${when}${about}`,
      groups: this.bySector(tasks),
      notes,
      empty: tasks.length ? undefined : `Các văn bản không ghi nhiệm vụ nào${whose} có hạn ${when}${about}.`,
    };
  }

  /** A year's plans from the documents' own sections, every sector (or one), when no table dates a task in it. */
  private plansFor(year: number, sector?: string): Listing {
    const sections = this.index.register.sections.filter((s) => s.years.includes(year) && (!sector || s.sector === sector));
    const groups = sections.map((s) => ({ title: this.sectionTitle(s), rows: itemRows(s.passageIds.map((id) => this.passages[id])) }));
    const total = groups.reduce((n, g) => n + g.rows.length, 0);
    return {
      title: `Năm ${year}: ${total} nhiệm vụ trọng tâm theo lĩnh vực`,
      groups,
      notes: [`Các bảng phân công không ghi việc nào có hạn trong năm ${year}; đây là các nhiệm vụ trọng tâm văn bản nêu cho năm đó.`],
    };
  }

  /** Whether a text names a sector by one of its spellings ("Tỷ trọng kinh tế số trong GDP"). */
  namesSector(text: string, sector: string): boolean {
    return findNames(text, this.reading.sectors).some((m) => m.entry.name === sector);
  }

  private docDate(doc: string): string {
    return this.documents.get(doc)?.date ?? '';
  }

  private sectionTitle(s: SectorSection): string {
    return `${this.documents.get(s.doc)?.short ?? s.doc} › ${s.heading}`;
  }

  /** The same lists over the rows of some documents only, made once per set of documents. */
  private over(docs: string[]): Browser {
    const key = [...docs].sort().join('|');
    let scoped = this.scoped.get(key);
    if (!scoped) {
      scoped = new Browser(this.index.only(docs), this.documents, this.passages, this.vocabulary, this.reading, this.correct);
      this.scoped.set(key, scoped);
    }
    return scoped;
  }

  /** Tasks in one run when they fit a page, else grouped by sector in the lexicon's order; soonest first within each. */
  private bySector(tasks: Task[]): Listing['groups'] {
    const rows = (list: Task[]) => list.map((task) => ({ kind: 'task' as const, task }));
    if (tasks.length <= LIST_GROUP_OVER) return tasks.length ? [{ rows: rows(tasks) }] : [];
    const order = this.reading.sectors.map((s) => s.name);
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return groupBy(tasks, (t) => t.sector ?? 'Khác').sort((a, b) => rank(a[0]) - rank(b[0]))
      .map(([title, list]) => ({ title: `${title} (${list.length})`, rows: rows(list) }));
  }

  /** The priorities of one or more sectors for a year. */
  private sectorLists(sectors: string[], year?: number): Listing {
    const lists = sectors.map((sector) => this.sectorList(sector, year));
    if (lists.length === 1) return lists[0];
    // several sectors: one list, each sector's groups under its name
    const total = lists.reduce((n, l) => n + l.groups.reduce((m, g) => m + g.rows.length, 0), 0);
    return {
      title: `Lĩnh vực ${sectors.join(', ')}${year ? ` năm ${year}` : ''}: ${total} mục`,
      groups: lists.flatMap((l, i) => l.groups.map((g) => ({ ...g, title: `${sectors[i]} › ${g.title ?? ''}` }))),
      notes: lists.flatMap((l) => l.notes.concat(l.groups.length ? [] : l.empty ? [l.empty] : [])),
      empty: total ? undefined : lists.map((l) => l.empty).join(' '),
    };
  }

  /** A sector's priorities for a year: the items of each document's own section, then its table rows. */
  private sectorList(sector: string, year?: number): Listing {
    const sections = this.index.register.sections.filter((s) => s.sector === sector);
    const tableTasks = this.index.tasksWhere((t) => t.kind === 'task' && t.from === 'table' && t.sector === sector);
    const tableTargets = this.index.targetsWhere((t) => t.from === 'table' && t.sector === sector);
    const yearsAvailable = [...new Set([...sections.flatMap((s) => s.years), ...tableTasks.map((t) => yearOf(this.docDate(t.doc)))])].sort();
    const y = year ?? yearsAvailable.at(-1);
    if (y === undefined || !yearsAvailable.includes(y)) {
      return {
        title: `Lĩnh vực ${sector}${year ? ` năm ${year}` : ''}`,
        groups: [],
        notes: yearsAvailable.length ? [`Các văn bản nêu nhiệm vụ lĩnh vực này cho các năm: ${yearsAvailable.join(', ')}.`] : [],
        empty: `Các văn bản không nêu nhiệm vụ trọng tâm lĩnh vực ${sector}${year ? ` cho năm ${year}` : ''}.`,
      };
    }
    const groups: Listing['groups'] = sections.filter((s) => s.years.includes(y))
      .map((s) => ({ title: this.sectionTitle(s), rows: itemRows(s.passageIds.map((id) => this.passages[id])) }));
    // tasks a document assigns in its sentences ("Cục Viễn thông chủ trì …"), where no section lists them
    const shown = new Set(groups.flatMap((g) => g.rows.map((r) => (r.kind === 'item' ? `${r.passage.doc}:${r.passage.lineStart}` : ''))));
    const assigned = this.index.tasksWhere((t) => t.from === 'sentence' && t.sector === sector && yearOf(this.docDate(t.doc)) === y && !shown.has(`${t.doc}:${t.line}`));
    if (assigned.length) groups.push({ title: `Nhiệm vụ giao (${this.documents.get(assigned[0].doc)?.short ?? ''})`, rows: assigned.map((task) => ({ kind: 'task', task })) });
    const targets = tableTargets.filter((t) => t.years.includes(y));
    if (targets.length) groups.push({ title: `Chỉ tiêu (${this.documents.get(targets[0].doc)?.short ?? ''}, bảng phụ lục)`, rows: targets.map((target) => ({ kind: 'target', target })) });
    const tasks = tableTasks.filter((t) => yearOf(this.docDate(t.doc)) === y).sort((a, b) => a.line - b.line);
    if (tasks.length) groups.push({ title: `Nhiệm vụ được giao (${this.documents.get(tasks[0].doc)?.short ?? ''}, bảng phụ lục)`, rows: tasks.map((task) => ({ kind: 'task', task })) });
    const total = groups.reduce((n, g) => n + g.rows.length, 0);
    const others = yearsAvailable.filter((x) => x !== y);
    const spelling = this.reading.sectors.find((x) => x.name === sector)?.spellings[0] ?? sector;
    return {
      title: `Lĩnh vực ${sector} năm ${y}: ${total} mục`,
      groups,
      notes: [
        ...(year === undefined ? ['Bạn không ghi năm; đây là năm mới nhất có trong văn bản.'] : []),
        ...(others.length ? [`Các năm khác có trong văn bản: ${others.join(', ')} (ví dụ: /linhvuc ${spelling} ${others.at(-1)}).`] : []),
      ],
    };
  }
}


// "2021-2025", "2021 – 2025": a span, whose targets are for its end
const YEAR_SPAN = /((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)/g;

/**
 * The years a targets list is kept to: every year the text names ("mục tiêu 2023 và 2025"), a span
 * ("giai đoạn 2021-2025") by its end; none when it names none. The caller takes out the years naming a
 * document ("chỉ thị 2023").
 */
function yearsOfTargets(text: string): { years?: number[] } {
  const years = [...new Set(yearsIn(text.replace(YEAR_SPAN, '$2')))];
  return years.length ? { years } : {};
}
/** Rows per page of a list: ten fit one or two phone screens. */
export const LIST_PAGE_SIZE = 10;
// A list that fits one page reads best in one run, soonest first; a longer one is grouped.
const LIST_GROUP_OVER = LIST_PAGE_SIZE;

function dayBefore(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function groupBy<T>(items: T[], key: (t: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return [...groups];
}

/** The items of a section: one per block (a bullet or paragraph, with its page-break continuation). */
function itemRows(passages: Passage[]): ListRow[] {
  const rows: ListRow[] = [];
  for (const p of passages) {
    const last = rows.at(-1);
    if (p.lead !== undefined && last?.kind === 'item' && last.passage.doc === p.doc) {
      // a later piece of the same block: it only widens the line span
      last.lineEnd = Math.max(last.lineEnd, p.lineEnd);
      continue;
    }
    rows.push({ kind: 'item', passage: p, lineEnd: p.lineEnd, text: p.text });
  }
  return rows;
}

const writtenPairsOf = new WeakMap<Passage[], Set<string>>();

/**
 * The pairs of words passages write in a row, normalized with their diacritics, worked out once per corpus
 * (on the first question that needs them, ~0.4 s, not at load; every browser scoped to documents shares them).
 */
function pairsWrittenIn(passages: Passage[]): Set<string> {
  let pairs = writtenPairsOf.get(passages);
  if (!pairs) {
    pairs = new Set(passages.flatMap((p) => clauses(normalize(`${p.text}\n${p.headingPath.join('\n')}`)).flatMap((c) => c.slice(1).map((w, i) => `${c[i]} ${w}`))));
    writtenPairsOf.set(passages, pairs);
  }
  return pairs;
}

