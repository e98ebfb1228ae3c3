/**
 * Reading the parts of a question a list is built from: the units and sectors it names, the words that
 * shape it ("những việc gì", "hạn", "trước cuối"), and its subject, the words left that a row must hold.
 * The word lists come from lexicon/ and are prepared once at index time (`prepareReading`).
 */
import { browseWords, documentKinds, followUpWords, questionWords, sectorHeads, sectorLexicon, sectorRowHeads, unitReading, type BrowseWords, type SectorEntry } from '../lexicon.js';
import { aliasMatches, type AliasPair } from '../text/aliases.js';
import { fold, hasDiacritics, normalize } from '../text/analyzer.js';
import { findNamesInTokens, findShortForm, findWords, foldedCompounds, nameTokens, typedTokens, withoutMinistryName } from './names.js';
import type { DocumentWords } from './mentions.js';
import type { UnitRecord } from './types.js';

/** The cue phrases of lexicon/browse-words.json as folded words, by kind; `stop` is every word that shapes a list question. */
export type Cues = { [K in Exclude<keyof BrowseWords, 'about'>]: string[][] } & {
  stop: string[][];
  /** The one-word stop phrases as written, with their diacritics (normalized). */
  stopTyped: string[];
  /** One-word chat closers and question words as written ("không", "gì", "nhỉ"): a comma after one ends a question's clause, no part of an enumeration. */
  clauseWords: string[];
  /** Question phrases of several words, folded ("bao nhieu", "la gi"): a comma after one ends a clause too. */
  clausePhrases: string[][];
};

/** What list questions are read with, prepared from the lexicon at index time and stored in the index. */
export interface Reading {
  cues: Cues;
  /** The sectors, with the abbreviations whose full form is one of their spellings ("CĐS", "ATTT"). */
  sectors: SectorEntry[];
  /** The words that head a sector's name ("linh vuc", "nganh"), folded. */
  sectorHeads: string[][];
  /** Words naming a kind of row ("chỉ tiêu"): a sector's short form right after one names it, as after a head. */
  sectorRowHeads: string[][];
  /** Unit kind words, folded ("cuc", "hoc vien"). */
  kinds: string[][];
  /** Words after which a named unit takes part but does not lead, folded. */
  notLeadAfter: string[][];
  /** Kind word → syllables that make it part of another word ("vu" → "dich", "nhiem" …), folded. */
  compounds: Record<string, string[]>;
  /** Words a unit's name typed short may leave out ("va"), folded. */
  joiners: string[];
  /** How a document is named: each catalog kind's spellings, and the words a bare kind needs before it, folded. */
  documentWords: DocumentWords;
}

const phraseList = (list: string[]) => list.map(nameTokens).filter((w) => w.length > 0);

/**
 * The phrases, and those naming the documents ("các văn bản") with each other word for them ("các VB",
 * "các tài liệu": lexicon/document-kinds.json 'generic' words, the first standing for the others).
 */
function withDocumentWords(phrases: string[][]): string[][] {
  const [first, ...others] = documentKinds().generic.words.map(nameTokens);
  const out = [...phrases];
  for (const p of phrases) {
    const at = first && findWords(p, first);
    if (at) for (const other of others) out.push([...p.slice(0, at[0]), ...other, ...p.slice(at[1])]);
  }
  return out;
}

/** Prepares the reading lexicon (at index time). */
export function prepareReading(aliases: AliasPair[]): Reading {
  const w = browseWords();
  // every word that shapes a list question
  const stop = [...w.list, ...w.task, ...w.target, ...w.sector, ...w.by, ...w.before, ...w.compare, ...w.actions, ...w.filler, ...w.either];
  const cues: Cues = {
    list: withDocumentWords(phraseList(w.list)), task: phraseList(w.task), target: phraseList(w.target), sector: phraseList(w.sector), lead: phraseList(w.lead),
    due: phraseList(w.due), by: phraseList(w.by), before: phraseList(w.before), compare: withDocumentWords(phraseList(w.compare)),
    numbered: phraseList(w.numbered), actions: phraseList(w.actions), filler: phraseList(w.filler), including: phraseList(w.including),
    either: phraseList(w.either), per: phraseList(w.per),
    // longest first, so "những việc" is taken out before "việc"; a word typed with other diacritics than a
    // phrase's is still taken for it: "nhũng việc", "nhưng việc" are typos of "những việc" far more often
    // than the words they also are
    stop: withDocumentWords(phraseList(stop)).sort((a, b) => b.length - a.length),
    stopTyped: stop.map((p) => normalize(p).trim()).filter((p) => !/\s/.test(p)),
    clauseWords: [...new Set([...questionWords().questionWords.accented, ...followUpWords().closers].map((w) => normalize(w).trim()).filter((w) => !/\s/.test(w)))],
    clausePhrases: phraseList(questionWords().questionPhrases.folded).filter((p) => p.length > 1),
  };
  const units = unitReading();
  const docs = documentKinds();
  const compounds = Object.fromEntries([...foldedCompounds(units.compounds)].map(([k, v]) => [k, [...v]]));
  return { cues, sectors: withAliases(sectorLexicon(), aliases), sectorHeads: phraseList(sectorHeads()), sectorRowHeads: phraseList(sectorRowHeads()), kinds: phraseList(units.kinds), notLeadAfter: phraseList(units.notLeadAfter), compounds, joiners: units.joiners.flatMap(nameTokens),
    documentWords: {
      kinds: Object.fromEntries(Object.entries(docs.kinds).map(([k, v]) => [k, phraseList(v)])), before: phraseList(docs.before), joined: phraseList(docs.joined),
      partsOfYear: Object.entries(docs.partsOfYear).map(([words, months]) => ({ words: nameTokens(words), months })),
    },
  };
}

/** Sectors with the abbreviations whose full form is one of their spellings ("CĐS" for "chuyển đổi số"). */
function withAliases(sectors: SectorEntry[], aliases: AliasPair[]): SectorEntry[] {
  // alias tokens are normalized already: folding them is enough
  const fullForms = aliases.map((a) => ({ full: a.full.map(fold).join(' '), short: a.short.join(' ') }));
  return sectors.map((s) => {
    const spellings = new Set(s.spellings.map((x) => nameTokens(x).join(' ')));
    return { ...s, spellings: [...s.spellings, ...fullForms.filter((a) => spellings.has(a.full)).map((a) => a.short)] };
  });
}

/**
 * What a list is narrowed to: a row must hold each group, and holds a group when it has all the words of
 * one of its alternatives ("CP/TTg" is one group of two alternatives; "điện thoại thông minh" one group whose
 * alternatives are the phrase and its alias "smartphone"). `label` names it as the user typed it; `unknown`
 * holds the words of five letters or more that no document uses (no row can hold them).
 */
export interface Subject {
  groups: string[][][];
  label: string;
  unknown: string[];
  /** How much each group says (rarer words say more), when the subject is long enough to be held in part. */
  weights?: number[];
  /** The parts of an enumeration, as indexes of groups ("dịch vụ công trực tuyến, hồ sơ trực tuyến"): one is enough. */
  parts?: number[][];
  /**
   * For each part, the index of the part it says where applies, else -1: brackets naming sectors say where
   * what stands before them applies ("tăng trưởng (DT bưu chính, VT, ATTT)"), and a part of them is held only
   * with the rarest group of that part ("tăng trưởng"). Other brackets name examples ("băng rộng (…, cáp quang)").
   */
  scopeOf?: number[];
}

// A subject of this many groups or fewer is held whole: "cáp quang", "dịch vụ công trực tuyến".
const HELD_WHOLE = 3;
// A longer one, typed as a whole sentence ("số lượng giao dịch qua Nền tảng tích hợp, chia sẻ dữ liệu quốc
// gia (NDXP)"), is held when a row holds its rarest group and this share of its weight. Measured (browse,
// browse-probe recall; qa, dev and dev2 unchanged throughout): 1.0 and 0.9 → 0.973, 0.924; 0.8 → 0.973,
// 0.938; 0.7 → 0.960 (a comparison takes another indicator), 0.938. Few questions have subjects this long.
const SUBJECT_SHARE = 0.8;

/** Whether a row's words hold the subject. */
export function holds(words: Set<string>, subject: Subject): boolean {
  const held = subject.groups.map((group) => group.some((alt) => alt.every((w) => words.has(w))));
  if (held.every(Boolean)) return true;
  const rarestOf = (part: number[]) => part.reduce((a, i) => ((subject.weights?.[i] ?? 0) > (subject.weights?.[a] ?? 0) ? i : a), part[0]);
  const standsIn = (p: number) => subject.parts![subject.scopeOf?.[p] ?? -1];
  if (subject.parts?.some((part, p) => part.every((i) => held[i]) && (!standsIn(p) || held[rarestOf(standsIn(p))]))) return true;
  const weights = subject.weights;
  if (!weights || subject.groups.length <= HELD_WHOLE) return false;
  const rarest = weights.indexOf(Math.max(...weights));
  const total = weights.reduce((a, b) => a + b, 0);
  const found = weights.reduce((a, w, i) => a + (held[i] ? w : 0), 0);
  return held[rarest] && found >= SUBJECT_SHARE * total;
}

/** Whether a subject narrows a list at all (words to hold, or words no row can hold). */
export function narrows(subject: Subject): boolean {
  return subject.groups.length > 0 || subject.unknown.length > 0;
}

// Unknown words shorter than this are chat and typos of function words ("ad", "nhữg", "ko"), not subjects:
// no subject the documents hold is that short and mistyped (their short words are names and abbreviations).
const UNKNOWN_WORD_MIN = 5;

/**
 * A question as tokens: folded for matching, as typed for naming them back, and the commas, semicolons
 * and brackets right before each (an enumeration's parts: "dịch vụ công trực tuyến, hồ sơ trực tuyến";
 * what brackets hold restates the subject or names examples of it: "xếp hạng Chính phủ điện tử (theo đánh
 * giá của Liên hợp quốc)", "(LGSP/NGSP, Nền tảng NDXP, dữ liệu mở)").
 */
export interface Tokens {
  folded: string[];
  typed: string[];
  /** The punctuation before each token: "", ",", "(", ")" or several of them (";" is read as ","). */
  marks: string[];
}

/** The tokens of a text. */
export function tokensOf(text: string): Tokens {
  const folded: string[] = [];
  const marks: string[] = [];
  let pending = '';
  for (const m of fold(normalize(text)).matchAll(/[a-z0-9]+|[,;()]/g)) {
    if (!/[a-z0-9]/.test(m[0])) { pending += m[0] === ';' ? ',' : m[0]; continue; }
    folded.push(m[0]);
    marks.push(pending);
    pending = '';
  }
  return { folded, typed: typedTokens(text), marks };
}

/** The spans of tokens inside brackets, one per pair: "(UPU, IDI, GCI)". */
export function bracketSpans(tokens: Tokens): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let depth = 0;
  let from = 0;
  tokens.marks.forEach((mark, i) => {
    for (const c of mark) {
      if (c === '(' && depth++ === 0) from = i;
      if (c === ')' && depth > 0 && --depth === 0 && i > from) spans.push([from, i]);
    }
  });
  if (depth > 0 && tokens.folded.length > from) spans.push([from, tokens.folded.length]);
  return spans;
}

/** The tokens without those in the spans; the punctuation before a span taken out stays before what follows it. */
export function without(tokens: Tokens, spans: Array<[number, number]>): Tokens {
  const out: Tokens = { folded: [], typed: [], marks: [] };
  let pending = '';
  tokens.folded.forEach((t, i) => {
    if (spans.some(([a, b]) => i >= a && i < b)) { pending += tokens.marks[i]; return; }
    out.folded.push(t);
    out.typed.push(tokens.typed[i]);
    out.marks.push(pending + tokens.marks[i]);
    pending = '';
  });
  return out;
}

/** Finds the units and sectors a question names, and its subject. */
export class QuestionReader {
  private readonly compounds: Map<string, Set<string>>;
  /** Each unit's name and spellings as folded words, with how many of them its kind takes ("Học viện" 2). */
  private readonly unitWords: Array<{ unit: string; name: string[]; spellings: string[][]; kind: number }>;
  /** The one-word stop phrases as written, with their diacritics. */
  private readonly stopTyped: Set<string>;
  /** The one-word stop phrases, folded. */
  private readonly stopWords: Set<string>;
  /** The words ending a question's clause, as written and folded. */
  private readonly clauseWords: Set<string>;
  private readonly clauseWordsFolded: Set<string>;

  constructor(
    readonly reading: Reading,
    private readonly units: UnitRecord[],
    private readonly aliases: AliasPair[],
    /** Folded terms the documents use. */
    private readonly vocabulary: Map<string, number>,
    /** How many passages the vocabulary's counts are out of. */
    private readonly passageCount: number,
    /** Maps a folded word the documents never use to the one it is a typo of, or returns it. */
    private readonly correct: (folded: string) => string = (w) => w,
    /** Whether the documents write two words in a row as typed (normalized, with their diacritics). */
    private readonly writesPair: (a: string, b: string) => boolean = () => false,
  ) {
    this.compounds = new Map(Object.entries(reading.compounds).map(([k, v]) => [k, new Set(v)]));
    this.stopTyped = new Set(reading.cues.stopTyped);
    this.stopWords = new Set(reading.cues.stop.filter((w) => w.length === 1).map((w) => w[0]));
    this.clauseWords = new Set(reading.cues.clauseWords);
    this.clauseWordsFolded = new Set(reading.cues.clauseWords.map(fold));
    this.unitWords = units.map((u) => {
      const name = nameTokens(u.name);
      return { unit: u.name, name, spellings: [u.name, ...u.spellings].map(nameTokens), kind: this.kindLength(name) };
    });
  }

  /** Whether the tokens hold one of the phrases. */
  has(tokens: string[], phrases: string[][]): boolean {
    return phrases.some((words) => findWords(tokens, words) !== undefined);
  }

  /** The number of tokens a unit's name gives to its kind ("Học viện …" → 2), 0 when it opens with none. */
  private kindLength(words: string[]): number {
    const kind = this.reading.kinds.filter((k) => k.every((w, i) => words[i] === w)).sort((a, b) => b.length - a.length)[0];
    return kind?.length ?? 0;
  }

  /**
   * The unit a question names: by one of its spellings, by its name typed short ("Cục XB, In và PH"), or by
   * the opening words of its name when they go past its kind and fit one unit only ("Cục Xuất bản", "Học
   * viện Bưu chính"). A unit named right after "phối hợp với" takes part but does not lead: it is not returned.
   */
  findUnit(tokens: string[]): { unit: string; start: number; end: number } | undefined {
    let found: { unit: string; start: number; end: number } | undefined;
    const m = findNamesInTokens(tokens, this.units, true, this.compounds)[0];
    if (m) found = { unit: m.entry.name, start: m.start, end: m.end };
    // a short form may go on past a spelling: "Cục XB, In và PH" past "Cục XB"
    const short = this.unitTypedShort(tokens);
    if (short && (!found || (short.start <= found.start && short.end > found.end))) found = short;
    if (!found) {
      const byPrefix = new Map<string, [number, number]>();
      for (const { unit, name: words, kind } of this.unitWords) {
        // the shortest prefix that goes past the kind first: most units are not named at all
        const shortest = Math.max(kind, 1) + 1;
        if (shortest >= words.length || !findWords(tokens, words.slice(0, shortest))) continue;
        for (let k = words.length - 1; k >= shortest; k--) {
          const at = findWords(tokens, words.slice(0, k));
          if (at && !this.compounds.get(words[0])?.has(tokens[at[0] - 1])) { byPrefix.set(unit, at); break; }
        }
      }
      if (byPrefix.size === 1) {
        const [[unit, [start, end]]] = [...byPrefix];
        found = { unit, start, end };
      }
    }
    if (found && this.reading.notLeadAfter.some((w) => w.every((x, i) => tokens[found!.start - w.length + i] === x))) return undefined;
    return found;
  }

  /** The unit a question names, with every span that names it ("Cục Phát thanh, … (Cục PTTH&TTĐT)"). */
  namedUnit(tokens: string[]): { unit: string; spans: Array<[number, number]> } | undefined {
    const first = this.findUnit(tokens);
    if (!first) return undefined;
    const spans: Array<[number, number]> = [[first.start, first.end]];
    let rest = tokens;
    // a name is rarely given more than twice; the bound keeps a pathological question cheap
    for (let i = 0; i < 3; i++) {
      const [a, b] = spans.at(-1)!;
      rest = rest.map((t, k) => (k >= a && k < b ? '\u0000' : t));
      const again = this.findUnit(rest);
      if (again?.unit !== first.unit) break;
      spans.push([again.start, again.end]);
    }
    // the kind typed by its initials before a name known without it ("TT NEAC" for "Trung tâm NEAC") is
    // part of the name, not a word of the subject
    const entry = this.unitWords.find((u) => u.unit === first.unit);
    const initials = entry && entry.kind >= 2 ? entry.name.slice(0, entry.kind).map((w) => w[0]).join('') : undefined;
    return { unit: first.unit, spans: spans.map(([a, b]) => (initials && tokens[a - 1] === initials ? [a - 1, b] : [a, b])) };
  }

  /**
   * The unit whose name the tokens hold typed short, initials and whole words mixed ("Cục XB, In và PH"):
   * the first in the text, the longest there, and only when no other unit fits the same words.
   */
  private unitTypedShort(tokens: string[]): { unit: string; start: number; end: number } | undefined {
    const joiners = new Set(this.reading.joiners);
    const fits = this.unitWords
      .map(({ unit, name, kind }) => ({ unit, at: findShortForm(tokens, name, Math.max(kind, 1), joiners) }))
      .filter((f): f is { unit: string; at: [number, number] } => f.at !== undefined && !this.compounds.get(tokens[f.at[0]])?.has(tokens[f.at[0] - 1]))
      .sort((a, b) => a.at[0] - b.at[0] || b.at[1] - a.at[1]);
    const [best, next] = fits;
    if (!best || (next && next.at[0] === best.at[0] && next.at[1] === best.at[1])) return undefined;
    return { unit: best.unit, start: best.at[0], end: best.at[1] };
  }

  /**
   * The units an argument of /donvi may mean when typed without its kind word ("/donvi tan so"): the
   * units whose name or spelling, past the kind, is in the text (two words or more, or one of four letters
   * or more, so "Bộ" alone names nothing).
   */
  unitsWithoutKind(tokens: string[]): Array<{ unit: string; start: number; end: number }> {
    const out = new Map<string, { unit: string; start: number; end: number }>();
    for (const { unit, spellings } of this.unitWords) {
      for (const all of spellings) {
        const words = all.slice(this.kindLength(all) || 1);
        if (words.length === 0 || (words.length === 1 && words[0].length < 4)) continue;
        const at = findWords(tokens, words);
        if (at && !out.has(unit)) out.set(unit, { unit, start: at[0], end: at[1] });
      }
    }
    return [...out.values()];
  }

  /** The sectors a question names ("lĩnh vực viễn thông", "bưu chính và viễn thông", "CĐS"), in order, with every span. */
  findSectors(tokens: string[]): { sectors: string[]; spans: Array<[number, number]> } | undefined {
    const plain = withoutMinistryName(tokens);
    const found = findNamesInTokens(plain, this.reading.sectors);
    // a short form right after a head word ("lĩnh vực BC") or a word naming a kind of row ("chỉ tiêu VT"),
    // where no longer name stands
    for (const head of [...this.reading.sectorHeads, ...this.reading.sectorRowHeads]) {
      for (let at = findWords(plain, head); at; at = findWords(plain, head, at[1])) {
        const next = at[1];
        const entry = this.reading.sectors.find((s) => s.headed?.some((h) => nameTokens(h).join(' ') === plain[next]));
        if (entry && !found.some((m) => m.start <= next && next < m.end)) found.push({ entry, start: next, end: next + 1 });
      }
    }
    found.sort((a, b) => a.start - b.start);
    if (found.length === 0) return undefined;
    return { sectors: [...new Set(found.map((m) => m.entry.name))], spans: found.map((m) => [m.start, m.end]) };
  }

  /**
   * The subject of a question once periods, names, years and the words that shape a list are set aside:
   * a group per word, or per phrase an alias stands for, or per pair joined by "/" in the question. The
   * `named` words (of the unit or sector the question names) are left out.
   */
  subjectOf(tokens: Tokens, raw: string, named: Set<string> = new Set()): Subject {
    const cues = this.reading.cues;
    // a word alone typed with other diacritics than a stop word's is a typo of it ("nhũng"), unless it makes
    // with a neighbour a pair the documents write so: "cố" of "cố định" is no "có"
    const t = tokens.typed;
    const writtenBeside = (i: number) => (i > 0 && this.writesPair(t[i - 1], t[i])) || (i + 1 < t.length && this.writesPair(t[i], t[i + 1]));
    const typedAsStop = (i: number) => !hasDiacritics(t[i]) || this.stopTyped.has(t[i]) || !writtenBeside(i);
    // the words of a unit's or sector's own names narrow nothing once it is named, though a typo kept them
    // out of the name found ("Cục Phát thanh truyền hìn và thông tin điện tử")
    // a number narrows nothing: a year is the list's period, and "4.0" of "GCI 4.0" is read as "4" and "0"
    const kept = keptIndexes(tokens.folded, cues.stop, typedAsStop).filter((i) => !/^\d+$/.test(tokens.folded[i]) && !named.has(tokens.folded[i]));
    // a word the documents never use: a short one is chat or a mistyped function word ("nhữg", "ad") and is
    // left out; a longer one is read as the known word it is a typo of ("GovTek"), else it stays unknown
    const rest = kept.map((i) => {
      const t = tokens.folded[i];
      return this.vocabulary.has(t) || t.length < UNKNOWN_WORD_MIN ? t : this.correct(t);
    });
    const typed = kept.map((i) => tokens.typed[i]);
    const { parts, within } = this.partOfEach(tokens, kept);
    // each group with the first kept token it stands for, so the groups keep the question's order
    const found: Array<{ group: string[][]; at: number; label: string }> = [];
    const used = new Set<number>();
    for (const m of aliasMatches([rest], this.aliases)) {
      const at = findWords(rest, m.from);
      if (!at || [...used].some((i) => i >= at[0] && i < at[1])) continue;
      for (let i = at[0]; i < at[1]; i++) used.add(i);
      found.push({ group: [m.from, m.to.map((t) => nameTokens(t).join(''))], at: at[0], label: typed.slice(at[0], at[1]).join(' ') });
    }
    // a word kept only because its neighbour makes it another word than the stop word it folds to ("cố" of
    // "cố định" is no "có") is held as that pair, never alone: a row holds "có" and "định" anywhere
    rest.forEach((t, k) => {
      if (used.has(k) || !this.stopWords.has(t)) return;
      const j = [k - 1, k + 1].find((n) => n >= 0 && n < rest.length && !used.has(n) && Math.abs(kept[n] - kept[k]) === 1
        && this.writesPair(...(n < k ? [typed[n], typed[k]] : [typed[k], typed[n]]) as [string, string]));
      if (j === undefined) return;
      const [a, b] = j < k ? [j, k] : [k, j];
      used.add(a).add(b);
      found.push({ group: [[`${rest[a]}_${rest[b]}`]], at: a, label: `${typed[a]} ${typed[b]}` });
    });
    const unknown: string[] = [];
    rest.forEach((t, i) => {
      if (used.has(i)) return;
      if (this.vocabulary.has(t)) found.push({ group: [[t]], at: i, label: typed[i] });
      else if (t.length >= UNKNOWN_WORD_MIN) unknown.push(typed[i]);
    });
    found.sort((x, y) => x.at - y.at);
    const groups = found.map((f) => f.group);
    const groupParts = found.map((f) => parts[f.at]);
    const labels = found.map((f) => f.label);
    // "CP/TTg": words joined by a slash are alternatives of one group; "bản sách/người" is a ratio
    const per = new Set(cues.per.filter((w) => w.length === 1).map((w) => w[0]));
    for (const m of fold(raw.toLowerCase()).matchAll(/([a-z][a-z0-9]*)\s?\/\s?([a-z][a-z0-9]*)/g)) {
      if (per.has(m[2])) continue;
      const a = groups.findIndex((g) => g[0].length === 1 && g[0][0] === m[1]);
      const b = groups.findIndex((g) => g[0].length === 1 && g[0][0] === m[2]);
      if (a < 0 || b < 0 || a === b) continue;
      groups[a].push(...groups[b]);
      labels[a] = `${labels[a]}/${labels[b]}`;
      groups.splice(b, 1);
      groupParts.splice(b, 1);
      labels.splice(b, 1);
    }
    // an enumeration: the groups of each of its parts
    const partIds = [...new Set(groupParts)];
    const byPart = partIds.map((n) => groupParts.flatMap((x, g) => (x === n ? [g] : [])));
    const scopes = partIds.map((n) => (within.has(n) ? partIds.indexOf(within.get(n)!) : -1));
    const weights = groups.map((g) => this.weightOf(g));
    return {
      groups, label: labels.join(' '), unknown, weights,
      ...(byPart.length > 1 ? { parts: byPart, ...(scopes.some((e) => e >= 0) ? { scopeOf: scopes } : {}) } : {}),
    };
  }

  /**
   * Which part of an enumeration each kept token is in: a comma, a semicolon or a word like "hoặc" between
   * two kept tokens starts a new part ("trình Chính phủ, Thủ tướng Chính phủ" has two). A comma after a word
   * that ends a question starts another question on the same subject, no part: "mục tiêu về game không,
   * doanh thu bao nhiêu" asks the game's revenue.
   */
  private partOfEach(tokens: Tokens, kept: number[]): { parts: number[]; within: Map<number, number> } {
    const either = new Set(this.reading.cues.either.filter((w) => w.length === 1).map((w) => w[0]));
    let part = 0;
    let next = 1;
    // the part each open bracket interrupted: the words after it go on with that part
    const interrupted: number[] = [];
    // each part opened inside brackets naming a sector, with the part the brackets stand in
    const within = new Map<number, number>();
    const inBrackets = new Map<number, number>();
    let brackets = 0;
    const parts = kept.map((q, k) => {
      let starts = false;
      for (let j = (k === 0 ? q : kept[k - 1]) + 1; j <= q; j++) {
        for (const mark of tokens.marks[j]) {
          if (mark === '(') { interrupted.push(part); part = next++; starts = false; brackets++; }
          else if (mark === ')') { part = interrupted.pop() ?? part; starts = false; }
          else if (!this.endsClause(tokens, j - 1)) starts = true;
        }
        if (j < q && either.has(tokens.folded[j])) starts = true;
      }
      if (starts) part = next++;
      if (interrupted.length) { within.set(part, interrupted[0]); inBrackets.set(part, brackets); }
      return part;
    });
    // brackets naming a sector say where what stands before them applies ("tăng trưởng (DT bưu chính, VT,
    // ATTT)"); others name examples of it ("băng rộng (…, % hộ GĐ có cáp quang)"), each a subject of its own
    const sectors = new Set((this.findSectors(tokens.folded)?.spans ?? []).flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i)));
    const scoping = new Set(kept.flatMap((q, k) => (sectors.has(q) && inBrackets.has(parts[k]) ? [inBrackets.get(parts[k])!] : [])));
    inBrackets.forEach((b, p) => { if (!scoping.has(b)) within.delete(p); });
    return { parts, within };
  }

  /**
   * Whether a token ends a question's clause: a question phrase ("bao nhiêu"), or a closer or question word
   * read with the diacritics typed ("thẻ" is no "thế"; typed bare, "the" may be either).
   */
  private endsClause(tokens: Tokens, i: number): boolean {
    const f = tokens.folded;
    if (this.reading.cues.clausePhrases.some((p) => p.every((w, k) => f[i - p.length + 1 + k] === w))) return true;
    const typed = tokens.typed[i] ?? '';
    return hasDiacritics(typed) ? this.clauseWords.has(normalize(typed)) : this.clauseWordsFolded.has(f[i]);
  }

  /** What a group says: the inverse document frequency of its commonest alternative's rarest word. */
  private weightOf(group: string[][]): number {
    const idf = (w: string) => Math.log((this.passageCount + 1) / ((this.vocabulary.get(w) ?? 0) + 1));
    // a pair held together ("co_dinh") says at least what its rarer word does
    return Math.min(...group.map((alt) => Math.max(...alt.flatMap((w) => w.split('_')).map(idf))));
  }
}

/**
 * The indexes of the tokens left once every occurrence of each phrase (longest first) is taken out. A phrase
 * of several words is also taken when one of its words is typed a letter short or long ("hoàn thàn").
 */
function keptIndexes(tokens: string[], phrases: string[][], typedAsStop: (i: number) => boolean = () => true): number[] {
  let kept = tokens.map((_, i) => i);
  for (const phrase of phrases) {
    if (phrase.length === 1) {
      kept = kept.filter((i) => tokens[i] !== phrase[0] || !typedAsStop(i));
      continue;
    }
    for (;;) {
      const words = kept.map((i) => tokens[i]);
      const at = findWords(words, phrase) ?? (phrase.length > 1 ? nearPhrase(words, phrase) : undefined);
      if (!at) break;
      kept = [...kept.slice(0, at[0]), ...kept.slice(at[1])];
    }
  }
  return kept;
}

/** Where the phrase stands with one of its words a letter short or long ("than" for "thanh"), if anywhere. */
function nearPhrase(words: string[], phrase: string[]): [number, number] | undefined {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    const off = phrase.filter((w, k) => words[i + k] !== w);
    if (off.length === 1 && phrase.every((w, k) => words[i + k] === w || oneLetterApart(words[i + k], w))) return [i, i + phrase.length];
  }
  return undefined;
}

/** Whether two words differ by one letter added or left out (never a word of two letters or fewer). */
function oneLetterApart(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || short.length < 3) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}
