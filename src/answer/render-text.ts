/** Plain-text rendering of a reply: the terminal chat, the ask CLI and Zalo use it. */
import { pageCount, pageEntries, type ListEntry, type ListReply } from './list.js';
import { linesText, shorten, type Citation, type Excerpt, type Reply, type Span } from './reply.js';

export interface TextStyle {
  /** Wraps an emphasised span (ANSI bold in a terminal, nothing for Zalo). */
  strong: (s: string) => string;
  /** Wraps the quieter citation line. */
  quiet: (s: string) => string;
}

export const PLAIN: TextStyle = { strong: (s) => s, quiet: (s) => s };
export const ANSI: TextStyle = { strong: (s) => `\x1b[1m${s}\x1b[22m`, quiet: (s) => `\x1b[2m${s}\x1b[22m` };

export function spansToText(spans: Span[], style: TextStyle): string {
  return spans.map((s) => (s.strong ? style.strong(s.text) : s.text)).join('');
}


/** "Chỉ thị 01/CT-BTTTT (2023) › 2.3.2. Định hướng giai đoạn 2024 - 2025 · dòng 99"; `depth` headings kept. */
export function citationText(c: Citation, depth = 2): string {
  const section = c.section.slice(-depth).map((s) => shorten(s, 70)).join(' › ');
  return [c.docShort, section].filter(Boolean).join(' › ') + ` · ${linesText(c)}`;
}

function excerptText(e: Excerpt, style: TextStyle, bullet: string): string {
  const tag = e.otherDocument ? `[${e.citation.docShort}] ` : '';
  return `${bullet}${tag}${spansToText(e.spans, style)}\n${style.quiet(`  📄 ${citationText(e.citation, 1)}`)}`;
}

/** Renders a reply as plain text paragraphs, opening with how a follow-up was understood. */
export function renderText(reply: Reply, style: TextStyle = PLAIN): string {
  const body = replyText(reply, style);
  return reply.understood ? `${style.quiet(`Hiểu là: ${reply.understood}`)}\n\n${body}` : body;
}

function replyText(reply: Reply, style: TextStyle): string {
  switch (reply.kind) {
    case 'answer': {
      const parts = [spansToText(reply.lead.spans, style), style.quiet(`📄 ${citationText(reply.lead.citation)}`)];
      if (reply.more.length) {
        parts.push('Nguồn khác:\n' + reply.more.map((e) => excerptText(e, style, '• ')).join('\n'));
      }
      return parts.join('\n\n');
    }
    case 'not_found': {
      const parts = [reply.statement, reply.suggestion];
      if (reply.nearest) parts.push('Nội dung gần nhất tìm được:\n' + excerptText(reply.nearest, style, '• '));
      return parts.join('\n\n');
    }
    case 'message': {
      const body = reply.paragraphs.map((p) => spansToText(p, style)).join('\n\n');
      return reply.title ? `${style.strong(reply.title)}\n\n${body}` : body;
    }
    case 'list': return renderList(reply, style);
  }
}

/** The short citation of a list entry: "Chỉ thị 01/CT-BTTTT (2021) · dòng 289". */
export function entryCitation(c: Citation): string {
  return `${c.docShort} · ${linesText(c)}`;
}

/** 'Trang 2/9 · gõ "tiếp" để xem trang sau, "lùi" để xem trang trước': where the reader is, and how to go on by typing. */
export function typedPagingHint(reply: ListReply): string {
  const pages = pageCount(reply);
  if (pages <= 1) return '';
  const moves = [reply.page + 1 < pages ? '"tiếp" để xem trang sau' : '', reply.page > 0 ? '"lùi" để xem trang trước' : ''].filter(Boolean);
  return `Trang ${reply.page + 1}/${pages} · gõ ${moves.join(', ')}`;
}

/** Further sources ("Xem thêm"), rendered as text. */
export function renderMore(excerpts: Excerpt[], style: TextStyle = PLAIN): string {
  if (excerpts.length === 0) return 'Không còn nguồn nào khác cho câu hỏi này.';
  return 'Các nguồn tiếp theo:\n\n' + excerpts.map((e) => excerptText(e, style, '• ')).join('\n\n');
}

/**
 * The lines of a list page: a group's title when it opens, then each entry with its citation. An entry
 * from the same document as the one before cites only its line, to keep a page short on a phone.
 */
export function listLines(reply: ListReply, entry: (e: ListEntry, cite: string) => string, group: (title: string) => string, cite: (c: string) => string): string[] {
  const blocks: string[] = [];
  let block: string[] = [];
  let lastDoc = '';
  for (const e of pageEntries(reply)) {
    if (e.opensGroup) {
      if (block.length) blocks.push(block.join('\n'));
      block = [group(e.group!)];
      lastDoc = '';
    }
    const c = e.citation;
    block.push(entry(e, c.doc === lastDoc ? cite(`(${linesText(c)})`) : '\n  ' + cite(`📄 ${entryCitation(c)}`)));
    lastDoc = c.doc;
  }
  if (block.length) blocks.push(block.join('\n'));
  return blocks;
}

/** A page of a list reply as text; `typedPaging` adds the "tiếp" hint (channels without buttons). */
export function renderList(reply: ListReply, style: TextStyle = PLAIN, typedPaging = true): string {
  if (reply.entries.length === 0) return [reply.empty ?? reply.title, ...reply.notes].join('\n\n');
  const parts = [style.strong(reply.title)];
  parts.push(...listLines(reply, (e, cite) => `• ${spansToText(e.spans, style)}${cite.startsWith('\n') ? '' : ' '}${cite}`, style.strong, style.quiet));
  // remarks (year-level tasks, a guessed year) once, on the first page
  if (reply.page === 0) parts.push(...reply.notes);
  const hint = typedPaging ? typedPagingHint(reply) : '';
  if (hint) parts.push(style.quiet(hint));
  return parts.join('\n\n');
}
