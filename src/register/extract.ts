/**
 * Extraction of the register at index time: tasks (lead unit, cooperating units, deadline) and targets
 * (indicator, figure, year) from every table whose columns say so, and from sentences that state a
 * target or name a lead unit plainly. Units are made canonical through lexicon/units.json; a unit a table
 * names that the lexicon lacks is kept under its own spelling and reported.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import type { Passage } from '../ingest/parse.js';
import { sentenceRanges } from '../ingest/split.js';
import { columnRoles, figureUnits, onLexiconForgotten, sectionKinds, sectorLexicon, unitLexicon, unitReading, type ColumnRole, type NamedEntry } from '../lexicon.js';
import { escapeRegExp, yearsIn } from '../text/analyzer.js';
import { parseDeadline, readDate, yearOf } from './dates.js';
import { findFigures } from './figures.js';
import { findNames, findNamesInTokens, foldedCompounds, nameTokens, withoutMinistryName } from './names.js';
import type { Register, SectorSection, Target, TargetValue, Task, UnitRecord } from './types.js';

/** What the extractor needs of the corpus: passages by id, the catalog and each seed's lines. */
export interface ExtractInput {
  passages: Passage[];
  catalog: CatalogEntry[];
  lines: Map<string, string[]>;
}

const rolesByHeader = new Map<string, ColumnRole | undefined>();
onLexiconForgotten(() => { rolesByHeader.clear(); sectorByLabel.clear(); headingKinds = undefined; });

/** The roles of a table's columns, by header. */
export function columnRolesOf(columns: string[]): Array<ColumnRole | undefined> {
  const roles = columnRoles();
  return columns.map((header) => {
    if (rolesByHeader.has(header)) return rolesByHeader.get(header);
    const h = nameTokens(header).join(' ');
    let best: { role: ColumnRole; length: number } | undefined;
    for (const [role, spellings] of Object.entries(roles) as Array<[ColumnRole, string[]]>) {
      for (const s of spellings) {
        const w = nameTokens(s).join(' ');
        if ((h === w || h.startsWith(w + ' ')) && (!best || w.length > best.length)) best = { role, length: w.length };
      }
    }
    rolesByHeader.set(header, best?.role);
    return best?.role;
  });
}

const wordsPattern = (words: string[]) => new RegExp(words.map(escapeRegExp).join('|'), 'iu');
let headingKinds: { plan: RegExp; result: RegExp } | undefined;

/** Patterns of the heading words that mark plans and results (lexicon/section-kinds.json). */
function kinds(): { plan: RegExp; result: RegExp } {
  headingKinds ??= { plan: wordsPattern(sectionKinds().plan), result: wordsPattern(sectionKinds().result) };
  return headingKinds;
}

/**
 * Whether a passage states plans rather than results: its nearest heading that says either decides;
 * in a directive, with no such heading, it is a plan.
 */
export function isPlanContext(headingPath: string[], doc: CatalogEntry | undefined): boolean {
  for (let i = headingPath.length - 1; i >= 0; i--) {
    if (kinds().result.test(headingPath[i])) return false;
    if (kinds().plan.test(headingPath[i])) return true;
  }
  return doc?.kind === 'chỉ thị';
}

const sectorByLabel = new Map<string, string | undefined>();

/** The sector a label names: a table's sector row, or a heading "Lĩnh vực …". */
export function sectorOfLabel(label: string, sectors: NamedEntry[] = sectorLexicon()): string | undefined {
  if (sectorByLabel.has(label)) return sectorByLabel.get(label);
  const sector = findNamesInTokens(withoutMinistryName(nameTokens(label)), sectors)[0]?.entry.name;
  sectorByLabel.set(label, sector);
  return sector;
}

// A heading that names a sector: "2.2. Lĩnh vực Viễn thông", "II. LĨNH VỰC VIỄN THÔNG", "7.5.5. Về Xuất bản, In và Phát hành".
const SECTOR_HEADING = /^(?:[\dIVXA-H]+[.)]?\s*)*(?:lĩnh vực|về)\s+(.+)$/iu;

/** Where a heading path names a sector: the heading's index and the sector, deepest first; undefined when none does. */
export function sectorHeading(path: string[], sectors: NamedEntry[] = sectorLexicon()): { at: number; sector: string } | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const m = SECTOR_HEADING.exec(path[i]);
    const sector = m ? sectorOfLabel(m[1], sectors) : undefined;
    if (sector) return { at: i, sector };
  }
  return undefined;
}

/** The sector of a passage: its table's sector row, or the deepest heading naming one. */
export function sectorOf(p: Passage, sectors: NamedEntry[] = sectorLexicon()): string | undefined {
  if (p.table?.sector) return sectorOfLabel(p.table.sector, sectors);
  return sectorHeading(p.headingPath, sectors)?.sector;
}

/** Canonical units: the lexicon's, plus any unit a lead cell names that the lexicon lacks. */
class UnitBook {
  private readonly entries: NamedEntry[];
  private readonly added = new Map<string, UnitRecord>();

  constructor() {
    this.entries = unitLexicon();
  }

  /** The canonical units a cell names ("VNNIC, Cục PTTH&TTĐT" → two). Unknown unit-like parts are added. */
  unitsIn(cell: string, addUnknown: boolean): string[] {
    const found = findNames(cell, this.entries, true).map((m) => m.entry.name);
    if (found.length || !addUnknown) return [...new Set(found)];
    const parts = cell.split(/[,;]|\s[-–]\s|^\s*-\s*/u).map((s) => s.trim()).filter((s) => /^\p{Lu}/u.test(s) && s.length <= 80);
    for (const part of parts) {
      if (/^Các\s/u.test(part)) continue; // "Các cơ quan, đơn vị có liên quan"
      const key = nameTokens(part).join(' ');
      if (!this.added.has(key)) this.added.set(key, { name: part, spellings: [], origin: 'document' });
      found.push(this.added.get(key)!.name);
    }
    return [...new Set(found)];
  }

  /** Every unit: the lexicon's and those added from the documents. */
  records(): UnitRecord[] {
    return [
      ...this.entries.map((e) => ({ ...e, origin: 'lexicon' as const })),
      ...this.added.values(),
    ];
  }

  /** The lexicon entries and the added units, for matching names in questions. */
  named(): NamedEntry[] {
    return [...this.entries, ...[...this.added.values()].map((u) => ({ name: u.name, spellings: [] }))];
  }
}

const TARGET_CELL = /^(?<indicator>.+?):\s*(?<value>[<>≥≤]?\s*\d[\d.,]*\s*(?:-\s*\d[\d.,]*)?\s*%?)\s*$/u;

function documentYear(doc: CatalogEntry | undefined): number | undefined {
  return doc ? yearOf(doc.date) : undefined;
}

/** The line of `doc` within [from, to] that holds `text` (its opening words), or `from`. */
function lineOf(lines: string[] | undefined, from: number, to: number, text: string): number {
  if (!lines || from === to) return from;
  const probe = text.slice(0, 40);
  for (let l = from; l <= to; l++) if (lines[l - 1]?.includes(probe)) return l;
  return from;
}

/** The clauses of a text that can each hold one target: sentences cut at ";". */
function targetClauses(text: string): string[] {
  return sentenceRanges(text).flatMap(([a, b]) => text.slice(a, b).split(/;\s+/u)).map((c) => c.replace(/^[\s\-•+*]+/u, '').trim()).filter(Boolean);
}

// Words a unit's name may run on by before "chủ trì" when typed with a mistake ("Cục Tần số vô truyến
// điện chủ trì"); more would be another clause. Measured on the seeds: 0 loses that one sentence task, 3
// finds it and no sentence task more, 5 would start to take a unit from the clause before.
const NAME_TAIL = 3;

// A lead-in that sets the year of what follows: "Đến năm 2025:", "Mục tiêu đến hết năm 2025,".
const YEAR_LEAD = /^(?:[^.:;]{0,40}?)(?:đến|tới|trong|vào|hết)\s+(?:hết\s+)?năm\s+(20\d\d)\s*[:,]/iu;

/** Extracts the register from the parsed corpus. */
export function extractRegister(input: ExtractInput): Register & { log: string[] } {
  const documents = new Map(input.catalog.map((c) => [c.file, c]));
  const sectors = sectorLexicon();
  const units = new UnitBook();
  const compounds = foldedCompounds(unitReading().compounds);
  const durations = new Set(figureUnits().durations);
  const tasks: Task[] = [];
  const targets: Target[] = [];
  const seenClauses = new Set<string>();

  input.passages.forEach((p, passageId) => {
    const doc = documents.get(p.doc);
    const docYear = documentYear(doc);
    const sector = sectorOf(p, sectors);
    const base = { doc: p.doc, section: p.headingPath, passageId };

    if (p.kind === 'row' && p.table) {
      const roles = columnRolesOf(p.table.columns);
      const cell = (role: ColumnRole) => {
        const i = roles.indexOf(role);
        return i >= 0 ? (p.table!.cells[i] ?? '').trim() : '';
      };
      const name = cell('task');
      if (!name) return;
      const leadWritten = cell('lead');
      const leads = leadWritten ? units.unitsIn(leadWritten, true) : [];
      const source = { ...base, line: p.lineStart, from: 'table' as const };
      const targetColumn = roles.indexOf('target');
      const asTarget = TARGET_CELL.exec(name);
      if (targetColumn >= 0 || asTarget) {
        // a target table, even one that copies a task table's header: "Tỷ lệ …: 60 %", or a "Mục tiêu 2021" column
        const valueText = targetColumn >= 0 ? p.table.cells[targetColumn] ?? '' : asTarget!.groups!.value;
        const headerYears = targetColumn >= 0 ? yearsIn(p.table.columns[targetColumn]) : [];
        const deadline = parseDeadline(cell('deadline'), docYear);
        const years = headerYears.length ? headerYears : deadline.range ? [yearOf(deadline.range.to)] : docYear ? [docYear] : [];
        const values = findFigures(valueText, true).map((f) => ({ ...f, year: years.at(-1) }));
        if (values.length === 0) return;
        targets.push({
          id: targets.length, ...source, text: targetColumn >= 0 ? `${name}: ${valueText}` : name,
          indicator: targetColumn >= 0 ? name : asTarget!.groups!.indicator.trim(), values, years, leads, sector,
        });
        return;
      }
      const deadlineCell = cell('deadline');
      const submission = cell('submission');
      if (!leadWritten && !deadlineCell && !submission) return;
      const deadline = parseDeadline(submission || deadlineCell, docYear);
      const docDate = doc?.date.length === 10 ? doc.date : undefined;
      tasks.push({
        id: tasks.length, ...source, text: name, leadWritten, leads,
        cooperatingWritten: cell('cooperating'), cooperating: units.unitsIn(cell('cooperating'), false),
        deadline, kind: submission ? 'submitted' : 'task', sector,
        beforeDocument: !submission && docDate !== undefined && deadline.range !== undefined && deadline.range.to < docDate,
      });
      return;
    }

    if (p.kind !== 'text') return;
    const lines = input.lines.get(p.doc);

    // sentences that name a lead unit plainly: "Cục Viễn thông chủ trì, phối hợp … nghiên cứu …"
    for (const [a, b] of sentenceRanges(p.text)) {
      const sentence = p.text.slice(a, b).replace(/^[\s\-•+*]+/u, '').trim();
      const at = sentence.search(/chủ trì[,:]?\s/iu);
      if (at < 0) continue;
      const named = findNames(sentence.slice(0, at), units.named(), false, compounds).at(-1);
      // the unit must stand right before "chủ trì", give or take a mistyped tail ("Cục Tần số vô truyến điện")
      if (!named || nameTokens(sentence.slice(0, at)).length - named.end > NAME_TAIL) continue;
      const key = `${p.doc}|task|${sentence}`;
      if (seenClauses.has(key)) continue;
      seenClauses.add(key);
      const due = DEADLINE_PHRASE.exec(sentence);
      const date = due ? readDate(due[0], docYear) : undefined;
      tasks.push({
        id: tasks.length, ...base, line: lineOf(lines, p.lineStart, p.lineEnd, sentence), from: 'sentence',
        text: sentence, leadWritten: named.entry.name, leads: [named.entry.name], cooperatingWritten: '', cooperating: [],
        deadline: date ? { written: due![0], ...date } : { written: '', precision: 'undated' },
        kind: 'task', sector: sector ?? sectorInSentence(sentence, sectors), beforeDocument: false,
      });
    }

    // in plans, a clause that sets a figure (with its unit or comparator) states a target
    if (!isPlanContext(p.headingPath, doc)) return;
    let leadYear: number | undefined;
    const headingYears = yearsIn(p.headingPath.at(-1) ?? '');
    for (const clause of targetClauses(p.text)) {
      const lead = YEAR_LEAD.exec(clause);
      if (lead) leadYear = Number(lead[1]);
      // figures counted in time ("trong 5 ngày") are durations, not targets
      const figures = findFigures(clause).filter((f) => !(f.unit && durations.has(f.unit)) || f.comparator);
      if (figures.length === 0) continue;
      const key = `${p.doc}|target|${clause}`;
      if (seenClauses.has(key)) continue;
      seenClauses.add(key);
      const values: TargetValue[] = figures.map((f) => ({ ...f, year: yearAfter(clause, f.end) ?? yearBefore(clause, f.start) ?? leadYear ?? headingYears.at(-1) ?? docYear }));
      const years = [...new Set(values.map((v) => v.year).filter((y): y is number => y !== undefined))].sort();
      let indicator = clause;
      for (const f of [...figures].reverse()) indicator = indicator.slice(0, f.start) + indicator.slice(f.end);
      targets.push({
        id: targets.length, ...base, line: lineOf(lines, p.lineStart, p.lineEnd, clause), from: 'sentence',
        text: clause, indicator: indicator.replace(/\s+/g, ' ').trim(), values, years, leads: [], sector,
      });
    }
  });

  const log = units.records().filter((u) => u.origin === 'document').map((u) => `unit not in lexicon/units.json, kept as written: ${u.name}`);
  const sections = extractSectorSections(input.passages, documents, sectors);
  return { tasks, targets, units: units.records(), sections, log };
}

// A deadline said in a sentence: "trước ngày 30/6/2023", "trong quý II/2023", "hoàn thành trong tháng 5/2023".
const DEADLINE_PHRASE = /(?:trước|chậm nhất|hạn|hoàn thành trong|xong trong|trong)\s+(?:ngày\s+)?(?:\d{1,2}\/\d{1,2}\/\d{4}|(?:quý|tháng)\s+[\dIVX]+(?:\s*-\s*\d+)?\s*\/\s*\d{4}|năm\s+\d{4})/iu;

/** "Trong lĩnh vực viễn thông, Cục Viễn thông chủ trì …": the sector a sentence names itself. */
function sectorInSentence(sentence: string, sectors: NamedEntry[]): string | undefined {
  const m = /lĩnh vực\s+([^,.;]{3,60})/iu.exec(sentence);
  return m ? sectorOfLabel(m[1], sectors) : undefined;
}

/** A year named within a few words after a figure: "25% dân số vào năm 2025". */
export function yearAfter(clause: string, from: number): number | undefined {
  // "tăng 5% so với năm 2021": the year compared with, not the year of the target
  const m = /^(?:(?!so với)[^;,.]){0,40}?(?<!so với )(?<![\p{L}\p{N}])(?:năm|đến|tới)\s+(20\d\d)(?![\p{N}])/u.exec(clause.slice(from));
  return m ? Number(m[1]) : undefined;
}

/** The last year named before a figure in the same clause: "Đến năm 2025, … đạt 80%". */
export function yearBefore(clause: string, to: number): number | undefined {
  // a year on its own, or closing a month or quarter ("đến tháng 12/2022"), not a document's number
  const years = [...clause.slice(0, to).matchAll(/(?:(?<![\d/])|(?<=(?:tháng|quý)\s+[\dIVX]{1,4}\s*\/\s*))(20\d\d)(?![\d/])/gu)].map((m) => Number(m[1]));
  return years.at(-1);
}

/**
 * The sections that state a sector's priorities: directly under a "Lĩnh vực …" heading, either the
 * sector section of a directive or its plan sub-section ("Nhiệm vụ trọng tâm năm 2023", "Định hướng
 * giai đoạn 2024 - 2025"); years from that heading, else the document's.
 */
export function extractSectorSections(passages: Passage[], documents: Map<string, CatalogEntry>, sectors: NamedEntry[] = sectorLexicon()): SectorSection[] {
  const out = new Map<string, SectorSection & { parent: string; planned: boolean }>();
  // passages of one section share the answer: worked out once per heading path
  const decided = new Map<string, string | undefined>();
  passages.forEach((p, id) => {
    if (p.kind !== 'text') return;
    const path = p.doc + '\u0000' + p.headingPath.join('\u0000');
    if (decided.has(path)) {
      const key = decided.get(path);
      if (key) out.get(key)!.passageIds.push(id);
      return;
    }
    decided.set(path, undefined);
    // the outermost "Lĩnh vực …" heading, and the sector named deepest ("Về Xuất bản" inside báo chí)
    const at = p.headingPath.findIndex((h) => /^(?:[\dIVX]+[.)]?\s*)*lĩnh vực\s/iu.test(h));
    const named = sectorHeading(p.headingPath, sectors);
    if (at < 0 || !named || named.at < at) return;
    const below = p.headingPath.slice(at + 1);
    const doc = documents.get(p.doc);
    // the sector section itself (a directive) or one plan heading under it, with at most a sub-heading below
    const plan = below[0];
    if (plan !== undefined && (!kinds().plan.test(plan) || kinds().result.test(plan))) return;
    if (below.length > 2) return;
    if (!isPlanContext(p.headingPath, doc)) return;
    const headingYears = plan ? yearsIn(plan) : [];
    const years = headingYears.length ? headingYears : doc ? [yearOf(doc.date)] : [];
    const heading = named.at > at + 1 ? below.slice(0, named.at - at).join(' › ') : plan ?? p.headingPath[at];
    const parent = `${p.doc}|${p.headingPath.slice(0, at + 1).join('›')}`;
    const key = `${parent}|${plan ?? ''}|${named.sector}`;
    if (!out.has(key)) out.set(key, { sector: named.sector, years, doc: p.doc, heading, passageIds: [], parent, planned: plan !== undefined });
    out.get(key)!.passageIds.push(id);
    decided.set(path, key);
  });
  // where a sector section has plan sub-sections, its opening paragraphs are a preamble, not items
  const planned = new Set([...out.values()].filter((s) => s.planned).map((s) => s.parent));
  return [...out.values()].filter((s) => s.planned || !planned.has(s.parent))
    .map(({ sector, years, doc, heading, passageIds }) => ({ sector, years, doc, heading, passageIds }))
    .concat(paragraphRuns(passages, documents, sectors));
}

// A paragraph that opens on a sector, in its first clause: "Về lĩnh vực an toàn thông tin mạng, …",
// "Theo Bộ trưởng …, nhiệm vụ trong lĩnh vực Bưu chính sẽ …".
const SECTOR_OPENING = /^(?:[^.,;:]{0,60},\s*)?[^.,;:]{0,30}?lĩnh vực\s+([^.,;:]{2,60})/iu;

/**
 * Sectors in a document with no sector headings (a news report of a meeting): a paragraph that opens on a sector
 * starts its run, and the paragraphs after it under the same heading carry on the run ("Cục Báo chí chủ
 * trì …" after "Lĩnh vực báo chí truyền thông, …") until one opens on another sector.
 */
function paragraphRuns(passages: Passage[], documents: Map<string, CatalogEntry>, sectors: NamedEntry[]): SectorSection[] {
  // only in a document with no sector heading at all: elsewhere a paragraph naming a sector is one item
  const headed = new Set(passages.filter((p) => sectorHeading(p.headingPath, sectors)).map((p) => p.doc));
  const runs: SectorSection[] = [];
  let run: SectorSection | undefined;
  let runPath = '';
  passages.forEach((p, id) => {
    const path = p.doc + '\u0000' + p.headingPath.join('\u0000');
    if (p.kind !== 'text' || path !== runPath) run = undefined;
    if (p.kind !== 'text' || headed.has(p.doc) || !isPlanContext(p.headingPath, documents.get(p.doc))) return;
    const opening = SECTOR_OPENING.exec(p.text);
    const sector = opening ? sectorOfLabel(opening[1], sectors) : undefined;
    // "Lĩnh vực tổng hợp, …": a part the lexicon names no sector for ends the run
    if (opening && !sector) run = undefined;
    if (sector && sector !== run?.sector) {
      const doc = documents.get(p.doc);
      const headingYears = yearsIn(p.headingPath.at(-1) ?? '');
      const years = headingYears.length ? headingYears : doc ? [yearOf(doc.date)] : [];
      run = { sector, years, doc: p.doc, heading: p.headingPath.at(-1) ?? doc?.short ?? p.doc, passageIds: [] };
      runPath = path;
      runs.push(run);
    }
    run?.passageIds.push(id);
  });
  return runs;
}
