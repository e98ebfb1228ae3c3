/**
 * The conversation every channel shares: commands, questions, follow-ups ("xem thêm", "nguồn", list
 * pages, feedback), the rate limit, the allowlist and the records. Channels turn their updates into
 * `Incoming` and render the `Reply` they get back; nothing here knows Telegram or Zalo.
 */
import type { Answer, Answerer } from '../app.js';
import { atPage, pageCount, type ListReply } from '../answer/list.js';
import { emphasise, linesText, listAround, passageDisplay, shorten, type Excerpt, type Reply, type Span } from '../answer/reply.js';
import type { StoredPassage } from '../index/load.js';
import type { Records } from '../store/records.js';
import { MAX_QUESTION_CHARS, type Hit } from '../search/engine.js';
import { holdsFigure, measureNamed, saysPlace } from '../search/answerability.js';
import type { ListCommand } from '../register/browse.js';
import { COMMANDS, commandNamed, type CommandName } from './commands.js';
import { AccessPolicy, REFUSALS } from './access.js';
import { AnswerMemory, type RememberedAnswer } from './memory.js';
import { FollowUpReader, Frames, type Completion, type Frame, type Vocabulary } from './follow-up.js';
import { SmallTalkReader, type SmallTalk } from './small-talk.js';
import { citationText } from '../answer/render-text.js';
import { nameTokens, withoutMinistryName } from '../register/names.js';
import { fold, isVietnameseSyllable, yearsIn } from '../text/analyzer.js';

export type Channel = 'telegram' | 'zalo' | 'terminal';

export interface Incoming {
  channel: Channel;
  chatId: string;
  userId: string;
  text: string;
}

export interface Outcome {
  reply: Reply;
  /** Set when the reply answers a question or lists rows: follow-ups (more, source, pages, feedback) refer to it. */
  answerKey?: string;
  /** What the reply rests on, when it answers a question or a list command. */
  answer?: Answer;
}

export interface DialogOptions {
  rateLimitPerMinute: number;
  /** Chats and users allowed, as "channel:id" ("telegram:-1001234", "zalo:abc"); none: everyone. */
  allowedIds?: string[];
  /** Users allowed /stats and /reload, as "channel:id". */
  adminIds?: string[];
  /** Rebuilds the index from the seeds and returns the new answerer (for /reload). */
  reload?: () => Promise<Answerer>;
  log?: (m: string) => void;
}

/** Sources kept in a question's record: a page of a list and more, enough to see what was answered. */
const RECORDED_SOURCES = 50;

/**
 * How many items of a list in the documents "còn gì nữa không?" shows at most: the longest sector list of
 * the documents (the 2021 report's priorities for 2022) has about 30 bullets, so all of one fit.
 */
const MORE_ITEMS = 30;
/** How much of a lead passage shown cut is shown when more is asked for: a long paragraph, not a page. */
const MORE_PASSAGE_CHARS = 1500;

/** The reply to a sticker, a photo, a voice message: what the bot reads, on every channel. */
export const ONLY_TEXT = 'Tôi chỉ đọc được tin nhắn dạng chữ. Bạn hãy gõ câu hỏi, ví dụ: "mục tiêu phủ sóng 5G năm 2025?"';

/** Longer messages are not questions (a pasted document): the user is asked to shorten them. */
export const MAX_MESSAGE_CHARS = 2000;

const EXAMPLES = [
  'mục tiêu phủ sóng 5G năm 2025?',
  'hạn trình luật viễn thông sửa đổi',
  'cổng GovTech bao giờ phải xong?',
  'việc gì hạn Quý IV/2021',
  'Cục Viễn thông chủ trì những việc gì',
];

// what to ask instead, after a follow-up whose subject, place or sum the documents do not give for the thing asked about
const NOT_SAID_SUGGESTION = 'Bạn có thể hỏi chỉ tiêu, thời hạn hoặc đơn vị chủ trì của việc này, hoặc gõ "còn gì nữa không?" để xem phần còn lại.';

const message = (title: string | undefined, ...paragraphs: Array<string | Span[]>): Reply => ({
  kind: 'message',
  title,
  paragraphs: paragraphs.map((p) => (typeof p === 'string' ? [{ text: p }] : p)),
});

/**
 * The text without control characters (line breaks and tabs aside) and lone surrogates: whatever is echoed
 * back into a reply ("Tôi không nhận ra đơn vị …") is plain text.
 */
export function withoutControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '');
}

/** Chat and junk as the answerer's documents see them: a word is known when they use it or one it is a typo of. */
function smallTalkFor(app: Answerer): SmallTalkReader {
  const vocabulary = app.corpus.vocabulary;
  // a short word that is no Vietnamese syllable ("test", "asdf") is read as a typo of a word the documents
  // use ("tết") only by the search: alone, it makes no message one the documents could answer
  const mayBeTypo = (w: string) => isVietnameseSyllable(w) || w.length > SHORT_FOREIGN_WORD;
  return new SmallTalkReader((w) => vocabulary.has(w) || (mayBeTypo(w) && vocabulary.has(app.engine.correct(w))));
}

// Letters of the longest word that is no Vietnamese syllable and is not read as a typo for the junk check.
const SHORT_FOREIGN_WORD = 4;

/** One item shown when more is asked for: its text, its lines, and how much of it to show. */
interface MoreItem {
  text: string;
  line: number;
  lineEnd: number;
  max: number;
}

/** The documents' words, as the follow-up reader reads misspellings against them. */
export function vocabularyOf(app: Answerer): Vocabulary {
  return { hasFolded: (w) => app.engine.weight(w) > 0, hasTyped: (w) => app.engine.writes(w), writesAsName: (w) => app.engine.writesAsName(w) };
}

/** Whose frame a message continues: each user's own in a group chat, on each channel. */
function chatOf(msg: Incoming): string {
  return `${msg.channel}:${msg.chatId}:${msg.userId}`;
}

export class Dialog {
  private readonly access: AccessPolicy;
  private readonly memory = new AnswerMemory();
  /** Each chat's last question (each user's in a group), for elliptical follow-ups. */
  private readonly frames = new Frames();
  private followUps: FollowUpReader;
  private smallTalk: SmallTalkReader;

  constructor(private app: Answerer, private readonly records: Records | undefined, private readonly opts: DialogOptions) {
    this.access = new AccessPolicy(opts);
    this.followUps = new FollowUpReader(app.browser, undefined, vocabularyOf(app));
    this.smallTalk = smallTalkFor(app);
  }

  /**
   * The access policy's refusal for one input of any kind (a message, a button, a typed follow-up, a
   * sticker), or undefined when it may go on. Channels call it once per input, before anything else.
   */
  admit(channel: Channel, chatId: string, userId: string): string | undefined {
    return this.access.admit(channel, chatId, userId);
  }

  /** Handles a text message: the access policy, then a command or a question. */
  async handle(msg: Incoming): Promise<Outcome> {
    const refusal = this.admit(msg.channel, msg.chatId, msg.userId);
    return refusal ? { reply: message(undefined, refusal) } : this.handleAdmitted(msg);
  }

  /** Handles a text message the access policy has let through (`admit`). */
  async handleAdmitted(msg: Incoming): Promise<Outcome> {
    const text = withoutControls(msg.text.normalize('NFC')).trim();
    if (!text) return { reply: message(undefined, 'Bạn hãy gõ câu hỏi, ví dụ: "' + EXAMPLES[0] + '". Gõ /help để xem hướng dẫn.') };
    if (text.length > MAX_MESSAGE_CHARS) {
      return { reply: message(undefined, `Tin nhắn dài quá (${text.length} ký tự). Bạn hãy hỏi ngắn gọn, dưới ${MAX_QUESTION_CHARS} ký tự, ví dụ: "${EXAMPLES[1]}".`) };
    }
    const command = /^\/([a-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/iu.exec(text);
    if (command) return this.runCommand(command[1], (command[2] ?? '').trim(), msg);
    return this.ask(text, msg);
  }

  /** Runs a command of the table in commands.ts. */
  private async runCommand(name: string, arg: string, msg: Incoming): Promise<Outcome> {
    const info = commandNamed(name);
    if (!info) return { reply: message(undefined, `Không có lệnh /${name}. Gõ /help để xem các lệnh, hoặc gõ thẳng câu hỏi.`) };
    if (info.admin && !this.access.isAdmin(msg.channel, msg.userId)) return { reply: message(undefined, REFUSALS.adminOnly) };
    const usage = (example: string) => ({ reply: message(undefined, `Gõ /${info.name} kèm ${example}`) });
    const run: Record<CommandName, () => Promise<Outcome> | Outcome> = {
      start: () => ({ reply: this.welcome() }),
      help: () => ({ reply: this.help() }),
      nguon: () => ({ reply: this.sources() }),
      stats: async () => ({ reply: await this.stats() }),
      reload: async () => ({ reply: await this.reload() }),
      chitieu: () => (arg ? this.browse('chitieu', arg, msg, `mục tiêu ${arg} là bao nhiêu`) : usage('chủ đề, ví dụ: /chitieu 5G hoặc /chitieu chính phủ số 2025')),
      hanchot: () => (arg ? this.browse('hanchot', arg, msg, `thời hạn ${arg} bao giờ`) : usage('kỳ hạn hoặc việc cần hỏi, ví dụ: /hanchot Quý IV/2021 hoặc /hanchot Cổng GovTech')),
      donvi: () => (arg ? this.browse('donvi', arg, msg) : usage('tên đơn vị, ví dụ: /donvi Cục Viễn thông')),
      linhvuc: () => (arg ? this.browse('linhvuc', arg, msg) : { reply: this.sectors() }),
    };
    return run[info.name]();
  }

  /**
   * A list command answered from the register. When the list is empty and `fallback` is given, the
   * passage search answers that question instead (a topic no register row holds).
   */
  private browse(name: ListCommand, arg: string, msg: Incoming, fallback?: string): Outcome {
    const started = performance.now();
    const request = this.app.browser.command(name, arg);
    if ('error' in request) return { reply: message(undefined, request.error, ...(name === 'linhvuc' ? this.sectors().paragraphs : [])) };
    const listed = this.app.list(request);
    const shown = `/${name} ${arg}`;
    const searched = listed.noAnswer && fallback ? this.app.answer(fallback) : undefined;
    const outcome = this.respond(searched && !searched.noAnswer ? searched : listed, msg, started, shown);
    this.frames.set(chatOf(msg), shown, outcome.answerKey);
    return outcome;
  }

  /**
   * Answers a question; a follow-up that only makes sense after the chat's last question ("còn năm
   * 2025?", "ai chủ trì?") is completed from it, and the reply says how it was understood.
   */
  private async ask(typed: string, msg: Incoming): Promise<Outcome> {
    const started = performance.now();
    const chat = chatOf(msg);
    const frame = this.frames.get(chat);
    const chatKind = this.smallTalk.chat(typed);
    // "tiếp", "còn nữa" go on from the last answer when there is one
    if (chatKind === 'continuation' && frame) return this.moreOf(frame.answerKey, msg, started, chat);
    if (chatKind) return this.respond(this.chatReply(chatKind), msg, started);
    // "chào bạn, …", "cho em hỏi …": the question is what follows
    const question = this.smallTalk.withoutChat(typed);
    // "vâng còn bưu chính thì sao": a follow-up after chat with no comma between
    const afterChat = frame ? this.smallTalk.withoutLeadingChat(question) : undefined;
    // "cục đó còn chủ trì việc gì?": asked of the unit pointed at, else completed from the last question
    const referred = frame ? this.followUps.unitReferred(afterChat ?? question, frame.question, () => this.unitsOf(frame)) : undefined;
    const completion: Completion | undefined = referred ? { kind: 'question', question: referred } : frame
      ? (afterChat !== undefined ? this.followUps.complete(afterChat, frame.question) : undefined) ?? this.followUps.complete(question, frame.question)
      : undefined;
    if (!completion && this.smallTalk.junk(question)) return this.respond(this.chatReply('junk'), msg, started);
    if (!completion && this.followUps.asksOnly(question)) {
      const reply = message(undefined, `Bạn hỏi về việc nào? Hãy gõ cả tên việc hoặc chỉ tiêu, ví dụ: "${EXAMPLES[2]}", "${EXAMPLES[0]}".`);
      return this.respond({ reply, sources: [], noAnswer: true, intent: 'chat:unclear' }, msg, started);
    }
    if (completion?.kind === 'more') return this.moreOf(frame?.answerKey, msg, started, chat);
    // "chỉ tiêu này ở văn bản nào?": the last answer's source; the frame stays for what follows
    const source = completion?.kind === 'question' && completion.asksSource && frame?.answerKey ? this.sourceAnswer(frame.answerKey) : undefined;
    if (source) {
      const outcome = this.respond(source, msg, started);
      this.frames.set(chat, frame!.question, frame!.answerKey);
      return { ...outcome, reply: { ...outcome.reply, understood: `nguồn của câu trả lời cho "${frame!.question}"` } };
    }
    if (completion) {
      let understood = completion.question;
      const command = /^\/([a-z_]+)\s+([\s\S]*)$/u.exec(understood);
      // asked only who leads, when or who takes part: about what the last answer showed
      const remembered = completion.asksOnly && frame?.answerKey ? this.memory.get(frame.answerKey) : undefined;
      const about = remembered && this.leadPassage(remembered.reply, remembered.hits);
      const focus = completion.focus;
      let answer = command ? undefined : this.app.answer(understood, about, focus);
      // a subject said of what the message points back at ("kinh phí cho việc đó"): asked beside the last
      // question, and not answered by a passage that does not speak of it; when the two together find nothing,
      // the subject alone may, from a passage that speaks of it
      if (answer && completion.aside && completion.wider) {
        const subject = completion.subject ?? '';
        const wider = this.app.answer(completion.wider, undefined, focus);
        const stillAbout = !answer.noAnswer && this.speaksOf(answer, subject) && this.inLastSection(answer, frame!);
        // (the question alone, from the last answer's section and speaking of the subject, is kept over a
        // wider answer whose lead does not speak of it: "còn nhân lực ngành này?")
        if (!stillAbout || (!wider.noAnswer && this.speaksOf(wider, subject))) {
          [understood, answer] = [completion.wider, this.notSpeakingOf(wider, subject)];
        }
      }
      // asked where, and the passage found says nowhere
      if (answer && completion.asksPlace && !answer.noAnswer) {
        const lead = this.leadPassage(answer.reply, answer.search?.hits);
        if (lead && !saysPlace(lead)) answer = this.notSaid(answer, 'Các văn bản hiện có không nêu địa điểm cho nội dung này.');
      }
      // another sector than the last question's: answered from that sector's part of the documents, or what
      // the last question asked is asked of the sector alone, or the sector's list in its time and document
      // (and a passage answering the last question's words kept beside the new sector speaks of them)
      const sector = completion.sector;
      if (answer && sector) {
        const fits = (a: Answer, first: boolean) => this.fromSectors(a, sector.names)
          && (!first || !sector.kept || a.reply.kind !== 'answer' || this.speaksOf(a, sector.kept));
        let first = true;
        for (const otherwise of sector.otherwise) {
          if (fits(answer, first)) break;
          [understood, answer, first] = [otherwise, this.app.answer(otherwise), false];
        }
      }
      // another unit than the last question's, answered by a passage that does not name it: the unit's own tasks
      // in the last question's time and document ("còn Cục ATTT thì sao?" after what a Trung tâm was tasked
      // with), when they name it; else the documents hold nothing of the kind for it
      const unit = completion.unit;
      const namesUnit = (a: Answer) => !a.noAnswer && this.app.browser.unitsNamed(this.leadText(a)).includes(unit!.name);
      if (answer && unit && !answer.noAnswer && !namesUnit(answer)) {
        const other = unit.otherwise.map((q) => ({ q, a: this.app.answer(q) })).find((o) => namesUnit(o.a));
        if (other) [understood, answer] = [other.q, other.a];
        else answer = this.notSaid(answer, `Các văn bản hiện có không nêu nội dung này cho ${unit.name}.`);
      }
      // another time, and the document the last question named says nothing of it: the other documents may,
      // from a passage on the same subject, and the reply says that the document named does not
      let fromOthers = false;
      if (answer?.noAnswer && completion.unscoped) {
        const other = this.app.answer(completion.unscoped.question);
        if (!other.noAnswer && this.speaksOf(other, completion.unscoped.subject)) {
          [answer, understood, fromOthers] = [other, `${completion.unscoped.question} (văn bản đã nêu không có số liệu năm này; theo văn bản khác)`, true];
        }
      }
      // the whole last question beside the new subject, answered from a passage that speaks of the subject (not
      // the last question's alone): taken when the subject alone finds nothing, or finds a passage that says less
      // of the last question's subject ("còn lợi nhuận?" after "doanh thu bưu chính 2021" is the postal profit)
      if (answer && completion.wider && !completion.aside && !sector && !fromOthers) {
        const wider = this.app.answer(completion.wider, undefined, focus);
        const saysMore = answer.noAnswer || this.saysMoreOfLast(wider, answer, frame!);
        if (!wider.noAnswer && saysMore && this.speaksOf(wider, completion.subject ?? '')) [answer, understood] = [wider, completion.wider];
      }
      const outcome = command ? await this.runCommand(command[1], command[2], msg) : this.respond(answer!, msg, started);
      if (!command) this.frames.set(chat, understood, outcome.answerKey);
      return { ...outcome, reply: { ...outcome.reply, understood } };
    }
    const answer = this.app.answer(question);
    const beside = frame ? this.besideLast(question, frame, answer) : undefined;
    if (beside) return this.respondAsUnderstood(beside, msg, started, chat);
    const outcome = this.respond(answer, msg, started);
    this.frames.set(chat, question, outcome.answerKey);
    return outcome;
  }

  /**
   * A question asking another measure of the last one's subject ("tốc độ tăng trưởng bao nhiêu %/năm?" after
   * "… doanh thu đạt bao nhiêu?"), asked beside that subject: taken when the documents do not answer it alone,
   * or answer it beside the subject from the section the last answer came from or from a passage saying more
   * of the last subject than the one answering it alone, and when that answer speaks of what the message names.
   */
  private besideLast(question: string, frame: Frame, alone: Answer): { answer: Answer; understood: string } | undefined {
    const beside = this.followUps.beside(question, frame.question);
    if (!beside) return undefined;
    const wider = this.app.answer(beside.question);
    if (wider.noAnswer || wider.reply.kind !== 'answer' || !this.speaksOf(wider, beside.subject)) return undefined;
    const lead = wider.reply.lead.citation;
    const ownLead = alone.reply.kind === 'answer' ? alone.reply.lead.citation : undefined;
    if (ownLead && ownLead.doc === lead.doc && ownLead.lineStart === lead.lineStart) return undefined;
    if (alone.noAnswer || this.inLastSection(wider, frame)) return { answer: wider, understood: beside.question };
    // answered alone from a passage that says less of the last question's subject than the one answering it
    // beside that subject ("dự kiến trình QH thông qua lúc nào" after a question on the Press Law)
    return this.saysMoreOfLast(wider, alone, frame) ? { answer: wider, understood: beside.question } : undefined;
  }

  /** Whether one answer's lead says more of the last question's subject than another's. */
  private saysMoreOfLast(answer: Answer, than: Answer, frame: Frame): boolean {
    const subject = this.followUps.subjectOf(frame.question);
    return this.shareSaid(answer, subject) > this.shareSaid(than, subject);
  }

  /**
   * The units a message may point back at ("cục đó"): the one the last question names, then those leading
   * the task the last answer led with.
   */
  private unitsOf(frame: Frame): string[] {
    const named = this.app.browser.findUnit(frame.question);
    const remembered = frame.answerKey ? this.memory.get(frame.answerKey) : undefined;
    const lead = remembered && this.leadPassage(remembered.reply, remembered.hits);
    const leading = lead ? this.app.browser.tasksIn(lead).flatMap((t) => t.leads) : [];
    return [...new Set([...(named ? [named] : []), ...leading])];
  }

  /** Whether an answer leads with a passage of the section the chat's last answer led with. */
  private inLastSection(answer: Answer, frame: Frame): boolean {
    const last = frame.answerKey ? this.memory.get(frame.answerKey) : undefined;
    const lastLead = last && this.leadPassage(last.reply, last.hits);
    const lead = this.leadPassage(answer.reply, answer.search?.hits);
    return lastLead !== undefined && lead !== undefined && lastLead.doc === lead.doc
      && lastLead.headingPath.join('\u0000') === lead.headingPath.join('\u0000');
  }

  /** The answer, or a plain no-answer naming `subject` when the answer's lead does not speak of it. */
  private notSpeakingOf(answer: Answer, subject: string): Answer {
    if (answer.noAnswer || this.speaksOf(answer, subject)) return answer;
    return this.notSaid(answer, `Các văn bản hiện có không nêu ${subject} cho nội dung này.`);
  }

  /** A plain no-answer saying `statement`, with what the answer led with as the nearest passage. */
  private notSaid(answer: Answer, statement: string): Answer {
    const nearest = answer.reply.kind === 'answer' ? answer.reply.lead : undefined;
    return { ...answer, noAnswer: true, reply: { kind: 'not_found', statement, suggestion: NOT_SAID_SUGGESTION, ...(nearest ? { nearest } : {}) } };
  }

  /**
   * Whether an answer's lead (its words or section path; a list's title) holds every word of `subject`, or,
   * for a subject naming what is counted ("kinh phí"), a figure counted so ("45 tỷ đồng").
   */
  private speaksOf(answer: Answer, subject: string): boolean {
    const said = new Set(nameTokens(this.leadText(answer)));
    if (nameTokens(subject).every((w) => this.says(said, w))) return true;
    const measure = measureNamed(subject);
    const lead = measure && this.leadPassage(answer.reply, answer.search?.hits);
    return lead !== undefined && holdsFigure(measure!, lead);
  }

  /** Whether words said hold a word, or the words an abbreviation stands for ("qh": "quốc hội"). */
  private says(said: Set<string>, word: string): boolean {
    if (said.has(word)) return true;
    this.spelledOut ??= new Map(this.app.corpus.aliases.filter((a) => a.short.length === 1).map((a) => [nameTokens(a.short[0])[0], nameTokens(a.full.join(' '))]));
    const full = this.spelledOut.get(word);
    return full !== undefined && full.every((w) => said.has(w));
  }

  private spelledOut?: Map<string, string[]>;

  /** The share of the words of `subject` that an answer's lead says (abbreviations as spelled out). */
  private shareSaid(answer: Answer, subject: string): number {
    const words = nameTokens(subject);
    if (answer.noAnswer || words.length === 0) return 0;
    const said = new Set(nameTokens(this.leadText(answer)));
    return words.filter((w) => this.says(said, w)).length / words.length;
  }

  /** The words an answer opens on: a list's title, or the lead passage's section path and words (all of them, not the excerpt shown). */
  private leadText(answer: Answer): string {
    const { reply } = answer;
    if (reply.kind === 'list') return reply.title;
    if (reply.kind !== 'answer') return '';
    const c = reply.lead.citation;
    const passage = answer.search?.hits.find((h) => h.passage.doc === c.doc && h.passage.lineStart === c.lineStart)?.passage.text;
    return [...c.section, passage ?? reply.lead.spans.map((s) => s.text).join(' ')].join(' ');
  }

  /**
   * Whether an answer comes from the part of the documents about one of `sectors`: a list titled by it, or a
   * lead passage whose section path or words name it.
   */
  private fromSectors(answer: Answer, sectors: string[]): boolean {
    const text = this.leadText(answer);
    // the Ministry's name ("Bộ Thông tin và Truyền thông"), however often a heading says it, names no sector
    let tokens = nameTokens(text);
    for (let next = withoutMinistryName(tokens); next.join(' ') !== tokens.join(' '); next = withoutMinistryName(tokens)) tokens = next;
    const named = this.app.browser.sectorsIn(tokens)?.names ?? [];
    return named.some((n) => sectors.includes(n));
  }

  /** The reply to chat or junk: short, friendly, and saying what the bot can do; no search, no answer. */
  private chatReply(kind: SmallTalk): Answer {
    const example = `Ví dụ: "${EXAMPLES[0]}", "${EXAMPLES[3]}".`;
    const text: Record<SmallTalk, string> = {
      greeting: `Xin chào! Tôi tra cứu chỉ thị, báo cáo của Bộ Thông tin và Truyền thông: chỉ tiêu, thời hạn, đơn vị chủ trì, nhiệm vụ từng lĩnh vực. ${example} Gõ /help để xem hướng dẫn.`,
      capabilities: `Tôi trả lời câu hỏi về chỉ thị, báo cáo của Bộ Thông tin và Truyền thông: chỉ tiêu (con số, năm), thời hạn, đơn vị chủ trì, danh sách việc theo kỳ hạn, đơn vị hay lĩnh vực, luôn kèm nguồn. ${example} Gõ /help để xem các lệnh.`,
      thanks: 'Không có gì ạ! Bạn cần tra thêm chỉ tiêu, thời hạn hay đơn vị chủ trì nào cứ hỏi nhé.',
      acknowledgement: `Vâng. Bạn cần tra gì thêm cứ hỏi nhé. ${example}`,
      goodbye: 'Tạm biệt! Khi cần tra cứu chỉ thị, báo cáo của Bộ, bạn cứ nhắn lại.',
      continuation: `Chưa có câu trả lời nào để nói tiếp, hoặc câu hỏi trước đã quá 10 phút. Bạn hãy gõ câu hỏi mới nhé. ${example}`,
      junk: `Tôi chưa hiểu tin nhắn này. Tôi trả lời câu hỏi về chỉ thị, báo cáo của Bộ Thông tin và Truyền thông. ${example}`,
    };
    return { reply: message(undefined, text[kind]), sources: [], noAnswer: true, intent: `chat:${kind}` };
  }

  /** More of an earlier answer, asked for in words ("còn gì nữa không?"): a list's next page, or further sources. */
  private async moreOf(answerKey: string | undefined, msg: Incoming, started: number, chat: string): Promise<Outcome> {
    const plain = (reply: Reply): Outcome => this.respond({ reply, sources: [], noAnswer: true, intent: 'more' }, msg, started);
    const list = answerKey ? this.turnPage(answerKey, 1) : undefined;
    if (list?.moved) return { reply: list.reply, answer: { reply: list.reply, sources: list.reply.entries.map((e) => e.source), noAnswer: false, intent: 'more' } };
    // the whole list is shown already: what the message names beside asking for more ("còn chỉ tiêu nào nữa
    // cho bưu chính?" after the postal targets on one matter) is listed from the last question's documents and
    // year, when that lists more; else said so, with the page again (a phone scrolls it away)
    const wider = list ? this.widerList(msg.text, chat, list.reply) : undefined;
    if (wider) return this.respondAsUnderstood(wider, msg, started, chat);
    if (list) {
      const reply: ListReply = { ...list.reply, title: `Không còn mục nào khác. ${list.reply.title}` };
      return { reply, answer: { reply, sources: reply.entries.map((e) => e.source), noAnswer: false, intent: 'more' } };
    }
    // the rest of the lead's section: the passage whole when it was cut, the section's other targets or
    // tasks (the same kind as the lead's), else the other items of its list ("nhiệm vụ trọng tâm năm 2023")
    const remembered = answerKey ? this.memory.get(answerKey) : undefined;
    const lead = remembered && this.leadPassage(remembered.reply, remembered.hits);
    const items = lead ? this.restOfSection(lead, remembered!) : [];
    if (lead && items.length) {
      const doc = this.app.corpus.documents.get(lead.doc);
      const reply = message(`Thêm trong ${[doc?.short ?? lead.doc, lead.headingPath.at(-1)].filter(Boolean).join(' › ')}`,
        items.map((i) => `• ${shorten(i.text.replace(/^\s*[-•+*]\s*/u, ''), i.max)} (dòng ${i.line})`).join('\n'));
      // shown once: asked again, there is no more to show
      const frame = this.frames.get(chat);
      if (frame) this.frames.set(chat, frame.question);
      const sources = items.map((i) => ({ doc: lead.doc, lineStart: i.line, lineEnd: i.lineEnd, text: i.text }));
      return this.respond({ reply, sources, noAnswer: false, intent: 'more' }, msg, started);
    }
    const excerpts = answerKey ? this.more(answerKey) : undefined;
    if (!excerpts?.length) return plain(message(undefined, 'Văn bản không có thêm nội dung nào khác cho câu hỏi trước. Bạn hãy hỏi câu mới nhé.'));
    const reply = message('Các nguồn tiếp theo', ...excerpts.map((e) => [...e.spans, { text: `\n📄 ${citationText(e.citation, 1)}` }]));
    const sources = excerpts.map((e) => ({ doc: e.citation.doc, lineStart: e.citation.lineStart, lineEnd: e.citation.lineEnd, text: e.spans.map((x) => x.text).join('') }));
    return this.respond({ reply, sources, noAnswer: false, intent: 'more' }, msg, started);
  }

  /**
   * The list a request for more names ("chỉ tiêu … bưu chính"), in the documents and year of the chat's last
   * question, when it holds rows the last list (`shown`) did not.
   */
  private widerList(text: string, chat: string, shown: ListReply): { answer: Answer; understood: string } | undefined {
    const named = this.followUps.moreNamed(text);
    const last = this.frames.get(chat)?.question;
    if (!named || !last) return undefined;
    const docs = [...(this.app.browser.documentsNamed(last)?.docs ?? [])].map((d) => this.app.corpus.documents.get(d)?.short ?? d);
    const year = yearsIn(named).length ? undefined : yearsIn(last).at(-1);
    const understood = [named, year && `năm ${year}`, docs.length === 1 && `theo ${docs[0]}`].filter(Boolean).join(' ');
    const answer = this.app.answer(understood);
    if (answer.reply.kind !== 'list') return undefined;
    // a row the last list did not show (two targets of one line are two rows of one source line)
    const key = (e: ListReply['entries'][number]) => `${e.source.doc}:${e.source.lineStart}:${e.spans.map((x) => x.text).join('')}`;
    const before = new Set(shown.entries.map(key));
    return answer.reply.entries.some((e) => !before.has(key(e))) ? { answer, understood } : undefined;
  }

  /**
   * The passage an answer's lead stands on: the search's first hit when the lead cites its lines (a list of
   * items cites from its first item, not the one that matched), else the passage holding the cited line;
   * none for a reply that is no answer.
   */
  private leadPassage(reply: Reply, hits: Hit[] = []): StoredPassage | undefined {
    if (reply.kind !== 'answer') return undefined;
    const c = reply.lead.citation;
    const first = hits[0]?.passage;
    if (first && first.doc === c.doc && first.lineStart <= c.lineEnd && c.lineStart <= first.lineEnd) return first;
    return this.app.corpus.passages.find((p) => p.doc === c.doc && p.lineStart <= c.lineStart && c.lineStart <= p.lineEnd);
  }

  /**
   * What more the lead's section holds: the lead passage whole when the answer showed only part of it, then the
   * section's other targets when the lead states a target (its other tasks when it states a task), else the
   * other items of the lead's list.
   */
  private restOfSection(lead: StoredPassage, remembered: RememberedAnswer): MoreItem[] {
    const items: MoreItem[] = [];
    const shown = remembered.reply.kind === 'answer' ? remembered.reply.lead.spans.map((x) => x.text).join('') : '';
    const whole = passageDisplay(lead);
    const { targets, tasks } = this.app.corpus.register;
    const inLead = (r: { line: number }) => r.line >= lead.lineStart && r.line <= lead.lineEnd;
    // the rows of the lead's section and sector (an appendix table holds every sector's rows under one heading)
    const leadRow = [...targets, ...tasks].find((r) => r.doc === lead.doc && inLead(r));
    const sameSection = (r: { doc: string; section: string[]; sector?: string }) => r.doc === lead.doc && r.sector === leadRow?.sector
      && r.section.join('\u0000') === lead.headingPath.join('\u0000');
    const rows = targets.some((t) => sameSection(t) && inLead(t)) ? targets.filter(sameSection)
      : tasks.some((t) => sameSection(t) && inLead(t)) ? tasks.filter(sameSection) : [];
    // the nearest to the lead, shown in their order; a line may state several targets, each its own clause
    const nearest = rows.filter((x) => !inLead(x)).sort((a, b) => Math.abs(a.line - lead.lineStart) - Math.abs(b.line - lead.lineStart) || a.id - b.id);
    const shownRows = nearest.filter((r, i) => nearest.findIndex((o) => o.text === r.text) === i).slice(0, MORE_ITEMS);
    // the lead whole when it was cut ("…"), or when only a sentence of it was shown and its section has no
    // other row to show ("còn chỉ tiêu nào khác?" after one target of a paragraph stating several)
    const spaced = (s: string) => s.replace(/\s+/g, ' ').trim();
    const part = /…/u.test(shown) ? whole.length > shown.length : shownRows.length === 0 && !spaced(shown).includes(spaced(whole));
    if (part) items.push({ text: whole, line: lead.lineStart, lineEnd: lead.lineEnd, max: MORE_PASSAGE_CHARS });
    for (const r of shownRows.sort((a, b) => a.line - b.line || a.id - b.id)) items.push({ text: r.text, line: r.line, lineEnd: r.line, max: 300 });
    if (shownRows.length === 0) {
      // the item that matched was shown whole; its neighbours, shown by their first sentence, are shown again
      const matched = remembered.hits[0]?.passage.id ?? lead.id;
      for (const p of listAround(lead, this.app.corpus.passages, MORE_ITEMS).filter((p) => p.id !== matched)) {
        items.push({ text: p.text, line: p.lineStart, lineEnd: p.lineEnd, max: 300 });
      }
    }
    return items;
  }

  /** Answers a message as the question it was understood as: the reply says so, and that question is the chat's frame. */
  private respondAsUnderstood(a: { answer: Answer; understood: string }, msg: Incoming, started: number, chat: string): Outcome {
    const outcome = this.respond(a.answer, msg, started);
    this.frames.set(chat, a.understood, outcome.answerKey);
    return { ...outcome, reply: { ...outcome.reply, understood: a.understood } };
  }

  /** Remembers an answer for its follow-ups and records it; `shown` is what the user typed when a command ran. */
  private respond(answer: Answer, msg: Incoming, started: number, shown?: string): Outcome {
    const latencyMs = performance.now() - started;
    const { reply } = answer;
    const followable = reply.kind === 'answer' || (reply.kind === 'list' && reply.entries.length > 0);
    const answerKey = followable ? this.memory.remember({ reply, hits: answer.search?.hits ?? [], chat: `${msg.channel}:${msg.chatId}` }) : undefined;
    this.records?.saveQuestion({
      channel: msg.channel, chatId: msg.chatId, userId: msg.userId, question: shown ?? msg.text.slice(0, 2000), intent: answer.intent,
      // a list can hold two hundred rows: the records keep where the first ones come from
      noAnswer: answer.noAnswer, sources: answer.sources.slice(0, RECORDED_SOURCES).map((s) => `${s.doc}:${s.lineStart}-${s.lineEnd}`), latencyMs,
    }, answerKey);
    return { reply, answerKey, answer };
  }

  /** The next sources of an earlier answer, or undefined when it is no longer remembered. */
  more(answerKey: string): Excerpt[] | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'answer') return undefined;
    const page = a.reply.rest.slice(a.moreShown, a.moreShown + 3);
    a.moreShown += page.length;
    return page;
  }

  /**
   * Page `page` (0-based, clamped to the pages there are) of an earlier list reply, or undefined when it is
   * no longer remembered. The page is remembered as the one shown, for "tiếp" and "lùi".
   */
  page(answerKey: string, page: number): ListReply | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'list' || !Number.isInteger(page)) return undefined;
    a.reply = atPage(a.reply, page);
    return a.reply;
  }

  /**
   * The next (1) or previous (-1) page of an earlier list reply: undefined when it is no longer
   * remembered, the same page when there is none that way.
   */
  turnPage(answerKey: string, step: 1 | -1): { reply: ListReply; moved: boolean } | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'list') return undefined;
    const to = a.reply.page + step;
    if (to < 0 || to >= pageCount(a.reply)) return { reply: a.reply, moved: false };
    return { reply: this.page(answerKey, to)!, moved: true };
  }

  /**
   * The last answer's source as an answer: the document, section and lead passage, cited with the passage
   * opening the document and the one opening the lead's part (an appendix says which document it belongs to);
   * for a list, the documents its rows come from.
   */
  private sourceAnswer(answerKey: string): Answer | undefined {
    const remembered = this.memory.get(answerKey);
    // a list: the documents its rows come from, each with its first row
    if (remembered?.reply.kind === 'list') {
      const firstRows = [...new Map(remembered.reply.entries.map((e) => [e.source.doc, e.source] as const)).values()];
      const titles = firstRows.map((row) => `• ${this.app.corpus.documents.get(row.doc)?.title ?? row.doc}`);
      return { reply: message('Các dòng trên lấy từ', titles.join('\n')), noAnswer: false, intent: 'source', sources: firstRows };
    }
    const reply = this.source(answerKey);
    const lead = remembered && this.leadPassage(remembered.reply, remembered.hits);
    if (!reply || !lead) return undefined;
    const inDoc = this.app.corpus.passages.filter((p) => p.doc === lead.doc);
    const opening = inDoc[0];
    // an appendix's opening says which document issued it ("Ban hành kèm theo Chỉ thị số 01/CT-BTTTT …")
    const number = this.app.corpus.documents.get(lead.doc)?.number;
    const compact = (text: string) => fold(text).replace(/\s+/g, '');
    const part = lead.headingPath.length ? inDoc.find((p) => p.headingPath[0] === lead.headingPath[0]) : undefined;
    const partOpening = part && number && compact(part.text).includes(compact(number)) ? part : undefined;
    const shown = [...new Set([opening, partOpening, lead].filter((p) => p !== undefined))];
    return { reply, noAnswer: false, intent: 'source', sources: shown.map((p) => ({ doc: p.doc, lineStart: p.lineStart, lineEnd: p.lineEnd, text: p.text })) };
  }

  /** The full cited passage of an earlier answer (the one it led with), with its whole section path. */
  source(answerKey: string): Reply | undefined {
    const a = this.memory.get(answerKey);
    if (!a || a.reply.kind !== 'answer') return undefined;
    const top = this.leadPassage(a.reply, a.hits);
    if (!top) return undefined;
    const doc = this.app.corpus.documents.get(top.doc);
    const c = a.reply.lead.citation;
    return message(
      doc?.title ?? top.doc,
      [{ text: 'Mục: ' }, { text: c.section.join(' › ') || '(phần mở đầu)', strong: true }],
      `Tệp ${top.doc}, ${linesText(c)}.`,
      emphasise(passageDisplay(top)),
    );
  }

  /** Records 👍/👎 for an answer. Returns false when the answer is unknown (stale or forged). */
  feedback(answerKey: string, channel: Channel, userId: string, value: 1 | -1): boolean {
    if (!this.memory.get(answerKey)) return false;
    this.records?.saveFeedback(answerKey, channel, userId, value);
    return true;
  }

  /** Whether an answer was sent to this chat: a button pressed elsewhere (forged, or forwarded) does nothing. */
  belongsTo(answerKey: string, channel: Channel, chatId: string): boolean {
    const chat = this.memory.get(answerKey)?.chat;
    return chat === undefined || chat === `${channel}:${chatId}`;
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
      'Gõ thẳng câu hỏi, ví dụ "tỷ lệ hồ sơ trực tuyến toàn trình năm 2025", "việc gì hạn Quý IV/2021" hoặc "cds 2021 chi tieu gi". Tôi hiểu các viết tắt như CĐS, TT&TT, ATTT, CNTT, Cục VT, Vụ KHTC.',
      COMMANDS.filter((c) => !c.admin).map((c) => c.help).join('\n'),
      'Danh sách dài được chia trang: bấm ◀ ▶ (Telegram) hoặc gõ "tiếp" (Zalo, cửa sổ dòng lệnh). Nếu văn bản không có câu trả lời, tôi sẽ nói rõ để bạn không bị nhầm.',
    );
  }

  sources(): Reply {
    const docs = [...this.app.corpus.documents.values()].map((d) => `• ${d.short}: ${d.title} (${d.kind}, ${d.date})`);
    return message('Các văn bản đang tra cứu', docs.join('\n'));
  }

  sectors(): Reply & { kind: 'message' } {
    return {
      kind: 'message',
      title: 'Các lĩnh vực',
      paragraphs: [
        [{ text: this.app.corpus.reading.sectors.map((s) => `• ${s.name}`).join('\n') }],
        [{ text: 'Gõ /linhvuc kèm tên lĩnh vực và năm để xem nhiệm vụ trọng tâm, ví dụ: /linhvuc viễn thông 2023' }],
      ],
    };
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
      this.frames.clear();
      this.spelledOut = undefined;
      this.followUps = new FollowUpReader(this.app.browser, undefined, vocabularyOf(this.app));
      this.smallTalk = smallTalkFor(this.app);
      return message(undefined, `Đã nạp lại chỉ mục: ${this.app.corpus.passages.length} đoạn từ ${this.app.corpus.documents.size} văn bản.`);
    } catch (err) {
      this.opts.log?.(`reload failed: ${(err as Error).message}`);
      return message(undefined, 'Nạp lại không thành công; bot vẫn dùng chỉ mục cũ. Xem nhật ký để biết lỗi.');
    }
  }
}
