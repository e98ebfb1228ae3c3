/**
 * Questions that ask for a list, read into a request the register answers row by row: tasks due in a
 * period ("việc gì hạn Quý IV/2021", "nhung viec phai xong truoc cuoi thang 10/2021"), what a unit leads
 * ("Cục VT chủ trì những việc gì"), a sector's priorities for a year ("lĩnh vực bưu chính năm 2021 có
 * những nhiệm vụ gì"), targets on a topic ("/chitieu 5G"). Commands build the same requests directly.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import type { Passage } from '../ingest/parse.js';
import { browseWords, sectorLexicon, unitCompounds, type BrowseWords, type NamedEntry } from '../lexicon.js';
import { fold, yearsIn } from '../text/analyzer.js';
import { monthsRange, quarterRange, type DateRange, type Precision } from './dates.js';
import { aliasMatches, type AliasPair } from '../text/aliases.js';
import { findNames, findWords, nameTokens, stripPhrases } from './names.js';
import { bySoonest, type RegisterIndex } from './query.js';
import type { Target, Task } from './types.js';

/** A period asked about: the tasks due within it, or (mode 'by') all due up to its end. */
export interface Period {
  range: DateRange;
  precision: Precision;
  /** How the reply names it: "Quý IV/2021", "tháng 6/2021". */
  label: string;
  mode: 'within' | 'by' | 'before';
  /** True when the year was not typed and was taken from the register. */
  yearGuessed: boolean;
}

/** What a list question asks for. */
export type BrowseRequest =
  | { kind: 'due'; period: Period; unit?: string; sector?: string; subject: Subject }
  | { kind: 'unit'; unit: string; year?: number; subject: Subject }
  | { kind: 'sector'; sectors: string[]; year?: number }
  | { kind: 'targets'; subject: Subject; sector?: string; year?: number }
  | { kind: 'tasks'; subject: Subject; unit?: string; sector?: string; year?: number };

/**
 * What a list is narrowed to: a row must hold each group, and holds a group when it has all the words of
 * one of its alternatives. "CP/TTg" is one group of two alternatives; "điện thoại thông minh" is one group
 * whose alternatives are the phrase and its alias "smartphone". Folded.
 */
export type Subject = string[][][];

/** Whether a row's words hold the subject. */
export function holds(words: Set<string>, subject: Subject): boolean {
  return subject.every((group) => group.some((alt) => alt.every((w) => words.has(w))));
}

/** The subject as the reply names it: "cp/ttg 5g". */
export function subjectText(subject: Subject): string {
  return subject.map((g) => g[0].join(' ') + (g.length > 1 && g[1].length === 1 && g[0].length === 1 ? '/' + g[1][0] : '')).join(' ');
}

/** One row of a list: a task, a target, or an item of a section's list. */
export type ListRow =
  | { kind: 'task'; task: Task }
  | { kind: 'target'; target: Target }
  | { kind: 'item'; passage: Passage; lineEnd: number; text: string };

/** A list answer: rows in groups, in the order shown, with a title that says how many. */
export interface Listing {
  title: string;
  groups: Array<{ title?: string; rows: ListRow[] }>;
  /** Short remarks shown after the list (year-level tasks, a guessed year, other years available). */
  notes: string[];
  /** Shown instead of rows when the list is empty. */
  empty?: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Lower-case, folded, one space: the form period patterns read. */
function simple(text: string): string {
  return fold(text.normalize('NFC').toLowerCase()).replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ');
}

interface PeriodMatch {
  period: Period;
  /** The question with the period phrase taken out. */
  rest: string;
}

/**
 * Finds a period in a question. `guessYear` supplies the year when only a quarter or month is typed
 * ("quý 4") from what the register holds.
 */
export function readPeriod(question: string, guessYear: (r: (y: number) => DateRange) => number | undefined): PeriodMatch | undefined {
  const s = simple(question);
  const by = String.raw`(?:(?<by>truoc cuoi|truoc het|den het|toi het|den cuoi|toi cuoi|cham nhat(?: la)?(?: vao)?|het|truoc)\s+(?:ngay\s+)?)?`;
  const year = String.raw`(?:(?:\/|\s+nam\s+|\s+)(?<year>20\d\d))?`;
  const patterns: Array<[RegExp, (g: Record<string, string | undefined>, y: number) => [DateRange, Precision, string] | undefined]> = [
    [new RegExp(by + String.raw`\b(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<year>20\d\d)\b`), (g, y) => {
      const [d, m] = [Number(g.d), Number(g.m)];
      const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? [{ from: day, to: day }, 'day', `${d}/${m}/${y}`] : undefined;
    }],
    [new RegExp(by + String.raw`\b(?:quy|q)\s?(?<q>iv|iii|ii|i|[1-4])\b` + year), (g, y) => {
      const q = QUARTER[g.q!];
      return [quarterRange(y, q), 'quarter', `Quý ${ROMAN[q - 1]}/${y}`];
    }],
    [new RegExp(by + String.raw`\b6 thang (?<half>dau|cuoi)(?: nam)?` + year), (g, y) =>
      g.half === 'dau' ? [monthsRange(y, 1, 6), 'half', `6 tháng đầu năm ${y}`] : [monthsRange(y, 7, 12), 'half', `6 tháng cuối năm ${y}`]],
    [new RegExp(by + String.raw`\b(?<tw>thang\s?|t)(?<m>\d{1,2})(?:\s?-\s?(?<m2>\d{1,2}))?\b` + year), (g, y) => {
      // "t" alone is a month only with its year typed: "t6/2021"
      if (g.tw === 't' && !g.year) return undefined;
      const [a, b] = [Number(g.m), Number(g.m2 ?? g.m)];
      if (a < 1 || b > 12 || a > b) return undefined;
      return [monthsRange(y, a, b), 'month', a === b ? `tháng ${a}/${y}` : `tháng ${a}-${b}/${y}`];
    }],
    [new RegExp(by + String.raw`(?<![\d/])\b(?<m>\d{1,2})\/(?<year>20\d\d)\b`), (g, y) => {
      const m = Number(g.m);
      return m >= 1 && m <= 12 ? [monthsRange(y, m), 'month', `tháng ${m}/${y}`] : undefined;
    }],
  ];
  for (const [re, make] of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const g = m.groups ?? {};
    let y = g.year ? Number(g.year) : undefined;
    let guessed = false;
    if (y === undefined) {
      const probe = make(g, 2000);
      if (!probe) continue;
      const [range] = probe;
      y = guessYear((yy) => ({ from: `${yy}${range.from.slice(4)}`, to: `${yy}${range.to.slice(4)}` }));
      guessed = true;
      if (y === undefined) continue;
    }
    const made = make(g, y);
    if (!made) continue;
    const [range, precision, label] = made;
    const mode = !g.by ? 'within' : g.by === 'truoc' ? 'before' : 'by';
    return { period: { range, precision, label, mode, yearGuessed: guessed }, rest: s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length) };
  }
  return undefined;
}

/** Drops every occurrence of each phrase (as whole words) from a token list. */
function dropPhrases(tokens: string[], phrases: string[][]): string[] {
  let out = tokens;
  for (const words of [...phrases].sort((a, b) => b.length - a.length)) {
    for (;;) {
      const at = findWords(out, words);
      if (!at) break;
      out = [...out.slice(0, at[0]), ...out.slice(at[1])];
    }
  }
  return out;
}

const phraseList = (list: string[]) => list.map(nameTokens).filter((w) => w.length > 0);

/** The cue phrases of lexicon/browse-words.json as folded words, by kind; `stop` is every word that shapes a list question. */
export type Cues = { [K in Exclude<keyof BrowseWords, 'about'>]: string[][] } & { stop: string[][] };

/**
 * What list questions are read with, worked out from the lexicon once at index time and stored in the
 * index: the cue phrases folded, the sectors with the abbreviations that stand for them ("CĐS", "ATTT"),
 * and the syllables that make a unit's kind word part of another word ("dịch vụ").
 */
export interface Reading {
  cues: Cues;
  sectors: NamedEntry[];
  compounds: Record<string, string[]>;
}

/** Prepares the reading lexicon (at index time). */
export function prepareReading(aliases: AliasPair[]): Reading {
  const w = browseWords();
  const cues: Cues = {
    list: phraseList(w.list), task: phraseList(w.task), target: phraseList(w.target), sector: phraseList(w.sector),
    due: phraseList(w.due), by: phraseList(w.by), compare: phraseList(w.compare), filler: phraseList(w.filler),
    stop: phraseList([...w.list, ...w.task, ...w.target, ...w.sector, ...w.by, ...w.filler]),
  };
  const compounds = Object.fromEntries([...unitCompounds()].map(([k, v]) => [k, [...v]]));
  return { cues, sectors: withAliases(sectorLexicon(), aliases), compounds };
}

/** Reads list questions and answers them from the register. */
export class Browser {
  private readonly cues: Cues;
  private readonly compounds: Map<string, Set<string>>;
  private readonly units: NamedEntry[];
  /** The sectors with the abbreviations that stand for them ("CĐS", "ATTT"), for reading questions. */
  private readonly sectorNames: NamedEntry[];
  private readonly passages: Passage[];

  constructor(
    private readonly index: RegisterIndex,
    private readonly documents: Map<string, CatalogEntry>,
    passages: Passage[],
    /** Folded terms the documents use: a subject word they never use cannot narrow a list. */
    private readonly vocabulary: Map<string, number>,
    reading: Reading,
  ) {
    this.cues = reading.cues;
    this.compounds = new Map(Object.entries(reading.compounds).map(([k, v]) => [k, new Set(v)]));
    this.sectorNames = reading.sectors;
    this.units = index.register.units;
    this.passages = passages;
  }

  /** The year a quarter or month typed without one most likely means: the year with most tasks due then. */
  private guessYear = (rangeOf: (y: number) => DateRange): number | undefined => {
    const counts = new Map<number, number>();
    for (const t of this.index.register.tasks) {
      if (t.kind !== 'task' || !t.deadline.range || t.deadline.precision === 'year') continue;
      const y = Number(t.deadline.range.from.slice(0, 4));
      const r = rangeOf(y);
      if (t.deadline.range.from >= r.from && t.deadline.range.to <= r.to) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  };

  /** The canonical unit a text names, if any; `bare` accepts a name typed without Cục/Vụ … */
  findUnit(text: string, bare = false): { unit: string; start: number; end: number } | undefined {
    const m = findNames(text, this.units, true, this.compounds)[0];
    if (m) return { unit: m.entry.name, start: m.start, end: m.end };
    const tokens = nameTokens(text);
    // "Cục Xuất bản", "Học viện Bưu chính": the opening words of one unit's name (more than its kind word)
    const byPrefix = new Map<string, [number, number]>();
    for (const u of this.units) {
      const words = nameTokens(u.name);
      for (let k = words.length - 1; k >= 2; k--) {
        const at = findWords(tokens, words.slice(0, k));
        if (at && !this.compounds.get(words[0])?.has(tokens[at[0] - 1])) { byPrefix.set(u.name, at); break; }
      }
    }
    if (byPrefix.size === 1) {
      const [[unit, [start, end]]] = [...byPrefix];
      return { unit, start, end };
    }
    if (!bare) return undefined;
    // "/donvi tan so": the unit's name without its kind word
    for (const u of this.units) {
      for (const spelling of [u.name, ...u.spellings]) {
        const words = nameTokens(spelling).slice(1);
        if (words.length === 0) continue;
        const at = findWords(tokens, words);
        if (at && at[1] - at[0] >= 1) return { unit: u.name, start: at[0], end: at[1] };
      }
    }
    return undefined;
  }

  /**
   * The sectors a text names ("lĩnh vực viễn thông", "bưu chính và viễn thông", "CĐS"), in text order, the
   * first being `sector`, with every span that names one.
   */
  findSector(text: string): { sector: string; sectors: string[]; spans: Array<[number, number]> } | undefined {
    // the ministry's own name is no sector: blanked out, keeping the token positions
    const tokens = nameTokens(text);
    const ministry = findWords(tokens, ['thong', 'tin', 'va', 'truyen', 'thong']) ?? findWords(tokens, ['tttt']);
    const masked = ministry ? tokens.map((t, i) => (i >= ministry[0] && i < ministry[1] ? '_' : t)) : tokens;
    const found = findNames(masked.join(' '), this.sectorNames);
    if (found.length === 0) return undefined;
    const sectors = [...new Set(found.map((m) => m.entry.name))];
    return { sector: sectors[0], sectors, spans: found.map((m) => [m.start, m.end]) };
  }

  /**
   * The words of a question left once periods, names, years and question words are set aside: a group per
   * word, or per phrase an alias stands for ("smartphone" or "điện thoại thông minh"), or per pair joined
   * by "/" ("CP/TTg"). Words the documents never use (typos, chat words) are dropped: no row holds them.
   */
  private subjectOf(tokens: string[], raw: string): Subject {
    const rest = dropPhrases(tokens, this.cues.stop)
      .filter((t) => !/^(19|20)\d\d$/.test(t));
    const groups: Subject = [];
    const used = new Set<number>();
    for (const m of aliasMatches([rest], this.index.aliases)) {
      const at = findWords(rest, m.from);
      if (!at || [...used].some((i) => i >= at[0] && i < at[1])) continue;
      for (let i = at[0]; i < at[1]; i++) used.add(i);
      groups.push([m.from, m.to.map((t) => nameTokens(t).join(''))]);
    }
    rest.forEach((t, i) => {
      if (!used.has(i) && this.vocabulary.has(t)) groups.push([[t]]);
    });
    // "CP/TTg": words joined by a slash are alternatives of one group
    for (const m of simple(raw).matchAll(/([a-z][a-z0-9]*)\s?\/\s?([a-z][a-z0-9]*)/g)) {
      const a = groups.findIndex((g) => g[0].length === 1 && g[0][0] === m[1]);
      const b = groups.findIndex((g) => g[0].length === 1 && g[0][0] === m[2]);
      if (a < 0 || b < 0 || a === b) continue;
      groups[a].push(...groups[b]);
      groups.splice(b, 1);
    }
    return groups;
  }

  /**
   * When a question asks what each document says ("các văn bản nói gì", "so sánh", "khác nhau"), the words
   * that say so (folded), which are no part of the indicator asked about, and the question without them;
   * undefined otherwise.
   */
  comparisonWords(question: string): { words: Set<string>; rest: string } | undefined {
    const tokens = nameTokens(question);
    const found = this.cues.compare.filter((words) => findWords(tokens, words) !== undefined);
    // the rest of the question, as typed, is what is searched for
    return found.length ? { words: new Set(found.flat()), rest: stripPhrases(question, found) } : undefined;
  }

  private has(tokens: string[], phrases: string[][]): boolean {
    return phrases.some((words) => findWords(tokens, words) !== undefined);
  }

  /**
   * Reads a free-text question as a list request, or returns undefined when it asks for one fact
   * (a subject named and no list wanted).
   */
  read(question: string): BrowseRequest | undefined {
    const periodMatch = readPeriod(question, this.guessYear);
    const text = periodMatch?.rest ?? question;
    let tokens = nameTokens(text);
    const years = yearsIn(text);
    let unit = this.findUnit(tokens.join(' '));
    // "phối hợp với Cục ATTT": a unit that cooperates is not the one asked about
    if (unit && ['voi', 'hop'].includes(tokens[unit.start - 1] ?? '')) unit = undefined;
    if (unit) tokens = [...tokens.slice(0, unit.start), ...tokens.slice(unit.end)];
    const sectorNamed = this.findSector(tokens.join(' '));
    const wantsList = this.has(tokens, this.cues.list);
    const sectorCue = this.has(tokens, this.cues.sector);
    const targetCue = this.has(tokens, this.cues.target);
    const withoutSector = sectorNamed ? tokens.filter((_, i) => !sectorNamed.spans.some(([a, b]) => i >= a && i < b)) : tokens;
    const subject = this.subjectOf(withoutSector, question);
    const year = years.at(-1);
    // "việc gì hạn năm 2021", "những đề án trình Thủ tướng năm 2022": a year is the period of what falls due
    if (!periodMatch && years.length === 1 && !unit && !sectorNamed && this.has(tokens, this.cues.due) && (wantsList || subject.length === 0)) {
      const y = years[0];
      const period: Period = { range: monthsRange(y, 1, 12), precision: 'year', label: `năm ${y}`, mode: 'within', yearGuessed: false };
      return { kind: 'due', period, subject };
    }

    // "báo chí 6 tháng cuối năm 2020": a sector's plans for a period, unless what falls due then is asked
    if (periodMatch && sectorNamed && !unit && !this.has(tokens, this.cues.due) && subject.length === 0 && (sectorCue || wantsList)) {
      return { kind: 'sector', sectors: sectorNamed.sectors, year: Number(periodMatch.period.range.to.slice(0, 4)) };
    }
    if (periodMatch) {
      if (subject.length && !wantsList) return undefined;
      return { kind: 'due', period: periodMatch.period, unit: unit?.unit, sector: sectorNamed?.sector, subject };
    }
    // a unit's list holds its targets too: "Cục VT chủ trì những nhiệm vụ, chỉ tiêu nào"
    if (unit && (wantsList || (subject.length === 0 && !targetCue))) return { kind: 'unit', unit: unit.unit, year, subject };
    if (sectorNamed && (sectorCue || wantsList) && !targetCue && subject.length === 0) return { kind: 'sector', sectors: sectorNamed.sectors, year };
    // "các chỉ tiêu …", or the targets of a whole sector: "chỉ tiêu lĩnh vực báo chí năm 2021"
    // with no subject left there is no one target to pick: "chỉ tiêu năm 2023" lists them
    if (targetCue && (wantsList || subject.length === 0)) return { kind: 'targets', subject, sector: sectorNamed?.sector, year };
    return undefined;
  }

  /** The request a command argument makes: /hanchot, /donvi, /linhvuc, /chitieu. */
  command(name: 'hanchot' | 'donvi' | 'linhvuc' | 'chitieu', arg: string): BrowseRequest | { error: string } {
    const tokens = nameTokens(arg);
    const year = yearsIn(arg).at(-1);
    switch (name) {
      case 'hanchot': {
        const p = readPeriod(arg, this.guessYear);
        const rest = nameTokens(p?.rest ?? arg);
        const unit = this.findUnit(rest.join(' '));
        const left = unit ? [...rest.slice(0, unit.start), ...rest.slice(unit.end)] : rest;
        const subject = this.subjectOf(left, arg);
        if (p) return { kind: 'due', period: p.period, unit: unit?.unit, subject };
        return { kind: 'tasks', subject, unit: unit?.unit, year };
      }
      case 'donvi': {
        const unit = this.findUnit(arg, true);
        if (!unit) return { error: `unknown unit` };
        const left = [...tokens.slice(0, unit.start), ...tokens.slice(unit.end)];
        return { kind: 'unit', unit: unit.unit, year, subject: this.subjectOf(left, arg) };
      }
      case 'linhvuc': {
        const sector = this.findSector(arg);
        if (!sector) return { error: 'unknown sector' };
        return { kind: 'sector', sectors: sector.sectors, year };
      }
      case 'chitieu': {
        const sector = this.findSector(arg);
        const left = sector ? tokens.filter((_, i) => !sector.spans.some(([a, b]) => i >= a && i < b)) : tokens;
        return { kind: 'targets', subject: this.subjectOf(left, arg), sector: sector?.sector, year };
      }
    }
  }

  /** The list a request asks for. */
  list(req: BrowseRequest): Listing {
    const matches = holds;
    const about = (subject: Subject) => (subject.length ? ` về "${subjectText(subject)}"` : '');
    switch (req.kind) {
      case 'due': {
        const filter = (t: Task, words: Set<string>) =>
          (!req.unit || t.leads.includes(req.unit)) && (!req.sector || t.sector === req.sector) && matches(words, req.subject);
        const { period } = req;
        const whose = req.unit ? ` do ${req.unit} chủ trì` : req.sector ? ` lĩnh vực ${req.sector}` : '';
        const notes: string[] = [];
        if (period.yearGuessed) notes.push(`Bạn không ghi năm; tôi hiểu là năm ${period.range.from.slice(0, 4)}. Thêm năm vào câu hỏi để xem năm khác.`);
        if (period.mode === 'within') {
          const { tasks, yearLevel } = this.index.dueWithin(period.range, filter);
          if (yearLevel.length) {
            notes.push(`Ngoài ra ${yearLevel.length} nhiệm vụ chỉ ghi hạn cả năm (${yearLevel[0].deadline.written}) nên không tính vào ${period.label}; hỏi "việc gì hạn năm ${yearLevel[0].deadline.range!.from.slice(0, 4)}" để xem.`);
          }
          return {
            title: `${tasks.length} nhiệm vụ${whose} hạn trong ${period.label}${about(req.subject)}`,
            groups: groupRows(tasks, (t) => t.sector ?? 'Khác'),
            notes,
            empty: tasks.length ? undefined : `Các văn bản không ghi nhiệm vụ nào${whose} có hạn trong ${period.label}${about(req.subject)}.`,
          };
        }
        const until = period.mode === 'by' ? period.range.to : dayBefore(period.range.from);
        const tasks = this.index.dueBy(until, filter);
        const label = period.mode === 'by' ? `đến hết ${period.label}` : `trước ${period.label}`;
        return {
          title: `${tasks.length} nhiệm vụ${whose} hạn ${label}${about(req.subject)}`,
          groups: groupRows(tasks, (t) => t.sector ?? 'Khác'),
          notes,
          empty: tasks.length ? undefined : `Các văn bản không ghi nhiệm vụ nào${whose} có hạn ${label}${about(req.subject)}.`,
        };
      }
      case 'unit': {
        const { tasks, targets } = this.index.ledBy(req.unit);
        const yearOk = (years: number[]) => req.year === undefined || years.includes(req.year);
        const t = tasks.filter((x) => yearOk(x.deadline.range ? [Number(x.deadline.range.to.slice(0, 4))] : []) && matches(this.index.wordsOfTask(x), req.subject));
        const g = targets.filter((x) => yearOk(x.years) && matches(this.index.wordsOfTarget(x), req.subject));
        const groups = [
          ...(t.length ? [{ title: `Nhiệm vụ chủ trì (${t.length})`, rows: t.map((task) => ({ kind: 'task' as const, task })) }] : []),
          ...(g.length ? [{ title: `Chỉ tiêu theo dõi (${g.length})`, rows: g.map((target) => ({ kind: 'target' as const, target })) }] : []),
        ];
        const counts = [t.length ? `${t.length} nhiệm vụ` : '', g.length ? `${g.length} chỉ tiêu` : ''].filter(Boolean).join(' và ');
        return {
          title: `${req.unit} chủ trì ${counts || '0 nhiệm vụ'}${req.year ? ` (năm ${req.year})` : ''}${about(req.subject)}`,
          groups,
          notes: [],
          empty: groups.length ? undefined : `Các bảng phân công không ghi ${req.unit} chủ trì nhiệm vụ nào${req.year ? ` năm ${req.year}` : ''}${about(req.subject)}.`,
        };
      }
      case 'sector': {
        const lists = req.sectors.map((sector) => this.sectorList(sector, req.year));
        if (lists.length === 1) return lists[0];
        // several sectors: one list, each sector's groups under its name
        const total = lists.reduce((n, l) => n + l.groups.reduce((m, g) => m + g.rows.length, 0), 0);
        return {
          title: `Lĩnh vực ${req.sectors.join(', ')}${req.year ? ` năm ${req.year}` : ''}: ${total} mục`,
          groups: lists.flatMap((l, i) => l.groups.map((g) => ({ ...g, title: `${req.sectors[i]} › ${g.title ?? ''}` }))),
          notes: lists.flatMap((l) => l.notes.concat(l.groups.length ? [] : l.empty ? [l.empty] : [])),
          empty: total ? undefined : lists.map((l) => l.empty).join(' '),
        };
      }
      case 'targets': {
        const targets = this.index.targetsWhere((t, words) =>
          (req.year === undefined || t.years.includes(req.year)) && matches(words, req.subject)
          && (!req.sector || t.sector === req.sector || this.namesSector(t.text, req.sector)));
        const newestFirst = [...targets].sort((a, b) => this.docDate(b.doc).localeCompare(this.docDate(a.doc)) || a.line - b.line);
        const topic = [req.sector ? `lĩnh vực ${req.sector}` : '', subjectText(req.subject)].filter(Boolean).join(', ');
        return {
          title: `${targets.length} chỉ tiêu${topic ? ` về ${topic}` : ''}${req.year ? ` năm ${req.year}` : ''}`,
          groups: groupBy(newestFirst, (t) => this.documents.get(t.doc)?.short ?? t.doc).map(([title, rows]) => ({ title, rows: rows.map((target) => ({ kind: 'target' as const, target })) })),
          notes: [],
          empty: targets.length ? undefined : `Các văn bản không nêu chỉ tiêu nào${topic ? ` về ${topic}` : ''}${req.year ? ` cho năm ${req.year}` : ''}.`,
        };
      }
      case 'tasks': {
        const tasks = this.index.tasksWhere((t, words) =>
          matches(words, req.subject) && (!req.unit || t.leads.includes(req.unit))
          && (req.year === undefined || (t.deadline.range !== undefined && t.deadline.range.to.startsWith(String(req.year))))).sort(bySoonest);
        return {
          title: `${tasks.length} nhiệm vụ${about(req.subject)}${req.unit ? ` do ${req.unit} chủ trì` : ''}`,
          groups: groupRows(tasks, (t) => t.sector ?? 'Khác'),
          notes: [],
          empty: tasks.length ? undefined : `Các bảng phân công không có nhiệm vụ nào${about(req.subject)}${req.unit ? ` do ${req.unit} chủ trì` : ''}.`,
        };
      }
    }
  }

  /** Whether a text names a sector by one of its spellings ("Tỷ trọng kinh tế số trong GDP"). */
  private namesSector(text: string, sector: string): boolean {
    return findNames(text, this.sectorNames).some((m) => m.entry.name === sector);
  }

  private docDate(doc: string): string {
    return this.documents.get(doc)?.date ?? '';
  }

  /** A sector's priorities for a year: the items of each document's own section, then the table rows. */
  private sectorList(sector: string, year?: number): Listing {
    const sections = this.index.register.sections.filter((s) => s.sector === sector)
      .map((s) => ({ ...s, passages: s.passageIds.map((id) => this.passages[id]) }));
    const tableTasks = this.index.tasksWhere((t) => t.kind === 'task' && t.from === 'table' && t.sector === sector);
    const tableTargets = this.index.targetsWhere((t) => t.from === 'table' && t.sector === sector);
    const yearsAvailable = [...new Set([
      ...sections.flatMap((s) => s.years),
      ...tableTasks.map((t) => Number(this.docDate(t.doc).slice(0, 4))),
    ])].sort();
    const y = year ?? yearsAvailable.at(-1);
    if (y === undefined || !yearsAvailable.includes(y)) {
      return {
        title: `Lĩnh vực ${sector}${year ? ` năm ${year}` : ''}`,
        groups: [],
        notes: yearsAvailable.length ? [`Các văn bản nêu nhiệm vụ lĩnh vực này cho các năm: ${yearsAvailable.join(', ')}.`] : [],
        empty: `Các văn bản không nêu nhiệm vụ trọng tâm lĩnh vực ${sector}${year ? ` cho năm ${year}` : ''}.`,
      };
    }
    const groups: Listing['groups'] = [];
    for (const s of sections.filter((x) => x.years.includes(y))) {
      const title = `${this.documents.get(s.doc)?.short ?? s.doc} › ${s.passages[0].headingPath.at(-1) ?? ''}`;
      groups.push({ title, rows: itemRows(s.passages) });
    }
    // tasks a document assigns in its sentences ("Cục Viễn thông chủ trì …"), where no section lists them
    const shown = new Set(groups.flatMap((g) => g.rows.map((r) => (r.kind === 'item' ? `${r.passage.doc}:${r.passage.lineStart}` : ''))));
    const assigned = this.index.tasksWhere((t) => t.from === 'sentence' && t.sector === sector && Number(this.docDate(t.doc).slice(0, 4)) === y && !shown.has(`${t.doc}:${t.line}`));
    if (assigned.length) groups.push({ title: `Nhiệm vụ giao (${this.documents.get(assigned[0].doc)?.short ?? ''})`, rows: assigned.map((task) => ({ kind: 'task', task })) });
    const tasks = tableTasks.filter((t) => Number(this.docDate(t.doc).slice(0, 4)) === y).sort((a, b) => a.line - b.line);
    const targets = tableTargets.filter((t) => t.years.includes(y));
    if (targets.length) groups.push({ title: `Chỉ tiêu (${this.documents.get(targets[0].doc)?.short ?? ''}, bảng phụ lục)`, rows: targets.map((target) => ({ kind: 'target', target })) });
    if (tasks.length) groups.push({ title: `Nhiệm vụ được giao (${this.documents.get(tasks[0].doc)?.short ?? ''}, bảng phụ lục)`, rows: tasks.map((task) => ({ kind: 'task', task })) });
    const total = groups.reduce((n, g) => n + g.rows.length, 0);
    const others = yearsAvailable.filter((x) => x !== y);
    return {
      title: `Lĩnh vực ${sector} năm ${y}: ${total} mục`,
      groups,
      notes: [
        ...(year === undefined ? [`Bạn không ghi năm; đây là năm mới nhất có trong văn bản.`] : []),
        ...(others.length ? [`Các năm khác có trong văn bản: ${others.join(', ')} (ví dụ: /linhvuc ${this.sectorNames.find((x) => x.name === sector)?.spellings[0] ?? sector} ${others.at(-1)}).`] : []),
      ],
    };
  }
}

/** Sectors with the abbreviations whose full form is one of their spellings ("CĐS" for "chuyển đổi số"). */
function withAliases(sectors: NamedEntry[], aliases: AliasPair[]): NamedEntry[] {
  // alias tokens are normalized already: folding them is enough
  const fullForms = aliases.map((a) => ({ full: a.full.map(fold).join(' '), short: a.short.join(' ') }));
  return sectors.map((s) => {
    const spellings = new Set(s.spellings.map((x) => nameTokens(x).join(' ')));
    return { ...s, spellings: [...s.spellings, ...fullForms.filter((a) => spellings.has(a.full)).map((a) => a.short)] };
  });
}

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

/** Tasks grouped (by sector) when the list is long; soonest first within each group, groups by their first task. */
function groupRows(tasks: Task[], key: (t: Task) => string): Listing['groups'] {
  const rows = (list: Task[]) => list.map((task) => ({ kind: 'task' as const, task }));
  // a short list reads best in one run, soonest first
  if (tasks.length <= 8) return tasks.length ? [{ rows: rows(tasks) }] : [];
  return groupBy(tasks, key).map(([title, list]) => ({ title: `${title} (${list.length})`, rows: rows(list) }));
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
