/**
 * Turns one seed document into a section tree and passages.
 *
 * Headings come from the document's own numbering (Phụ lục, A., I., 1.2.3., a), bold lines, short title
 * lines); a passage carries the heading path above it. Sentences cut by page breaks are rejoined,
 * footnotes are kept out of the sentence they interrupt, web-page clutter is dropped, and each table row
 * becomes one passage with its column names and the sector row above it.
 */
import { chunkRanges } from './split.js';

export interface Section {
  /** Heading titles from the top of the document down to this section. */
  path: string[];
  lineStart: number;
}

export interface TableCells {
  columns: string[];
  cells: string[];
  sector?: string;
}

export interface Passage {
  doc: string;
  lineStart: number;
  lineEnd: number;
  /** The source span as it stands in the seed (lines joined by a space when rejoined). */
  text: string;
  headingPath: string[];
  kind: 'text' | 'row' | 'footnote';
  table?: TableCells;
  /** For a later piece of a long block: the block's opening words, which often hold its year or subject. */
  lead?: string;
  /** For a footnote: the sentence that cites it ("… Nền tảng NDXP ⁽¹⁾"), which names what its figures are of. */
  cites?: string;
}

export interface ParsedDocument {
  sections: Section[];
  passages: Passage[];
}

type HeadingKind = string; // 'appendix' | 'letter' | 'roman' | 'num1'.. | 'alpha' | 'bold' | 'title' | 'lead'

interface Heading {
  kind: HeadingKind;
  title: string;
}

const FOOTNOTE = /^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|⁽[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾)\s*\S/u;
const CLUTTER = [
  /^(?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật) - \d{1,2}\/\d{1,2}\/\d{4}/u, // page date + view counter
  /đăng nhập|Bấm vào đây/iu,
  /^Tác giả:/u,
  /^\s*date \d{4}-\d{2}\s*$/u,
  /^Ảnh[:\s]/u,
  /^Hà Nội, ngày/u,
];
const TERMINAL = /[.!?;:…"”)]\s*$/u;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isUpperTitle(line: string): boolean {
  const t = line.replace(/[*⁽⁾¹²³⁴⁵⁶⁷⁸⁹⁰]/gu, '').trim();
  return t.length > 0 && t.length <= 120 && t === t.toUpperCase() && /\p{Lu}/u.test(t);
}

/** The kind and title of a heading line, or undefined for body text. */
export function headingOf(line: string): Heading | undefined {
  const t = line.trim();
  if (t.includes('\t') || t.length === 0) return undefined;
  if (/^(?:PHỤ LỤC|Phụ lục)\b/u.test(t) && t.length <= 160) return { kind: 'appendix', title: t.replace(/:\s*$/, '') };
  const bold = /^\*+\s*([^*].*?)\s*\**$/u.exec(t);
  if (bold && t.includes('*')) {
    const title = bold[1].replace(/\*/g, '').replace(/:\s*$/, '').trim();
    if (isUpperTitle(title) && title.split(/\s+/).length <= 6) return undefined; // "**BÁO CÁO": the document's own title
    if (title.length > 0 && title.length <= 100) return { kind: 'bold', title };
    return undefined;
  }
  // a roman-numbered part may carry a long title ("I. Chỉ tiêu của Bộ … thực hiện Nghị quyết số 01/NQ-CP …")
  if (/^[IVX]+\.\s+\S/u.test(t) && t.length <= 320 && !/\.$/.test(t)) return { kind: 'roman', title: t };
  if (t.length > 160) return undefined;
  if (/^[A-HĐ]\.\s+\S/u.test(t) && t.length <= 120) return { kind: 'letter', title: t };
  const num = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S/u.exec(t);
  if (num && t.length <= 120 && !/[.;]$/.test(t)) return { kind: `num${num[1].split('.').length}`, title: t };
  if (/^[a-zđ]\)\s+\S/u.test(t) && t.length <= 110 && !/[.;]$/.test(t)) return { kind: 'alpha', title: t };
  return undefined;
}

const FLOATING = new Set(['bold', 'title', 'lead']);

/** Pushes a heading onto the stack: a kind already open closes down to it, a new kind nests. */
function pushHeading(stack: Heading[], h: Heading): void {
  while (stack.length && stack[stack.length - 1].kind === 'lead') stack.pop();
  if (h.kind === 'appendix') {
    stack.length = 0;
  } else if (h.kind.startsWith('num')) {
    const depth = Number(h.kind.slice(3));
    const at = stack.findIndex((s) => s.kind.startsWith('num') && Number(s.kind.slice(3)) >= depth);
    if (at >= 0) stack.length = at;
  } else if (FLOATING.has(h.kind)) {
    // a bold or title line closes its sibling only below the last numbered heading
    let from = stack.length;
    while (from > 0 && FLOATING.has(stack[from - 1].kind)) from--;
    const at = stack.findIndex((s, i) => i >= from && s.kind === h.kind);
    if (at >= 0) stack.length = at;
  } else {
    const at = stack.findIndex((s) => s.kind === h.kind);
    if (at >= 0) stack.length = at;
  }
  stack.push(h);
}

function cellsOf(line: string): string[] {
  return line.split('\t').map((c) => c.trim());
}

function isTableHeader(cells: string[]): boolean {
  return /^(STT|TT)$/iu.test(cells[0] ?? '');
}

// A roman numeral, sometimes split by a stray space ("VI I" is VII).
const SECTOR_NUMERAL = /^([IVX](?:\s?[IVX])*)\.?(?:\s+|$)/u;

function isSectorRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c.length > 0);
  if (filled.length === 0 || filled.length > 2) return false;
  const label = filled.join(' ');
  return SECTOR_NUMERAL.test(cells[0] ?? '') || (filled.length === 1 && isUpperTitle(label));
}

/** A sector row's label with its numeral mended: "VI I<TAB>CÔNG TÁC TỔNG HỢP" → "VII CÔNG TÁC TỔNG HỢP". */
function sectorLabel(cells: string[]): string {
  const label = cells.filter(Boolean).join(' ');
  return label.replace(SECTOR_NUMERAL, (_, numeral: string) => numeral.replace(/\s/g, '') + ' ').trim();
}

/** Parses one document. `doc` is the seed file name, `raw` its text. */
export function parseDocument(doc: string, raw: string): ParsedDocument {
  const lines = raw.normalize('NFC').replace(/\r/g, '').split('\n');
  const n = lines.length;
  const stack: Heading[] = [];
  const sections: Section[] = [];
  const passages: Passage[] = [];
  const consumed = new Array<boolean>(n).fill(false);
  let table: { columns: string[]; sector?: string } | undefined;
  let inContents = false;
  let inRecipients = false;

  const nextContent = (from: number): number => {
    let j = from;
    while (j < n && isBlank(lines[j])) j++;
    return j;
  };

  const addSection = (i: number) => sections.push({ path: stack.map((h) => h.title), lineStart: i + 1 });

  const emitBlock = (segments: Array<{ line: number; text: string }>) => {
    const text = segments.map((s) => s.text).join(' ');
    const starts: number[] = [];
    let pos = 0;
    for (const s of segments) { starts.push(pos); pos += s.text.length + 1; }
    const lineAt = (offset: number) => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
      return segments[k].line + 1;
    };
    const ranges = chunkRanges(text);
    const lead = text.slice(0, 80);
    for (const [a, b] of ranges) {
      passages.push({
        doc,
        lineStart: lineAt(a),
        lineEnd: lineAt(Math.max(a, b - 1)),
        text: text.slice(a, b).trim(),
        headingPath: stack.map((h) => h.title),
        kind: 'text',
        lead: a > 0 ? lead : undefined,
      });
    }
  };

  for (let i = 0; i < n; i++) {
    if (consumed[i]) continue;
    const line = lines[i];
    const t = line.trim();
    if (!t) continue;

    // the table of contents and the recipients list repeat headings and names: not content
    if (/^MỤC LỤC$/u.test(t)) { inContents = true; continue; }
    if (inContents) continue;
    if (/^Nơi nhận:?$/u.test(t)) { inRecipients = true; continue; }
    if (inRecipients) {
      if (/^[-•]/.test(t) || isUpperTitle(t)) continue;
      inRecipients = false;
    }
    if (CLUTTER.some((re) => re.test(t))) continue;

    if (line.includes('\t')) {
      const cells = cellsOf(line);
      if (isTableHeader(cells)) {
        // a header repeated after a page break continues the table, sector row included
        const repeated = table !== undefined && table.columns.join('\t') === cells.join('\t');
        if (!repeated) table = { columns: cells };
        continue;
      }
      if (!table) continue; // tab-separated lines outside a table (contents pages) carry no content
      if (isSectorRow(cells)) { table.sector = sectorLabel(cells); continue; }
      passages.push({
        doc, lineStart: i + 1, lineEnd: i + 1, text: t, headingPath: stack.map((h) => h.title), kind: 'row',
        table: { columns: table.columns, cells, sector: table.sector },
      });
      continue;
    }

    if (FOOTNOTE.test(t)) {
      passages.push({ doc, lineStart: i + 1, lineEnd: i + 1, text: t, headingPath: stack.map((h) => h.title), kind: 'footnote' });
      continue;
    }

    const heading = headingOf(t);
    if (heading) {
      table = undefined;
      if (heading.kind === 'appendix') {
        // the appendix title often follows on the next lines in capitals
        let j = nextContent(i + 1);
        while (j < n && isUpperTitle(lines[j]) && !headingOf(lines[j])) {
          heading.title += ' ' + lines[j].trim();
          consumed[j] = true;
          j = nextContent(j + 1);
        }
        // or in one sentence-case line: "Các chỉ tiêu phát triển Ngành thực hiện Chỉ thị số 01/CT-BTTTT …"
        if (j < n && heading.title.length < 30 && !headingOf(lines[j]) && !lines[j].includes('\t') && lines[j].trim().length <= 300
            && !/^[-•+(]/.test(lines[j].trim()) && !TERMINAL.test(lines[j].trim().replace(/[:)]$/, 'x'))) {
          heading.title += ' ' + lines[j].trim();
          consumed[j] = true;
        }
      }
      pushHeading(stack, heading);
      addSection(i);
      continue;
    }

    // a short capitalised line standing alone is a title; a short line ending in ":" introduces a list
    const prevBlank = i === 0 || isBlank(lines[i - 1]);
    const next = nextContent(i + 1);
    const nextStartsUpper = next >= n || /^[\s\-•+*]*[\p{Lu}\d]/u.test(lines[next]);
    if (isUpperTitle(t) && t.split(/\s+/).length <= 6 && !/\d/.test(t)) continue; // "BÁO CÁO", "DỰ THẢO"
    if (t.length <= 90 && /:$/.test(t) && !/^[-•+]/.test(t)) {
      table = undefined;
      pushHeading(stack, { kind: 'lead', title: t.replace(/:$/, '') });
      addSection(i);
      continue;
    }
    if (prevBlank && t.length <= 90 && !TERMINAL.test(t) && /^\p{Lu}/u.test(t) && nextStartsUpper
        && t.split(/\s+/).length >= 4 && !/^[-•+]/.test(t)) {
      table = undefined;
      pushHeading(stack, { kind: 'title', title: t });
      addSection(i);
      continue;
    }

    table = undefined;
    // a plain paragraph closes a list introduced by "…:"
    if (!/^[-•+]/.test(t) && stack.length && stack[stack.length - 1].kind === 'lead' && t.length > 200) stack.pop();

    // rejoin a sentence cut by a page break: the next content line (footnotes skipped) goes on in lower case
    const segments = [{ line: i, text: t }];
    let last = t;
    let j = i + 1;
    while (!TERMINAL.test(last)) {
      let k = nextContent(j);
      const footnotes: number[] = [];
      while (k < n && FOOTNOTE.test(lines[k].trim())) { footnotes.push(k); k = nextContent(k + 1); }
      if (k >= n) break;
      const cont = lines[k].trim();
      if (!/^[\p{Ll}\d“"(]/u.test(cont) || cont.includes('\t') || headingOf(cont)) break;
      if (/^\d/.test(cont) && /^\d{1,2}(?:\.\d{1,2})*\.\s/.test(cont)) break;
      for (const f of footnotes) {
        passages.push({ doc, lineStart: f + 1, lineEnd: f + 1, text: lines[f].trim(), headingPath: stack.map((h) => h.title), kind: 'footnote' });
        consumed[f] = true;
      }
      segments.push({ line: k, text: cont });
      consumed[k] = true;
      last = cont;
      j = k + 1;
    }
    emitBlock(segments);
  }
  linkFootnotes(passages);
  return { sections, passages };
}

/** Gives each footnote the sentence that cites its mark: the nearest passage before it holding the mark. */
function linkFootnotes(passages: Passage[]): void {
  passages.forEach((p, i) => {
    const mark = p.kind === 'footnote' ? FOOTNOTE_MARK.exec(p.text)?.[0] : undefined;
    if (!mark) return;
    for (let k = i - 1; k >= 0 && passages[k].lineEnd >= p.lineStart - PAGE_LINES; k--) {
      const at = passages[k].kind === 'footnote' ? -1 : passages[k].text.indexOf(mark);
      if (at < 0) continue;
      const text = passages[k].text;
      // the sentence holding the mark: from the last full stop before it (or a word boundary) to the mark
      const stop = text.lastIndexOf('. ', at) + 1;
      const start = at - stop > CITING_CHARS ? text.indexOf(' ', at - CITING_CHARS) : stop;
      p.cites = text.slice(start, at).trim();
      return;
    }
  });
}

const FOOTNOTE_MARK = /^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|⁽[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾)/u;
// How much of the citing sentence a footnote keeps, at most: a clause or two before the mark.
const CITING_CHARS = 300;
// A footnote stands at the foot of the page that cites it: its mark is looked for this many lines back at most.
const PAGE_LINES = 60;
