/**
 * The conversation every channel shares: commands, questions, follow-ups ("xem thêm", "nguồn",
 * feedback), the rate limit, the allowlist and the records. Channels turn their updates into `Incoming`
 * and render the `Reply` they get back; nothing here knows Telegram or Zalo.
 */
import type { Answerer } from '../app.js';
import { emphasise, passageDisplay, type Excerpt, type Reply, type Span } from '../answer/reply.js';
import type { Records } from '../store/records.js';
import { clauses, fold, normalize } from '../text/analyzer.js';
import { aliasExpansions } from '../text/aliases.js';
import { MAX_QUESTION_CHARS } from '../search/engine.js';
import { RateLimiter } from './rate-limit.js';
import { AnswerMemory, type RememberedAnswer } from './memory.js';

export type Channel = 'telegram' | 'zalo' | 'terminal';

export interface Incoming {
  channel: Channel;
  chatId: string;
  userId: string;
  text: string;
}

export interface Outcome {
  reply: Reply;
  /** Set when the reply answers a question: follow-ups (more, source, feedback) refer to it. */
  answerKey?: string;
}

export interface DialogOptions {
  rateLimitPerMinute: number;
  allowedIds?: string[];
  adminIds?: string[];
  /** Rebuilds the index from the seeds and returns the new answerer (for /reload). */
  reload?: () => Promise<Answerer>;
  log?: (m: string) => void;
}

/** Longer messages are not questions (a pasted document): the user is asked to shorten them. */
export const MAX_MESSAGE_CHARS = 2000;

const SECTORS = [
  'Bưu chính', 'Viễn thông', 'Chính phủ số và Chuyển đổi số', 'An toàn thông tin mạng', 'Kinh tế số và Xã hội số',
  'Công nghiệp ICT', 'Báo chí, truyền thông', 'Xuất bản',
];

const EXAMPLES = [
  'mục tiêu phủ sóng 5G năm 2025?',
  'hạn trình luật viễn thông sửa đổi',
  'cổng GovTech bao giờ phải xong?',
];

const message = (title: string | undefined, ...paragraphs: Array<string | Span[]>): Reply => ({
  kind: 'message',
  title,
  paragraphs: paragraphs.map((p) => (typeof p === 'string' ? [{ text: p }] : p)),
});

export class Dialog {
  private readonly limiter: RateLimiter;
  private readonly memory = new AnswerMemory();
  private readonly allowed?: Set<string>;
  private readonly admins: Set<string>;

  constructor(private app: Answerer, private readonly records: Records | undefined, private readonly opts: DialogOptions) {
    this.limiter = new RateLimiter(opts.rateLimitPerMinute, 60_000);
    this.allowed = opts.allowedIds?.length ? new Set(opts.allowedIds) : undefined;
    this.admins = new Set(opts.adminIds ?? []);
  }

  /** Whether this chat or user may use the bot (no allowlist: everyone). */
  isAllowed(chatId: string, userId: string): boolean {
    return !this.allowed || this.allowed.has(chatId) || this.allowed.has(userId);
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  /** Handles a text message: a command or a question. */
  async handle(msg: Incoming): Promise<Outcome> {
    if (!this.isAllowed(msg.chatId, msg.userId)) {
      return { reply: message(undefined, 'Xin lỗi, bot này chỉ phục vụ các đơn vị được cấp quyền. Vui lòng liên hệ quản trị viên để được thêm vào danh sách.') };
    }
    const text = msg.text.normalize('NFC').trim();
    if (!text) return { reply: message(undefined, 'Bạn hãy gõ câu hỏi, ví dụ: "' + EXAMPLES[0] + '". Gõ /help để xem hướng dẫn.') };
    if (text.length > MAX_MESSAGE_CHARS) {
      return { reply: message(undefined, `Tin nhắn dài quá (${text.length} ký tự). Bạn hãy hỏi ngắn gọn, dưới ${MAX_QUESTION_CHARS} ký tự, ví dụ: "${EXAMPLES[1]}".`) };
    }
    if (!this.limiter.allow(msg.userId)) {
      return { reply: message(undefined, 'Bạn đang hỏi hơi nhanh. Vui lòng chờ một phút rồi hỏi tiếp nhé.') };
    }
    const command = /^\/([a-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/iu.exec(text);
    if (command) return this.command(command[1].toLowerCase(), (command[2] ?? '').trim(), msg);
    return this.ask(text, msg);
  }

  private async command(name: string, arg: string, msg: Incoming): Promise<Outcome> {
    switch (name) {
      case 'start': return { reply: this.welcome() };
      case 'help': return { reply: this.help() };
      case 'nguon': return { reply: this.sources() };
      case 'chitieu':
        return arg ? this.ask(`mục tiêu chỉ tiêu ${arg} là bao nhiêu`, msg, arg)
          : { reply: message(undefined, 'Gõ /chitieu kèm chủ đề, ví dụ: /chitieu phủ sóng 5G 2025') };
      case 'hanchot':
        return arg ? this.ask(`thời hạn ${arg} bao giờ`, msg, arg)
          : { reply: message(undefined, 'Gõ /hanchot kèm việc cần hỏi, ví dụ: /hanchot Cổng GovTech') };
      case 'donvi':
        return { reply: arg ? this.unitTasks(arg) : message(undefined, 'Gõ /donvi kèm tên đơn vị, ví dụ: /donvi Cục Viễn thông') };
      case 'linhvuc':
        return arg ? this.ask(`nhiệm vụ trọng tâm lĩnh vực ${arg}`, msg, arg) : { reply: this.sectors() };
      case 'stats':
        if (!this.isAdmin(msg.userId)) return { reply: message(undefined, 'Lệnh này chỉ dành cho quản trị viên.') };
        return { reply: await this.stats() };
      case 'reload':
        if (!this.isAdmin(msg.userId)) return { reply: message(undefined, 'Lệnh này chỉ dành cho quản trị viên.') };
        return { reply: await this.reload() };
      default:
        return { reply: message(undefined, `Không có lệnh /${name}. Gõ /help để xem các lệnh, hoặc gõ thẳng câu hỏi.`) };
    }
  }

  /** Answers a question; `shown` is what the user typed when a command rephrased it. */
  private ask(question: string, msg: Incoming, shown?: string): Outcome {
    const started = performance.now();
    const { result, reply } = this.app.answer(question);
    const latencyMs = performance.now() - started;
    const answerKey = reply.kind === 'answer' ? this.memory.remember({ reply, hits: result.hits }) : undefined;
    this.records?.saveQuestion({
      channel: msg.channel, chatId: msg.chatId, userId: msg.userId, question: shown ?? msg.text.slice(0, 2000), intent: result.question.intent,
      noAnswer: result.noAnswer, sources: result.hits.map((h) => `${h.passage.doc}:${h.passage.lineStart}-${h.passage.lineEnd}`), latencyMs,
    }, answerKey);
    return { reply, answerKey };
  }

  /** The next sources of an earlier answer, or undefined when it is no longer remembered. */
  more(answerKey: string): Excerpt[] | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'answer') return undefined;
    const page = a.reply.rest.slice(a.moreShown, a.moreShown + 3);
    a.moreShown += page.length;
    return page;
  }

  /** The full cited passage of an earlier answer, with its whole section path. */
  source(answerKey: string): Reply | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'answer') return undefined;
    const top = a.hits[0].passage;
    const doc = this.app.corpus.documents.get(top.doc);
    const c = a.reply.lead.citation;
    const lines = c.lineStart === c.lineEnd ? `dòng ${c.lineStart}` : `dòng ${c.lineStart}-${c.lineEnd}`;
    return message(
      doc?.title ?? top.doc,
      [{ text: 'Mục: ' }, { text: c.section.join(' › ') || '(phần mở đầu)', strong: true }],
      `Tệp ${top.doc}, ${lines}.`,
      emphasise(passageDisplay(top)),
    );
  }

  /** Records 👍/👎 for an answer. Returns false when the answer is unknown (stale or forged). */
  feedback(answerKey: string, channel: Channel, userId: string, value: 1 | -1): boolean {
    if (!this.memory.get(answerKey)) return false;
    this.records?.saveFeedback(answerKey, channel, userId, value);
    return true;
  }

  remembered(answerKey: string): RememberedAnswer | undefined {
    return this.memory.get(answerKey);
  }

  welcome(): Reply {
    const docs = [...this.app.corpus.documents.values()].map((d) => `• ${d.title}`);
    return message(
      'Xin chào! Tôi trả lời câu hỏi về chỉ thị, báo cáo của Bộ Thông tin và Truyền thông.',
      'Tôi tra cứu trong các văn bản sau và luôn dẫn nguồn (văn bản, mục, dòng):',
      docs.join('\n'),
      'Ví dụ câu hỏi (có dấu hay không dấu đều được):\n' + EXAMPLES.map((e) => `• ${e}`).join('\n'),
      'Gõ /help để xem các lệnh.',
    );
  }

  help(): Reply {
    return message(
      'Cách dùng',
      'Gõ thẳng câu hỏi, ví dụ "tỷ lệ hồ sơ trực tuyến toàn trình năm 2025" hoặc "cds 2021 chi tieu gi". Tôi hiểu các viết tắt như CĐS, TT&TT, ATTT, CNTT.',
      [
        '/chitieu <chủ đề> — chỉ tiêu, mục tiêu',
        '/hanchot <việc> — thời hạn hoàn thành',
        '/donvi <tên đơn vị> — các nhiệm vụ đơn vị đó chủ trì',
        '/linhvuc [tên lĩnh vực] — danh sách lĩnh vực, hoặc nhiệm vụ trọng tâm của một lĩnh vực',
        '/nguon — danh sách văn bản',
      ].join('\n'),
      'Nếu văn bản không có câu trả lời, tôi sẽ nói rõ để bạn không bị nhầm.',
    );
  }

  sources(): Reply {
    const docs = [...this.app.corpus.documents.values()].map((d) => `• ${d.short}: ${d.title} (${d.kind}, ${d.date})`);
    return message('Các văn bản đang tra cứu', docs.join('\n'));
  }

  sectors(): Reply {
    return message(
      'Các lĩnh vực',
      SECTORS.map((s) => `• ${s}`).join('\n'),
      'Gõ /linhvuc kèm tên lĩnh vực và năm để xem nhiệm vụ trọng tâm, ví dụ: /linhvuc viễn thông 2023',
    );
  }

  /** The table rows a unit leads ("Đơn vị chủ trì"), with their deadlines. */
  unitTasks(unit: string): Reply {
    const list = clauses(normalize(unit));
    const names = [list.flat(), ...aliasExpansions(list, this.app.corpus.aliases)].map((t) => t.map(fold).join(' ')).filter(Boolean);
    const rows = this.app.corpus.passages.filter((p) => {
      if (p.kind !== 'row' || !p.table) return false;
      const lead = p.table.columns.findIndex((c) => /chủ trì/iu.test(c));
      if (lead < 0) return false;
      const cell = ' ' + clauses(normalize(p.table.cells[lead] ?? '')).flat().map(fold).join(' ') + ' ';
      return names.some((n) => cell.includes(' ' + n + ' '));
    });
    if (rows.length === 0) {
      return message(undefined, `Tôi không thấy nhiệm vụ nào trong các bảng phân công ghi "${unit}" là đơn vị chủ trì. Bạn thử tên đầy đủ hoặc tên viết tắt khác (ví dụ "Cục Tin học hóa" hoặc "Cục THH"), hoặc hỏi thẳng bằng câu hỏi.`);
    }
    const shown = rows.slice(0, 8).map((p) => {
      const { columns, cells } = p.table!;
      const task = cells[columns.findIndex((c) => /nhiệm vụ|bộ chỉ số|đề án/iu.test(c))] ?? cells[1] ?? '';
      const when = cells[columns.findIndex((c) => /thời gian|thời điểm|mục tiêu/iu.test(c))] ?? '';
      const doc = this.app.corpus.documents.get(p.doc)?.short ?? p.doc;
      return [{ text: '• ' + task + (when ? ' — ' : '') }, ...emphasise(when), { text: ` (${doc}, dòng ${p.lineStart})` }];
    });
    const lines: Span[] = shown.flatMap((spans, i) => (i ? [{ text: '\n' }, ...spans] : spans));
    const more = rows.length > 8 ? `… và ${rows.length - 8} nhiệm vụ khác. Hỏi cụ thể hơn để xem nhiệm vụ cần tìm.` : '';
    return message(`${unit}: ${rows.length} nhiệm vụ chủ trì`, lines, ...(more ? [more] : []));
  }

  private async stats(): Promise<Reply> {
    if (!this.records) return message(undefined, 'Chưa bật lưu nhật ký nên chưa có số liệu.');
    const s = await this.records.stats(7);
    const days = s.days.map((d) => `• ${d.day}: ${d.questions} câu hỏi, ${d.unanswered} chưa trả lời được`).join('\n') || 'Chưa có câu hỏi nào trong 7 ngày qua.';
    const recent = s.recentUnanswered.map((r) => `• ${r.question}`).join('\n') || '(không có)';
    return message('Thống kê 7 ngày', days, `Phản hồi: 👍 ${s.feedback.up} · 👎 ${s.feedback.down}`, 'Câu hỏi chưa trả lời được gần đây:\n' + recent);
  }

  private async reload(): Promise<Reply> {
    if (!this.opts.reload) return message(undefined, 'Chức năng nạp lại chưa được bật.');
    try {
      this.app = await this.opts.reload();
      this.memory.clear();
      return message(undefined, `Đã nạp lại chỉ mục: ${this.app.corpus.passages.length} đoạn từ ${this.app.corpus.documents.size} văn bản.`);
    } catch (err) {
      this.opts.log?.(`reload failed: ${(err as Error).message}`);
      return message(undefined, 'Nạp lại không thành công; bot vẫn dùng chỉ mục cũ. Xem nhật ký để biết lỗi.');
    }
  }
}
