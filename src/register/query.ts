/**
 * Lookups over the register: tasks due in a period, a unit's tasks and targets, a sector's rows for a
 * year, targets on a topic. Rows come back in a stable order (soonest first, then document and line).
 */
import type { Passage } from '../ingest/parse.js';
import { clauses, fold, normalize } from '../text/analyzer.js';
import { aliasExpansions, type AliasPair } from '../text/aliases.js';
import { within, type DateRange } from './dates.js';
import { findFigures, isRank } from './figures.js';
import { figureUnits } from '../lexicon.js';
import type { Register, Target, Task } from './types.js';

/** Folded words of a text and of the aliases it holds ("CĐS" brings "chuyen doi so"). */
export function foldedWords(text: string, aliases: AliasPair[]): Set<string> {
  const written = clauses(normalize(text));
  const list = [...written, ...aliasExpansions(written, aliases)].map((c) => c.map(fold));
  // and each pair of words in a row ("co_dinh"), for a subject word held only with its neighbour
  return new Set(list.flatMap((c) => [...c, ...c.slice(1).map((w, i) => `${c[i]}_${w}`)]));
}

/** Orders tasks soonest first; undated last; then by document and line. */
export function bySoonest(a: Task, b: Task): number {
  const ta = a.deadline.range?.to ?? '9999';
  const tb = b.deadline.range?.to ?? '9999';
  return ta < tb ? -1 : ta > tb ? 1 : a.doc.localeCompare(b.doc) || a.line - b.line;
}

const inOrder = (a: { doc: string; line: number }, b: { doc: string; line: number }) => a.doc.localeCompare(b.doc) || a.line - b.line;

/** The text a task is matched by: a table row by all its cells (task, lead, the level it goes to …). */
export function taskMatchText(t: Task, passages: Passage[]): string {
  return t.from === 'table' ? passages[t.passageId].text : `${t.text} ${t.leadWritten}`;
}

// A clause that opens on its year ("Đến hết năm 2025, Việt Nam thuộc nhóm 30 nước …") may say what is
// measured in the sentence before it ("… Chỉ số An toàn, An ninh mạng toàn cầu (GCI).").
const OPENS_ON_YEAR = /^(?:(?:đến|tới|trong|vào)\s+)?(?:hết\s+)?năm\s+20\d\d\s*[:,]/iu;

/**
 * The text a target is matched by: its statement, the sentence before when it opens on its year, its
 * heading; a table row's last two headings, a table's own often being a caption that names nothing
 * ("Đánh giá các chỉ tiêu được trình bày tại Bảng dưới đây", under "Cải thiện các chỉ số … theo GII").
 */
export function targetMatchText(t: Target, passages: Passage[]): string {
  let before = '';
  if (t.from === 'sentence' && OPENS_ON_YEAR.test(t.text)) {
    const text = passages[t.passageId]?.text ?? '';
    const at = text.indexOf(t.text.slice(0, 40));
    before = at > 0 ? text.slice(0, at).trim().split(/(?<=[.!?])\s+/u).filter(Boolean).at(-1) ?? '' : '';
    // a sentence with a figure of its own is another target, not what this one measures
    if (findFigures(before).length) before = '';
  }
  // a target whose figure is a rank ("vào nhóm 50", "Top 60") is a ranking though it does not say "xếp hạng"
  const rank = t.values.some(isRank) ? `, ${figureUnits().ranks.join(', ')}` : '';
  return `${before} ${t.text} ${t.section.slice(t.from === 'table' ? -2 : -1).join(' ')}${rank}`;
}

/** The register with the word sets its rows are matched by. */
export class RegisterIndex {
  private readonly taskWords: Map<Task, Set<string>>;
  private readonly targetWords: Map<Target, Set<string>>;

  constructor(readonly register: Register, readonly aliases: AliasPair[], private readonly passages: Passage[]) {
    // the index stores each row's words; a register built in memory (tests) has them worked out here
    this.taskWords = new Map(register.tasks.map((t) => [t, t.words ?? foldedWords(taskMatchText(t, passages), aliases)]));
    this.targetWords = new Map(register.targets.map((t) => [t, t.words ?? foldedWords(targetMatchText(t, passages), aliases)]));
  }

  private tasksByDoc?: Map<string, Task[]>;

  /** The tasks whose rows lie in a passage's lines. */
  tasksIn(p: { doc: string; lineStart: number; lineEnd: number }): Task[] {
    if (!this.tasksByDoc) {
      this.tasksByDoc = new Map();
      for (const t of this.register.tasks) {
        const list = this.tasksByDoc.get(t.doc);
        if (list) list.push(t);
        else this.tasksByDoc.set(t.doc, [t]);
      }
    }
    return (this.tasksByDoc.get(p.doc) ?? []).filter((t) => t.line >= p.lineStart && t.line <= p.lineEnd);
  }

  /** The register of some documents only ("theo Chỉ thị 01/CT-BTTTT năm 2021, …"), rows keeping their words. */
  only(docs: string[]): RegisterIndex {
    const kept = <T extends { doc: string }>(rows: T[]) => rows.filter((r) => docs.includes(r.doc));
    const tasks = kept(this.register.tasks).map((t) => ({ ...t, words: this.taskWords.get(t) }));
    const targets = kept(this.register.targets).map((t) => ({ ...t, words: this.targetWords.get(t) }));
    return new RegisterIndex({ ...this.register, tasks, targets, sections: kept(this.register.sections) }, this.aliases, this.passages);
  }

  /**
   * Tasks to be done within `period` (their whole date range inside it), soonest first. Tasks dated by a
   * wider range that holds the period ("Quý IV/2021" or "Năm 2021" for tháng 10/2021) come back apart, as
   * `wider`: they may fall in the period, or not.
   */
  dueWithin(period: DateRange, filter: (t: Task, words: Set<string>) => boolean = () => true): { tasks: Task[]; wider: Task[] } {
    const tasks: Task[] = [];
    const wider: Task[] = [];
    this.register.tasks.forEach((t) => {
      const r = t.deadline.range;
      if (t.kind !== 'task' || !r || !filter(t, this.wordsOfTask(t))) return;
      if (within(r, period)) tasks.push(t);
      else if (r.from <= period.from && period.to <= r.to) wider.push(t);
    });
    return { tasks: tasks.sort(bySoonest), wider: wider.sort(bySoonest) };
  }

  /** Tasks whose deadline ends on or before `date` (ISO), soonest first. */
  dueBy(date: string, filter: (t: Task, words: Set<string>) => boolean = () => true): Task[] {
    return this.register.tasks
      .filter((t) => t.kind === 'task' && t.deadline.range !== undefined && t.deadline.range.to <= date && filter(t, this.wordsOfTask(t)))
      .sort(bySoonest);
  }

  /** Everything a unit leads: its tasks (soonest first) and its targets. */
  ledBy(unit: string): { tasks: Task[]; targets: Target[] } {
    return {
      tasks: this.register.tasks.filter((t) => t.kind === 'task' && t.leads.includes(unit)).sort(bySoonest),
      targets: this.register.targets.filter((t) => t.leads.includes(unit)).sort(inOrder),
    };
  }

  /** Tasks matching a filter on the row and its words, in register order. */
  tasksWhere(filter: (t: Task, words: Set<string>) => boolean): Task[] {
    return this.register.tasks.filter((t) => filter(t, this.wordsOfTask(t)));
  }

  /** Targets matching a filter on the row and its words, in document order. */
  targetsWhere(filter: (t: Target, words: Set<string>) => boolean): Target[] {
    return this.register.targets.filter((t) => filter(t, this.wordsOfTarget(t))).sort(inOrder);
  }

  /** The words a task is matched by. */
  wordsOfTask(t: Task): Set<string> {
    return this.taskWords.get(t) ?? foldedWords(taskMatchText(t, this.passages), this.aliases);
  }

  /** The words a target is matched by. */
  wordsOfTarget(t: Target): Set<string> {
    return this.targetWords.get(t) ?? foldedWords(targetMatchText(t, this.passages), this.aliases);
  }

  /** The passage a row was taken from. */
  passageOf(row: { passageId: number }): Passage {
    return this.passages[row.passageId];
  }
}
