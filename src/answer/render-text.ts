/** Plain-text rendering of a reply: the terminal chat, the ask CLI and Zalo use it. */
import type { Citation, Excerpt, Reply, Span } from './reply.js';

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

function shorten(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1).replace(/\s+\S*$/, '') + '…';
}

/** "Chỉ thị 01/CT-BTTTT (2023) › 2.3.2. Định hướng giai đoạn 2024 - 2025 · dòng 99"; `depth` headings kept. */
export function citationText(c: Citation, depth = 2): string {
  const section = c.section.slice(-depth).map((s) => shorten(s, 70)).join(' › ');
  const lines = c.lineStart === c.lineEnd ? `dòng ${c.lineStart}` : `dòng ${c.lineStart}-${c.lineEnd}`;
  return [c.docShort, section].filter(Boolean).join(' › ') + ` · ${lines}`;
}

function excerptText(e: Excerpt, style: TextStyle, bullet: string): string {
  const tag = e.otherDocument ? `[${e.citation.docShort}] ` : '';
  return `${bullet}${tag}${spansToText(e.spans, style)}\n${style.quiet(`  📄 ${citationText(e.citation, 1)}`)}`;
}

/** Renders a reply as plain text paragraphs. */
export function renderText(reply: Reply, style: TextStyle = PLAIN): string {
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
  }
}

/** Further sources ("Xem thêm"), rendered as text. */
export function renderMore(excerpts: Excerpt[], style: TextStyle = PLAIN): string {
  if (excerpts.length === 0) return 'Không còn nguồn nào khác cho câu hỏi này.';
  return 'Các nguồn tiếp theo:\n\n' + excerpts.map((e) => excerptText(e, style, '• ')).join('\n\n');
}
