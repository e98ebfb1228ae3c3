/**
 * List replies: a register listing (tasks due in a period, a unit's tasks, a sector's priorities, targets
 * on a topic) as channel-neutral entries, each with its value first (deadline, figure) and its citation,
 * shown a page at a time.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import { sentenceRanges } from '../ingest/split.js';
import { describeRange } from '../register/dates.js';
import { LIST_PAGE_SIZE, type ListRow, type Listing } from '../register/browse.js';
import type { Target, Task } from '../register/types.js';
import { citationFor, emphasise, shorten, type Citation, type Span } from './reply.js';

/** The source span an entry cites, as the eval contract reports passages. */
export interface SourceSpan {
  doc: string;
  lineStart: number;
  lineEnd: number;
  text: string;
}

/** One row of a list as shown: value first, then what it is, then where it is written. */
export interface ListEntry {
  group?: string;
  spans: Span[];
  citation: Citation;
  source: SourceSpan;
}

/** A list reply; `page` is the one shown (0-based). */
export interface ListReply {
  kind: 'list';
  title: string;
  entries: ListEntry[];
  notes: string[];
  page: number;
  pageSize: number;
  empty?: string;
}


// What an entry shows of its row: a task whole up to a point, an item of a section by its first sentence.
const TASK_TEXT_MAX = 220;
const ITEM_TEXT_MAX = 160;

/** The first sentence of a text, shortened to `max` characters, with "…" when more follows. */
function firstSentence(text: string, max: number): string {
  const [range] = sentenceRanges(text);
  const sentence = range ? text.slice(range[0], range[1]) : text;
  const cut = shorten(sentence, max);
  return cut.length < text.trim().length && !cut.endsWith('…') ? cut + ' …' : cut;
}


/** "Quý IV/2021", or the date range said plainly, or "không ghi hạn". */
export function deadlineText(t: Task): string {
  if (t.deadline.written) return t.deadline.written;
  return t.deadline.range ? describeRange(t.deadline.range, t.deadline.precision) : 'không ghi hạn';
}

/** A short note when a deadline is written earlier than the document that sets it. */
export function beforeDocumentNote(t: Task, doc: CatalogEntry | undefined): string {
  return t.beforeDocument ? ` (hạn ghi trước ngày ban hành ${doc?.short ?? 'văn bản'}, ${formatDate(doc?.date)}; giữ nguyên như văn bản ghi)` : '';
}

function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d ? `${Number(d)}/${Number(m)}/${y}` : m ? `${Number(m)}/${y}` : y;
}

/** A target's value(s) as written, with the year when the text gives one per value. */
export function targetValueText(t: Target): string {
  const years = new Set(t.values.map((v) => v.year));
  return t.values.map((v) => v.written + (years.size > 1 && v.year ? ` (${v.year})` : '')).join('; ');
}

function entryOf(row: ListRow, documents: Map<string, CatalogEntry>, passageText: (id: number) => string): Omit<ListEntry, 'group'> {
  switch (row.kind) {
    case 'task': {
      const t = row.task;
      const doc = documents.get(t.doc);
      const lead = t.leads.length ? ` — ${t.leadWritten || t.leads.join(', ')}` : '';
      const verb = t.kind === 'submitted' ? 'Đã trình: ' : '';
      return {
        spans: [{ text: deadlineText(t), strong: true }, { text: ` · ${verb}${shorten(t.text, TASK_TEXT_MAX)}${lead}${beforeDocumentNote(t, doc)}` }],
        citation: citationFor(doc, t.doc, t.section, t.line),
        source: { doc: t.doc, lineStart: t.line, lineEnd: t.line, text: passageText(t.passageId) },
      };
    }
    case 'target': {
      const t = row.target;
      const doc = documents.get(t.doc);
      const year = t.years.length === 1 ? ` (năm ${t.years[0]})` : '';
      const lead = t.leads.length ? ` — ${t.leads.join(', ')}` : '';
      return {
        spans: [{ text: targetValueText(t), strong: true }, { text: `${year} · ${shorten(t.text, TASK_TEXT_MAX)}${lead}` }],
        citation: citationFor(doc, t.doc, t.section, t.line),
        source: { doc: t.doc, lineStart: t.line, lineEnd: t.line, text: passageText(t.passageId) },
      };
    }
    case 'item': {
      const p = row.passage;
      const text = firstSentence(row.text.replace(/^[\s\-•+*]+/u, ''), ITEM_TEXT_MAX);
      return {
        spans: emphasise(text),
        citation: citationFor(documents.get(p.doc), p.doc, p.headingPath, p.lineStart, row.lineEnd),
        source: { doc: p.doc, lineStart: p.lineStart, lineEnd: row.lineEnd, text: row.text },
      };
    }
  }
}

/** Builds the list reply for a listing, showing its first page. */
export function buildListReply(listing: Listing, documents: Map<string, CatalogEntry>, passageText: (id: number) => string): ListReply {
  const entries = listing.groups.flatMap((g) => g.rows.map((row) => ({ group: g.title, ...entryOf(row, documents, passageText) })));
  return { kind: 'list', title: listing.title, entries, notes: listing.notes, page: 0, pageSize: LIST_PAGE_SIZE, empty: listing.empty };
}

/** The number of pages of a list reply. */
export function pageCount(reply: ListReply): number {
  return Math.max(1, Math.ceil(reply.entries.length / reply.pageSize));
}

/** The same list showing page `page` (clamped to the pages there are). */
export function atPage(reply: ListReply, page: number): ListReply {
  return { ...reply, page: Math.min(Math.max(0, page), pageCount(reply) - 1) };
}

/** The entries of the page shown, each with whether it opens a group on this page. */
export function pageEntries(reply: ListReply): Array<ListEntry & { opensGroup: boolean }> {
  const start = reply.page * reply.pageSize;
  return reply.entries.slice(start, start + reply.pageSize).map((e, i, page) => ({
    ...e,
    opensGroup: e.group !== undefined && (i === 0 ? true : page[i - 1].group !== e.group),
  }));
}
