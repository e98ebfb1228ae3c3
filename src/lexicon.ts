/**
 * The lexicon: word lists kept as data under lexicon/ (one file per list), validated with zod when
 * first read. A missing or malformed file stops start-up with a message naming it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.js';

/** Where the lexicon files live. */
export const LEXICON_DIR = path.join(PROJECT_ROOT, 'lexicon');

/** The files that change what the index holds (the register, and the words list questions are read with): their hash is part of the index's seeds hash. */
export const INDEX_LEXICON_FILES = ['abbreviations.json', 'units.json', 'sectors.json', 'columns.json', 'figure-units.json', 'comparators.json', 'browse-words.json', 'section-kinds.json', 'document-kinds.json', 'compounds.json'];

const NamedEntry = z.object({
  name: z.string().min(2),
  spellings: z.array(z.string().min(1)),
  /** Spellings that name the entry even without its kind word ("VNNIC" for "Trung tâm VNNIC"). */
  alone: z.array(z.string().min(2)).optional(),
});
/** A named thing (a unit, a sector) with the other ways it is written. */
export type NamedEntry = z.infer<typeof NamedEntry>;

const UnitsFile = z.object({
  about: z.string(),
  units: z.array(NamedEntry).min(1),
  kinds: z.array(z.string().min(2)).min(1),
  notLeadAfter: z.array(z.string().min(1)),
  compounds: z.record(z.string().min(1), z.array(z.string().min(1))),
  joiners: z.array(z.string().min(1)),
});
const SectorEntry = NamedEntry.extend({
  /** Short forms that name the sector only right after a head word ("lĩnh vực BC", "ngành VT"). */
  headed: z.array(z.string().min(1)).optional(),
});
/** A sector with the other ways it is written. */
export type SectorEntry = z.infer<typeof SectorEntry>;
const SectorsFile = z.object({ about: z.string(), heads: z.array(z.string().min(1)).min(1), rowHeads: z.array(z.string().min(1)), sectors: z.array(SectorEntry).min(1) });

/** Roles a table column can play, by header. */
export const COLUMN_ROLES = ['task', 'lead', 'cooperating', 'deadline', 'submission', 'level', 'target', 'baseline', 'note'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];
const ColumnsFile = z.object({ about: z.string(), roles: z.record(z.enum(COLUMN_ROLES), z.array(z.string().min(2))) });

const cache = new Map<string, unknown>();

/** Reads and validates one lexicon file; throws a message naming the file and the problem. */
export function readLexicon<T>(file: string, schema: z.ZodType<T>): T {
  if (cache.has(file)) return cache.get(file) as T;
  const full = path.join(LEXICON_DIR, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new Error(`${full}: cannot be read as JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${full} is not valid: ${issues}`);
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

/** The Ministry's units and their spellings (lexicon/units.json). */
export function unitLexicon(): NamedEntry[] {
  return readLexicon('units.json', UnitsFile).units;
}

/**
 * How unit names are read in questions: the kind words names open with ("cục", "học viện"), the words
 * after which a named unit only takes part ("phối hợp với"), and, for a kind word that is also an
 * everyday syllable ("vụ"), the syllables before it that make it part of another word ("dịch vụ"), and the
 * words a name typed short may leave out ("và").
 */
export function unitReading(): { kinds: string[]; notLeadAfter: string[]; compounds: Record<string, string[]>; joiners: string[] } {
  const { kinds, notLeadAfter, compounds, joiners } = readLexicon('units.json', UnitsFile);
  return { kinds, notLeadAfter, compounds, joiners };
}

/** The sectors and their spellings (lexicon/sectors.json). */
export function sectorLexicon(): SectorEntry[] {
  return readLexicon('sectors.json', SectorsFile).sectors;
}

const CompoundsFile = z.object({ about: z.string(), pairs: z.array(z.string().regex(/^\S+ \S+$/u, 'a pair of two syllables')).min(1) });

/** Pairs of syllables that make one word ("trung hạn", "hạn chế"; lexicon/compounds.json). */
export function compoundPairs(): string[] {
  return readLexicon('compounds.json', CompoundsFile).pairs;
}

/** The words that head a sector's name ("lĩnh vực", "ngành"; lexicon/sectors.json). */
export function sectorHeads(): string[] {
  return readLexicon('sectors.json', SectorsFile).heads;
}

/** The words naming a kind of row after which a sector's short form names it ("chỉ tiêu VT"; lexicon/sectors.json). */
export function sectorRowHeads(): string[] {
  return readLexicon('sectors.json', SectorsFile).rowHeads;
}

/** Column headers by role (lexicon/columns.json). */
export function columnRoles(): Partial<Record<ColumnRole, string[]>> {
  return readLexicon('columns.json', ColumnsFile).roles;
}

const FigureUnitsFile = z.object({
  about: z.string(),
  multipliers: z.record(z.string().min(1), z.number().positive()),
  units: z.array(z.string().min(1)).min(1),
  durations: z.array(z.string().min(1)),
  per: z.array(z.string().min(1)),
  perEnds: z.array(z.string().min(1)),
  ranks: z.array(z.string().min(1)),
  notUnits: z.array(z.string().min(1)),
});

/**
 * Multipliers ("tỷ" = 1e9), units a figure is counted in (longest first), the units of time, the words of a
 * share per head ("mỗi"), and the words that name a rank (lexicon/figure-units.json).
 */
export function figureUnits(): {
  multipliers: Map<string, number>; units: string[]; durations: string[]; per: string[]; perEnds: string[]; ranks: string[]; notUnits: string[];
} {
  const file = readLexicon('figure-units.json', FigureUnitsFile);
  const byLength = (a: string, b: string) => b.length - a.length;
  return {
    multipliers: new Map(Object.keys(file.multipliers).sort(byLength).map((k) => [k, file.multipliers[k]])),
    units: [...file.units].sort(byLength),
    durations: file.durations,
    per: file.per,
    perEnds: file.perEnds,
    ranks: file.ranks,
    notUnits: file.notUnits,
  };
}

/** How a target's figure is to be met. */
export const COMPARATORS = ['at_least', 'over', 'at_most', 'under', 'top', 'group', 'about', 'increase', 'times'] as const;
export type Comparator = (typeof COMPARATORS)[number];
const ComparatorsFile = z.object({ about: z.string(), comparators: z.record(z.enum(COMPARATORS), z.array(z.string().min(1))) });

/** Comparator words by kind (lexicon/comparators.json). */
export function comparatorWords(): Partial<Record<Comparator, string[]>> {
  return readLexicon('comparators.json', ComparatorsFile).comparators;
}

const BrowseWordsFile = z.object({
  about: z.string(),
  list: z.array(z.string().min(1)),
  task: z.array(z.string().min(1)),
  target: z.array(z.string().min(1)),
  sector: z.array(z.string().min(1)),
  lead: z.array(z.string().min(1)),
  due: z.array(z.string().min(1)),
  by: z.array(z.string().min(1)),
  before: z.array(z.string().min(1)),
  compare: z.array(z.string().min(1)),
  numbered: z.array(z.string().min(1)),
  actions: z.array(z.string().min(1)),
  filler: z.array(z.string().min(1)),
  including: z.array(z.string().min(1)),
  either: z.array(z.string().min(1)),
  per: z.array(z.string().min(1)),
});
/** Words that shape a list question (lexicon/browse-words.json). */
export type BrowseWords = z.infer<typeof BrowseWordsFile>;

/** Words that shape a list question (lexicon/browse-words.json). */
export function browseWords(): BrowseWords {
  return readLexicon('browse-words.json', BrowseWordsFile);
}

const SectionKindsFile = z.object({ about: z.string(), plan: z.array(z.string().min(2)).min(1), result: z.array(z.string().min(2)).min(1) });

/** Heading words that mark a section of plans or of results (lexicon/section-kinds.json). */
export function sectionKinds(): { plan: string[]; result: string[] } {
  const { plan, result } = readLexicon('section-kinds.json', SectionKindsFile);
  return { plan, result };
}

/** Forgets every list read so far, so the next reads see the files as they are now (a rebuild after an edit). */
export function forgetLexicon(): void {
  cache.clear();
  for (const forget of forgetters) forget();
}

const forgetters: Array<() => void> = [];

/** Registers what to clear, besides the files, when the lexicon is read again (caches built from it). */
export function onLexiconForgotten(forget: () => void): void {
  forgetters.push(forget);
}

const FollowupsFile = z.object({ about: z.string(), next: z.array(z.string().min(1)).min(1), previous: z.array(z.string().min(1)).min(1) });

/** What people type to turn a list's pages (lexicon/followups.json), lower case. */
export function pagingWords(): { next: Set<string>; previous: Set<string> } {
  const { next, previous } = readLexicon('followups.json', FollowupsFile);
  const lower = (list: string[]) => new Set(list.map((w) => w.normalize('NFC').toLowerCase()));
  return { next: lower(next), previous: lower(previous) };
}

const FollowUpWordsFile = z.object({
  about: z.string(),
  openers: z.array(z.string().min(1)).min(1),
  closers: z.array(z.string().min(1)).min(1),
  references: z.array(z.string().min(1)).min(1),
  asks: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  notAsks: z.array(z.string().min(1)),
  filler: z.array(z.string().min(1)),
  period: z.array(z.string().min(1)).min(1),
  more: z.array(z.string().min(1)).min(1),
  relativeYears: z.record(z.string().min(1), z.number().int()),
  chatForms: z.record(z.string().min(1), z.string().min(1)),
  continuing: z.array(z.string().min(1)).min(1),
  leadAsk: z.object({ who: z.array(z.string().min(1)).min(1), verb: z.string().min(1) }),
  unitVerbs: z.array(z.string().min(1)).min(1),
  moreOf: z.object({ opener: z.string().min(1), nouns: z.array(z.string().min(1)).min(1), tails: z.array(z.string().min(1)).min(1) }),
  yearParts: z.array(z.string().min(1)),
  plain: z.array(z.string().min(1)),
  unitPointers: z.object({ generic: z.array(z.string().min(1)).min(1), pointers: z.array(z.string().min(1)).min(1) }),
  unitTasks: z.string().min(1),
  referenceNouns: z.array(z.string().min(1)),
});
/** How people follow up on their last question (lexicon/follow-up-words.json). */
export type FollowUpWords = z.infer<typeof FollowUpWordsFile>;

/** How people follow up on their last question: openers, closers, asks by kind, and asking for more (lexicon/follow-up-words.json). */
export function followUpWords(): FollowUpWords {
  return readLexicon('follow-up-words.json', FollowUpWordsFile);
}

const SmallTalkFile = z.object({
  about: z.string(),
  greetings: z.array(z.string().min(1)).min(1),
  thanks: z.array(z.string().min(1)).min(1),
  acknowledgements: z.array(z.string().min(1)).min(1),
  goodbyes: z.array(z.string().min(1)).min(1),
  capabilities: z.array(z.string().min(1)).min(1),
  continuations: z.array(z.string().min(1)).min(1),
  filler: z.array(z.string().min(1)),
  openers: z.array(z.string().min(1)),
});

/** Chat that is no question: greetings, thanks, acknowledgements, goodbyes, asking what the bot does (lexicon/small-talk.json). */
export function smallTalkWords(): z.infer<typeof SmallTalkFile> {
  return readLexicon('small-talk.json', SmallTalkFile);
}

const YearWordsFile = z.object({
  about: z.string(),
  reference: z.array(z.string().min(1)).min(1),
  horizon: z.array(z.string().min(1)).min(1),
  planNames: z.array(z.string().min(1)).min(1),
  dueParts: z.array(z.string().min(1)).min(1),
  dueSpans: z.array(z.string().min(1)).min(1),
});

/** Words that make the year after them a year of reference ("so với năm 2020"), lower case (lexicon/year-words.json). */
export function referenceYearWords(): string[] {
  return readLexicon('year-words.json', YearWordsFile).reference.map((w) => w.normalize('NFC').toLowerCase());
}

/** Words that make the year after them the far horizon of a plan ("định hướng đến năm 2030"), lower case (lexicon/year-words.json). */
export function horizonYearWords(): string[] {
  return readLexicon('year-words.json', YearWordsFile).horizon.map((w) => w.normalize('NFC').toLowerCase());
}

/** Words of a time a task can be due: parts of a year by number ("quý"), spans ("trong vòng"), lower case (lexicon/year-words.json). */
export function dueTimeWords(): { parts: string[]; spans: string[] } {
  const f = readLexicon('year-words.json', YearWordsFile);
  return { parts: f.dueParts.map((w) => w.normalize('NFC').toLowerCase()), spans: f.dueSpans.map((w) => w.normalize('NFC').toLowerCase()) };
}

/** Words that open the name of a plan or a legal document, capitalised as written ("Chiến lược") (lexicon/year-words.json). */
export function planNameWords(): string[] {
  return readLexicon('year-words.json', YearWordsFile).planNames.map((w) => w.normalize('NFC'));
}

const FigureQuestionsFile = z.object({
  about: z.string(),
  amount: z.array(z.string().min(1)).min(1),
  amountBeforeUnit: z.array(z.string().min(1)),
  ordinal: z.array(z.string().min(1)).min(1),
  identifier: z.array(z.string().min(1)).min(1),
  measures: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  measureNouns: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  namedMeasures: z.array(z.string().min(1)),
  rates: z.array(z.string().min(1)).min(1),
  shares: z.array(z.string().min(1)).min(1),
  numberWords: z.array(z.string().min(1)).min(1),
});

/**
 * How a question asks for a figure: how many or how much, a place in an order, a number naming a thing; the
 * units of measure an amount asked must be counted in, as the documents write them, and the ordinals in words (lexicon/figure-questions.json).
 */
export function figureQuestions(): z.infer<typeof FigureQuestionsFile> {
  return readLexicon('figure-questions.json', FigureQuestionsFile);
}

const ProvincesFile = z.object({
  about: z.string(),
  at: z.array(z.string().min(1)).min(1),
  heads: z.array(z.string().min(1)).min(1),
  provinces: z.array(NamedEntry.extend({ word: z.boolean().optional() })).min(1),
});

/**
 * The provinces and centrally-run cities with the ways officials write them; `word` marks a name that is also
 * an everyday word ("hòa bình"), read only when capitalised (lexicon/provinces.json).
 */
export function provinces(): z.infer<typeof ProvincesFile>['provinces'] {
  return readLexicon('provinces.json', ProvincesFile).provinces;
}

/** The provinces whose names are no everyday words ("hòa bình" is): read where case is not seen. */
export function plainlyNamedProvinces(): z.infer<typeof ProvincesFile>['provinces'] {
  return provinces().filter((p) => !p.word);
}

/** The words a province's name follows as a place ("sở", "tỉnh"; lexicon/provinces.json). */
export function provinceHeads(): string[] {
  return readLexicon('provinces.json', ProvincesFile).heads;
}

/** The words that stand before a place's name ("tại", "ở"; lexicon/provinces.json). */
export function placeWords(): string[] {
  return readLexicon('provinces.json', ProvincesFile).at;
}

const DocumentKindsFile = z.object({
  about: z.string(),
  kinds: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  before: z.array(z.string().min(1)),
  joined: z.array(z.string().min(1)),
  generic: z.object({ quantifiers: z.array(z.string().min(1)).min(1), words: z.array(z.string().min(1)) }),
  partsOfYear: z.record(z.string().min(1), z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(12)])),
});

/**
 * How a question names a document: each catalog kind's spellings, the words a bare kind needs before it,
 * the words joining a document to one named before it, and how it speaks of the documents as a whole
 * (lexicon/document-kinds.json).
 */
export function documentKinds(): { kinds: Record<string, string[]>; before: string[]; joined: string[]; generic: { quantifiers: string[]; words: string[] }; partsOfYear: Record<string, [number, number]> } {
  const { kinds, before, joined, generic, partsOfYear } = readLexicon('document-kinds.json', DocumentKindsFile);
  return { kinds, before, joined, generic, partsOfYear };
}

const OtherBodiesFile = z.object({
  about: z.string(),
  ministry: NamedEntry,
  bodies: z.array(NamedEntry).min(1),
  partyBefore: z.array(z.string().min(1)).min(1),
  cooperation: z.array(z.string().min(1)).min(1),
});

/**
 * The ministries and ministerial-level agencies other than the Ministry, the Ministry's own spellings, the
 * words after which a body named only takes part or is addressed ("phối hợp với", "gửi"), and the words that
 * ask about working together (lexicon/other-bodies.json).
 */
export function otherBodies(): z.infer<typeof OtherBodiesFile> {
  return readLexicon('other-bodies.json', OtherBodiesFile);
}

const AbbreviationsFile = z.object({ about: z.string(), groups: z.record(z.string(), z.array(z.tuple([z.string().min(1), z.string().min(2)]))) });

/** Abbreviations and their full forms, [short, full], every group together (lexicon/abbreviations.json). */
export function abbreviations(): Array<[string, string]> {
  return Object.values(readLexicon('abbreviations.json', AbbreviationsFile).groups).flat();
}

const FoldedList = z.object({ about: z.string(), folded: z.array(z.string().regex(/^[a-z0-9 %]+$/, 'folded: no diacritics, lower case')) });
const QuestionWordsFile = z.object({
  about: z.string(),
  questionPhrases: FoldedList,
  questionWords: FoldedList.extend({ accented: z.array(z.string().min(1)) }),
  functionWords: FoldedList.extend({ accented: z.array(z.string().min(1)) }),
  nonContentPhrases: FoldedList,
  intents: z.object({
    about: z.string(),
    order: z.array(z.enum(['deadline', 'unit', 'target', 'task', 'overview'])),
    phrases: z.record(z.string(), z.array(z.string().min(1))),
  }),
  planned: FoldedList,
  achieved: FoldedList,
});

/** How a question is read: question words, function words, what asks which kind of answer (lexicon/question-words.json). */
export function questionWords(): z.infer<typeof QuestionWordsFile> {
  return readLexicon('question-words.json', QuestionWordsFile);
}

// a form must hold a word: one of signs only ("%") would stand everywhere
const SynonymForm = z.string().regex(/[\p{L}\p{N}]/u, 'a form must hold a word');
const SynonymsFile = z.object({ about: z.string(), typed: z.record(SynonymForm, z.array(SynonymForm).min(1)), accentedOnly: z.array(z.string()) });

/** Words officials type, each with the words the documents write for it, and those to be typed with their diacritics (lexicon/synonyms.json). */
export function synonyms(): { typed: Record<string, string[]>; accentedOnly: string[] } {
  const { typed, accentedOnly } = readLexicon('synonyms.json', SynonymsFile);
  return { typed, accentedOnly };
}
