/**
 * The register: the commitments the documents hold, as data. Every row keeps where it is written
 * (document, line, section path, passage) so an answer built on it can cite it.
 */
import type { NamedEntry } from '../lexicon.js';
import type { Deadline } from './dates.js';
import type { Figure } from './figures.js';

/** Where a register row is written. */
export interface Source {
  doc: string;
  /** The line of the seed file that holds the row (1-based). */
  line: number;
  section: string[];
  /** The passage (search index id) that holds it. */
  passageId: number;
  /** 'table' for a table row, 'sentence' for a statement in running text. */
  from: 'table' | 'sentence';
}

/** A task: what is to be done, who leads it, by when. */
export interface Task extends Source {
  id: number;
  text: string;
  /** The lead unit cell as written, and the canonical units it names. */
  leadWritten: string;
  leads: string[];
  cooperatingWritten: string;
  cooperating: string[];
  deadline: Deadline;
  /** 'task' is to be done by the deadline; 'submitted' was submitted on that date (a report's appendix). */
  kind: 'task' | 'submitted';
  sector?: string;
  /** The deadline ends before the document that sets it was issued. */
  beforeDocument: boolean;
  /** The folded words the row is matched by (its cells or sentence, with the aliases they hold). */
  words?: Set<string>;
}

/** One figure of a target, with the year it is for when the text says so. */
export interface TargetValue extends Figure {
  year?: number;
}

/** A target: what is measured, the figure to reach, and the year. */
export interface Target extends Source {
  id: number;
  /** The clause or cell that states the target, as written. */
  text: string;
  /** What is measured: the statement without its figures. */
  indicator: string;
  values: TargetValue[];
  /** Years the target is for, from the clause, its lead-in, the table or the section heading. */
  years: number[];
  leads: string[];
  sector?: string;
  /** The folded words the row is matched by (its statement and section, with the aliases they hold). */
  words?: Set<string>;
}

/** A canonical unit and every spelling of it the documents use. */
export interface UnitRecord extends NamedEntry {
  /** 'lexicon' when listed in lexicon/units.json, 'document' when only a table names it. */
  origin: 'lexicon' | 'document';
}

/** A section that states a sector's priorities for some years: its passages are the items of its list. */
export interface SectorSection {
  sector: string;
  years: number[];
  doc: string;
  /** The heading the section stands under ("2.2.1. Nhiệm vụ trọng tâm năm 2023"). */
  heading: string;
  passageIds: number[];
}

/** The whole register, as built at index time and loaded at start. */
export interface Register {
  tasks: Task[];
  targets: Target[];
  units: UnitRecord[];
  sections: SectorSection[];
}
