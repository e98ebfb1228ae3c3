/** Telegram rendering: HTML parse mode, everything from the documents escaped. */
import type { Excerpt, Reply, Span } from './reply.js';
import { pageCount, type ListReply } from './list.js';
import { citationText, listLines } from './render-text.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function spansHtml(spans: Span[]): string {
  return spans.map((s) => (s.strong ? `<b>${escapeHtml(s.text)}</b>` : escapeHtml(s.text))).join('');
}

function excerptHtml(e: Excerpt, depth: number): string {
  const tag = e.otherDocument ? `<i>[${escapeHtml(e.citation.docShort)}]</i> ` : '';
  return `• ${tag}${spansHtml(e.spans)}\n<i>📄 ${escapeHtml(citationText(e.citation, depth))}</i>`;
}

/**
 * Renders a reply as Telegram HTML paragraphs (split later at paragraph boundaries when too long), opening
 * with how a follow-up was understood.
 */
export function renderHtml(reply: Reply): string {
  const body = replyHtml(reply);
  return reply.understood ? `<i>Hiểu là: ${escapeHtml(reply.understood)}</i>\n\n${body}` : body;
}

function replyHtml(reply: Reply): string {
  switch (reply.kind) {
    case 'answer': {
      const parts = [spansHtml(reply.lead.spans), `<i>📄 ${escapeHtml(citationText(reply.lead.citation))}</i>`];
      if (reply.more.length) parts.push('<b>Nguồn khác:</b>\n' + reply.more.map((e) => excerptHtml(e, 1)).join('\n'));
      return parts.join('\n\n');
    }
    case 'not_found': {
      const parts = [`<b>${escapeHtml(reply.statement)}</b>`, escapeHtml(reply.suggestion)];
      if (reply.nearest) parts.push('Nội dung gần nhất tìm được:\n' + excerptHtml(reply.nearest, 2));
      return parts.join('\n\n');
    }
    case 'message': {
      const body = reply.paragraphs.map(spansHtml).join('\n\n');
      return reply.title ? `<b>${escapeHtml(reply.title)}</b>\n\n${body}` : body;
    }
    case 'list': return renderListHtml(reply);
  }
}

/** A page of a list reply as HTML; the ◀ ▶ buttons that page through it are the handler's. */
export function renderListHtml(reply: ListReply): string {
  if (reply.entries.length === 0) return [reply.empty ?? reply.title, ...reply.notes].map(escapeHtml).join('\n\n');
  const pages = pageCount(reply);
  const parts = [`<b>${escapeHtml(reply.title)}</b>` + (pages > 1 ? ` <i>(trang ${reply.page + 1}/${pages})</i>` : '')];
  parts.push(...listLines(reply, (e, cite) => `• ${spansHtml(e.spans)}${cite.startsWith('\n') ? '' : ' '}${cite}`, (g) => `<b>${escapeHtml(g)}</b>`, (c) => `<i>${escapeHtml(c)}</i>`));
  if (reply.page === 0) parts.push(...reply.notes.map(escapeHtml));
  return parts.join('\n\n');
}

/** Further sources ("Xem thêm") as HTML. */
export function renderMoreHtml(excerpts: Excerpt[]): string {
  return '<b>Các nguồn tiếp theo:</b>\n\n' + excerpts.map((e) => excerptHtml(e, 2)).join('\n\n');
}
