/**
 * Elliptical follow-ups: a message that only makes sense after the chat's last question ("còn năm 2025?",
 * "ai chủ trì?", "thế còn bưu chính?", "còn Cục Tần số thì sao?") is completed from it into a full
 * question, which the reply then states ("Hiểu là: …") so a wrong guess is visible. A message that is a
 * question on its own starts a new frame. The words that mark a follow-up are data
 * (lexicon/follow-up-words.json).
 */
import { browseWords, comparatorWords, documentKinds, figureQuestions, followUpWords, questionWords, sectorHeads, sectorLexicon, unitReading, type FollowUpWords } from '../lexicon.js';
import { escapeRegExp, fold, isCompound, normalize } from '../text/analyzer.js';
import { foldedCompounds } from '../register/names.js';
import type { LeadOrDue } from '../search/answerability.js';

/** What a chat asked last: the question as understood, the key of its answer, and when. */
export interface Frame {
  question: string;
  answerKey?: string;
  at: number;
}

/** How long a frame lasts: a message after ten quiet minutes starts afresh. */
const FRAME_TTL_MS = 10 * 60_000;

/** The last question of each chat (each user in a group), bounded in number and age. */
export class Frames {
  private readonly frames = new Map<string, Frame>();

  constructor(private readonly ttlMs = FRAME_TTL_MS, private readonly maxChats = 20_000) {}

  /** The chat's frame, unless it is older than the time-to-live. */
  get(chat: string, now = Date.now()): Frame | undefined {
    const f = this.frames.get(chat);
    if (!f || now - f.at <= this.ttlMs) return f;
    this.frames.delete(chat);
    return undefined;
  }

  /** Sets the chat's frame (the oldest chat is forgotten past the bound). */
  set(chat: string, question: string, answerKey?: string, now = Date.now()): void {
    this.frames.delete(chat);
    this.frames.set(chat, { question, answerKey, at: now });
    if (this.frames.size > this.maxChats) this.frames.delete(this.frames.keys().next().value!);
  }

  /** Forgets every chat's frame (the index was rebuilt). */
  clear(): void {
    this.frames.clear();
  }
}

/** A word of a message: as typed, folded, and where it stands in the text. */
interface Word {
  typed: string;
  folded: string;
  start: number;
  end: number;
  /** Whether the text the word is in is typed with diacritics (a word typed without them is then as typed). */
  accented: boolean;
  /** A misspelt follow-up word, read as its folded form whatever its diacritics ("nầy", "xog"). */
  loose?: boolean;
  /** The word is part of a document's number ("2014" of "22/2014/TT-BTTTT"): no time. */
  numbered?: boolean;
}

/** The words of a text with their places (NFC text; a word is a run of letters and digits, or two syllables making one word). */
function wordsOf(text: string): Word[] {
  const found = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const accented = found.some((m) => fold(m[0].toLowerCase()) !== m[0].toLowerCase());
  const words: Word[] = found.map((m) => {
    const [start, end] = [m.index!, m.index! + m[0].length];
    // (a document's number, "22/2014/TT-BTTTT": a digit and "/" before, "/" and a letter after; a date ends after its year)
    const numbered = text[start - 1] === '/' && /\d/u.test(text[start - 2] ?? '') && text[end] === '/' && /\p{L}/u.test(text[end + 1] ?? '');
    return { typed: m[0], folded: fold(normalize(m[0])), start, end, accented, ...(numbered ? { numbered } : {}) };
  });
  // two syllables making one word are one ("trung hạn" asks no "hạn"), joined from the left as normalize joins them
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (/^\s+$/u.test(text.slice(a.end, b.start)) && isCompound(a.typed.toLowerCase(), b.typed.toLowerCase())) {
      words.splice(i, 2, { ...a, typed: text.slice(a.start, b.end), folded: a.folded + b.folded, end: b.end });
    }
  }
  return words;
}

/** The words the documents use: a word they never use may be a misspelt follow-up word. */
export interface Vocabulary {
  /** Whether the documents use this folded word. */
  hasFolded(folded: string): boolean;
  /** Whether the documents write this word as typed, diacritics and all. */
  hasTyped(word: string): boolean;
  /** Whether the documents write this folded word only with a capital, and spell out no abbreviation by it ("viettel"). */
  writesAsName?(folded: string): boolean;
}

/** Whether `a` becomes `b` by one letter added, dropped or two swapped ("xog" → "xong"), or changed when long. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length !== b.length) return (a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1));
  if (a.slice(i + 2) === b.slice(i + 2) && a[i] === b[i + 1] && a[i + 1] === b[i]) return true;
  // a changed letter only in a longer word: "xong" is no typo of "cong"
  return a.length >= 5 && a.slice(i + 1) === b.slice(i + 1);
}

/** Where a unit, a sector or a document is named in a text's folded words, as spans of them. */
export interface Namer {
  /** The canonical unit the words name and the spans naming it, if any. */
  unitIn(tokens: string[]): { name: string; spans: Array<[number, number]> } | undefined;
  /** The province the words name and the spans naming it, if any. */
  placeIn(tokens: string[]): { name: string; spans: Array<[number, number]> } | undefined;
  /** The sectors the words name and the spans naming them, if any. */
  sectorsIn(tokens: string[]): { names: string[]; spans: Array<[number, number]> } | undefined;
  /** The documents the words name ("chi thi nam 2021") and the span naming them, if any. */
  documentIn(tokens: string[]): { docs: string[]; span: [number, number] } | undefined;
  /** Whether a question, as the answerer reads it, asks who leads a task, when it is due or who takes part. */
  asksLeadOrDue(question: string): LeadOrDue | undefined;
}

/**
 * What a follow-up becomes: a full question, or a request for more of the last answer. `wider` keeps all of
 * the last question beside the new `subject` ("còn nhân lực?" after "tỷ lệ đóng góp của công nghiệp công
 * nghệ số vào GDP"): it is asked when the question alone finds nothing, and its answer taken when it speaks
 * of the subject.
 */
export type Completion = {
  kind: 'question'; question: string; wider?: string; subject?: string; sector?: SectorSwitch; unit?: UnitSwitch;
  /** The follow-up only asks ("ai chủ trì?", "hạn khi nào?"): it is about what the last answer showed. */
  asksOnly?: boolean;
  /**
   * The new subject is said of what a reference points back at ("kinh phí cho việc đó", "tỉnh đó xếp thứ
   * mấy"): `wider` is the question, and an answer must speak of the subject.
   */
  aside?: boolean;
  /** The follow-up asks where ("tổ chức ở đâu?"): an answer must say where. */
  asksPlace?: boolean;
  /** The follow-up only asks where the last answer is written ("chỉ tiêu này ở văn bản nào?"). */
  asksSource?: boolean;
  /** What the follow-up names of its own ("doanh thu BC" of "Thế doanh thu BC khi đó?"): the clause saying it leads. */
  focus?: string;
  /**
   * Another time after a question naming a document ("còn năm 2020?" after "Chỉ thị năm 2021: …"): the
   * question without the document, asked when that document does not answer for the new time, and its
   * subject, which the answer must speak of.
   */
  unscoped?: { question: string; subject: string };
} | { kind: 'more' };

/**
 * A follow-up naming another sector ("thế ngành bưu chính thì sao?") after a question about one: the last
 * question with the sector replaced keeps its indicator, which may be the old sector's own ("tỷ lệ người
 * sử dụng Internet" is telecom's); it is taken only when answered from the new sector's part of the
 * documents, else `otherwise` asks what the last question asked of the new sector alone, and then the
 * sector alone in the last question's time and document (its list).
 */
export interface SectorSwitch {
  /** The sectors the follow-up names, canonical. */
  names: string[];
  /**
   * What the last question asked about besides its sector, kept in the question ("đầu sách" of "đặt mục tiêu
   * xuất bản bao nhiêu đầu sách"): a passage answering it speaks of it.
   */
  kept?: string;
  /** The questions asked in turn while the answer comes from no part about the sectors, the sector alone last. */
  otherwise: string[];
}

/**
 * A follow-up naming another of the Ministry's units in place of the last question's ("còn Cục ATTT thì
 * sao?"): the last question with the unit replaced is taken when its answer names the unit, else `otherwise`
 * when its answer does; else the documents hold nothing of the kind for that unit.
 */
export interface UnitSwitch {
  /** The unit the follow-up names, canonical. */
  name: string;
  /** The unit's own tasks asked in the last question's time and document. */
  otherwise: string[];
}

const YEAR = /^(?:19|20)\d\d$/;
// The kind word of a Vụ, folded: "vụ đó" is also "that matter".
const VU = 'vu';
// The kinds of ask that ask something of one task (lexicon/follow-up-words.json 'asks'): no list of more.
const TASK_ASKS = new Set(['unit', 'cooperating', 'deadline', 'place']);
/** The number of a quarter or a month ("III", "4", "12"). */
const PART_NUMBER = /^(?:i{1,3}|iv|\d{1,2})$/;

/** A phrase of the lexicon: its words folded (as matched) and as typed (for the diacritics a user typed). */
interface Phrase {
  folded: string[];
  typed: string[];
}

/** Prepared phrases, longest first. */
interface Phrases {
  openers: Phrase[];
  closers: Phrase[];
  references: Phrase[];
  asks: Phrase[];
  /** Words that hold an ask's words but ask nothing ("hạn chế"). */
  notAsks: Phrase[];
  /** The kind of answer each ask phrase asks for ("unit", "deadline", …), by its folded words. */
  askKind: Map<string, string>;
  /** The words that ask who ("ai", "đơn vị nào"), longest first. */
  who: Phrase[];
  /** The word that makes an ask of who plainly ask who leads ("chủ trì"). */
  leadVerb: string;
  filler: Phrase[];
  period: Phrase[];
  /** Words a document's name may follow ("theo"). */
  before: Phrase[];
  /** Words naming a part of a year by its number ("quý", "tháng"). */
  yearParts: Phrase[];
  /** Words that head a sector's name ("lĩnh vực", "ngành"). */
  sectorHeads: Phrase[];
  /** Words naming a year by its place after (+1) or before (-1) the last question's ("năm sau"), longest first. */
  relativeYears: Array<{ phrase: Phrase; step: number }>;
  more: Phrase[];
  /** The words asking which ones ("nào", "gì khác"): after "còn gì nữa không, …" they ask for more of a kind. */
  moreTails: Phrase[];
  /** The word opening a message that goes on from the last ("còn"). */
  moreOpener: Phrase;
  /** Words that mark a message as going on from the last one wherever they stand ("còn", "nữa"). */
  continuing: Phrase[];
  /** Nouns naming what an amount is counted in ("doanh thu", "kinh phí"; lexicon/figure-questions.json). */
  measures: Phrase[];
  /** Words naming a unit by its kind ("cục", folded, as `kind`) or as any unit ("đơn vị"), longest first. */
  unitHeads: Array<{ head: Phrase; kind?: string }>;
  /** Words after those that point back at a unit ("đó", "này"). */
  unitPointers: Phrase[];
}

/** A phrase's folded words ("thì sao" → ["thi", "sao"]; "%" kept, as in "bao nhiêu %"). */
const foldedWords = (phrase: string): string[] => fold(normalize(phrase)).match(/[a-z0-9%]+/g) ?? [];

/** A phrase as matched: folded and typed, word for word, split where a message's words are ("Bộ TT&TT": "bộ", "tt", "tt"). */
const phraseOf = (text: string): Phrase => {
  const split = text.replace(/[&-]/g, ' ');
  return { folded: foldedWords(split), typed: normalize(split).match(/[\p{L}\p{N}%]+/gu) ?? [] };
};

function prepare(words: FollowUpWords): Phrases {
  // who leads, asked with every verb after every word asking who ("cơ quan nào lo", "ai theo dõi"); an amount
  // asked with its measure ("bao nhiêu tiền", "bao nhiêu USD") is one ask, whose measure names no subject
  const figures = figureQuestions();
  const amountWords = [...figures.amount, ...figures.amountBeforeUnit];
  const amounts = [...new Set([...amountWords, ...words.asks.target])].filter((t) => amountWords.some((a) => t.endsWith(a)))
    .flatMap((t) => Object.keys(figures.measures).map((m) => `${t} ${m}`));
  const asks = {
    ...words.asks,
    unit: [...words.asks.unit, ...words.leadAsk.who.flatMap((w) => words.unitVerbs.map((v) => `${w} ${v}`))],
    target: [...words.asks.target, ...amounts],
  };
  const phrases = (list: string[]) => list.map(phraseOf).filter((p) => p.folded.length > 0).sort((a, b) => b.folded.length - a.folded.length);
  return {
    openers: phrases(words.openers), closers: phrases(words.closers), references: phrases([...words.references, ...words.referenceNouns.flatMap((n) => words.unitPointers.pointers.map((w) => `${n} ${w}`))]),
    asks: phrases(Object.values(asks).flat()),
    notAsks: phrases(words.notAsks),
    askKind: new Map(Object.entries(asks).flatMap(([kind, list]) => phrases(list).map((p) => [p.folded.join(' '), kind] as const))),
    who: phrases(words.leadAsk.who),
    leadVerb: words.leadAsk.verb,
    filler: phrases(words.filler),
    period: phrases(words.period),
    before: phrases(documentKinds().before),
    yearParts: phrases(words.yearParts),
    sectorHeads: phrases(sectorHeads()),
    relativeYears: Object.entries(words.relativeYears).map(([text, step]) => ({ phrase: phraseOf(text), step }))
      .filter((r) => r.phrase.folded.length > 0).sort((a, b) => b.phrase.folded.length - a.phrase.folded.length),
    continuing: phrases(words.continuing),
    more: phrases([...words.more, ...words.moreOf.nouns.flatMap((n) => words.moreOf.tails.map((t) => `${words.moreOf.opener} ${n} ${t}`))]),
    moreTails: phrases(words.moreOf.tails),
    moreOpener: phraseOf(words.moreOf.opener),
    measures: phrases(Object.keys(figures.measureNouns)),
    unitHeads: [...unitReading().kinds.map((k) => ({ head: phraseOf(k), kind: foldedWords(k).join(' ') })), ...words.unitPointers.generic.map((g) => ({ head: phraseOf(g) }))]
      .filter((u) => u.head.folded.length > 0).sort((a, b) => b.head.folded.length - a.head.folded.length),
    unitPointers: phrases(words.unitPointers.pointers),
  };
}

/**
 * Whether `phrase` stands at word `at`: its folded words, and a word typed with diacritics has the phrase's
 * own ("thế thị phần" opens on no "thế thì", "tốc độ" points back at nothing as "đó" would; in a text typed
 * without diacritics, either may be meant, and the phrase is taken). An all-capital word ("AI") is a name,
 * never a phrase's word.
 */
function phraseAt(words: Word[], phrase: Phrase, at: number): boolean {
  return phrase.folded.every((p, k) => {
    const w = words[at + k];
    if (w?.folded !== p || /^\p{Lu}{2,}$/u.test(w.typed)) return false;
    if (w.loose) return true;
    const typed = w.typed.normalize('NFC').toLowerCase();
    // a phrase of one word typed without its diacritics in a text typed with them is another word ("do" is
    // no "đó"); in a longer phrase the others say which is meant ("hạn khi nao"), but not of its first word,
    // which may end another word ("doanh thu bao nhiêu" asks no "thứ bao nhiêu")
    if (typed === fold(typed)) return !(w.accented && (phrase.folded.length === 1 || k === 0)) || normalize(typed) === phrase.typed[k];
    return normalize(typed) === phrase.typed[k];
  });
}

/** Whether `phrase` stands at word `at` typed exactly as it is spelt, diacritics and all. */
function exactlyAt(words: Word[], phrase: Phrase, at: number): boolean {
  return phrase.typed.every((t, k) => words[at + k] !== undefined && normalize(words[at + k].typed) === t);
}

/** The word spans of every phrase found in `words` outside `taken` (longest first, not overlapping). */
function spansOf(words: Word[], phrases: Phrase[], taken = new Set<number>()): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const used = new Set(taken);
  for (const phrase of phrases) {
    const n = phrase.folded.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (!phraseAt(words, phrase, i) || phrase.folded.some((_, k) => used.has(i + k))) continue;
      for (let k = 0; k < n; k++) used.add(i + k);
      spans.push([i, i + n]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The word indexes the spans cover. */
function covered(spans: Array<[number, number]>): Set<number> {
  return new Set(spans.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k)));
}

/**
 * The spans of what a question asks ("ai chủ trì", "hạn khi nào"), outside `taken` and the words that only
 * look like asks ("hạn chế"); where the two overlap the longer is read ("quốc gia hạn khi nào" asks a
 * deadline, its "gia hạn" extends nothing).
 */
function asksIn(words: Word[], p: Phrases, taken = new Set<number>()): Array<[number, number]> {
  const { asks, both, longest } = askTables(p);
  const isAsk = (span: [number, number]) => asks.some((a) => a.folded.length === span[1] - span[0] && phraseAt(words, a, span[0]));
  const spans = spansOf(words, both, taken);
  const used = covered(spans);
  // an ask overlapping the one found before it is one with it: "do ai" + "ai theo dõi" is "do ai theo dõi"
  return spans.filter(isAsk).map(([a, b]): [number, number] => {
    let from = a;
    // going back word by word while the words are free, as far as the longest ask reaches
    for (let start = a - 1; start >= Math.max(0, a - longest + 1) && !taken.has(start) && !used.has(start); start--) {
      if (asks.some((x) => start + x.folded.length > a && start + x.folded.length <= b && phraseAt(words, x, start))) from = start;
    }
    return [from, b];
  });
}

// the ask lists prepared once per phrase set: asks and look-alikes longest first, the longest ask's length
const askTablesCache = new WeakMap<Phrases, { asks: Phrase[]; both: Phrase[]; longest: number }>();
function askTables(p: Phrases): { asks: Phrase[]; both: Phrase[]; longest: number } {
  let t = askTablesCache.get(p);
  if (!t) {
    const notAsks = new Set(p.notAsks);
    const asks = p.asks.filter((a) => !notAsks.has(a));
    t = { asks, both: [...p.notAsks, ...p.asks].sort((x, y) => y.folded.length - x.folded.length), longest: Math.max(1, ...asks.map((x) => x.folded.length)) };
    askTablesCache.set(p, t);
  }
  return t;
}

/** The text of word spans, each as typed, joined by spaces. */
function spanText(text: string, words: Word[], spans: Array<[number, number]>): string {
  return spans.map(([a, b]) => text.slice(words[a].start, words[b - 1].end)).join(' ');
}

/** The text with the word spans taken out, spaces tidied. */
function cut(text: string, words: Word[], spans: Array<[number, number]>): string {
  let out = '';
  let last = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    out += text.slice(last, words[a].start);
    last = words[b - 1].end;
  }
  return tidy(out + text.slice(last));
}

/** The text with the word span [a, b) replaced. */
function replaceSpan(text: string, words: Word[], [a, b]: [number, number], by: string): string {
  return `${text.slice(0, words[a].start)}${by}${text.slice(words[b - 1].end)}`;
}

/** Whether a name typed with diacritics is typed as `name` writes it ("đa năng" is no Đà Nẵng); typed without them, it may be. */
function writtenAs(typed: string, name: string): boolean {
  const t = normalize(typed).toLowerCase();
  return t === fold(t) || t === normalize(name).toLowerCase();
}

/** Spaces and stray punctuation tidied: "  , ai chủ trì ?" → "ai chủ trì". */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s+([,.;:?!])(?=\s|$)/g, '$1').replace(/^[\s,.;:?!-]+|[\s,;:?!-]+$/g, '').trim();
}

/** Completes elliptical follow-ups from the last question of a chat. */
export class FollowUpReader {
  private readonly phrases: Phrases;

  /** The word that says a document is where something is written ("theo"), as typed. */
  private readonly beforeWord = documentKinds().before[0];
  private readonly unitTasksAsk = followUpWords().unitTasks;
  /** The word a year is said with ("năm"), as typed. */
  private readonly yearWord: string;

  /** The follow-up words' own words: folded, and each folded word's spellings. */
  private readonly ownWords = new Map<string, Set<string>>();
  /**
   * Words and phrases that name no subject: function and question words, and phrases that only shape a
   * question ("dự kiến"), say what is done ("xây dựng"), when it is due ("trình", "hoàn thành") or how a
   * figure is to be met ("trên", "tối thiểu"). A phrase counts only where it stands whole: "đảm bảo"
   * names nothing, but the "báo" of "báo chí" does.
   */
  private readonly plainPhrases: Phrase[];
  /** The words asking for a list ("những mục tiêu", "bao nhiêu chỉ tiêu"; lexicon/browse-words.json). */
  private readonly listWords: Phrase[];
  /** Short forms typed in chat ("j" for "gì", "z" for "vậy"), folded, and the words they stand for. */
  private readonly chatForms = new Map<string, string>();
  /** For a unit's kind word, folded, the syllables before it that make it another word ("dịch vụ"). */
  private readonly compounds = foldedCompounds(unitReading().compounds);

  constructor(private readonly namer: Namer, words: FollowUpWords = followUpWords(), private readonly vocabulary?: Vocabulary) {
    this.phrases = prepare(words);
    this.yearWord = words.period[0];
    const p = this.phrases;
    const all = [p.openers, p.closers, p.references, p.asks, p.notAsks, p.who, p.filler, p.period, p.before, p.yearParts, p.sectorHeads, p.more,
      p.relativeYears.map((r) => r.phrase), [phraseOf(p.leadVerb)]].flat();
    for (const phrase of all) {
      phrase.folded.forEach((f, k) => { if (!this.ownWords.has(f)) this.ownWords.set(f, new Set()); this.ownWords.get(f)!.add(phrase.typed[k]); });
    }
    const q = questionWords();
    const b = browseWords();
    // (and the words saying how a figure is to be met, "trên", "tối thiểu": no group or top, which name a rank)
    const c = comparatorWords();
    const bounds = [...(c.at_least ?? []), ...(c.over ?? []), ...(c.at_most ?? []), ...(c.under ?? [])];
    this.plainPhrases = [...q.functionWords.folded, ...q.questionWords.folded, ...q.planned.folded, ...q.nonContentPhrases.folded, ...b.actions, ...b.due, ...bounds, ...words.plain]
      .map(phraseOf).filter((p) => p.folded.length > 0).sort((a, b) => b.folded.length - a.folded.length);
    this.listWords = b.list.map(phraseOf).filter((p) => p.folded.length > 0);
    for (const [short, full] of Object.entries(words.chatForms)) this.chatForms.set(foldedWords(short).join(' '), normalize(full));
  }

  /**
   * A message's words, a chat form among follow-up words read as its word ("j" is "gì"), and, `spelled`, a
   * misspelt follow-up word as the word meant: one the documents never write, that folds to a follow-up word
   * ("nầy" is "này"), or one letter from a single one of them ("xog" is "xong").
   */
  private wordsOf(text: string, spelled: boolean): Word[] {
    const v = this.vocabulary;
    const typed = wordsOf(text);
    // a chat form among follow-up words ("còn j nữa", "phối hợp vs đơn vị nào z"), not after a word of a subject ("gen z")
    const own = (w: Word | undefined) => w === undefined || this.ownWords.has(w.folded) || this.chatForms.has(w.folded);
    // a chat form of two words ("nv": "nhiệm vụ") is read as both, each over the letters typed
    const chatRead = typed.flatMap((w, i) => {
      const chat = this.chatForms.get(w.folded);
      return chat && w.typed === w.typed.toLowerCase() && own(typed[i - 1]) && own(typed[i + 1])
        ? fold(chat).split(' ').map((folded) => ({ ...w, folded, loose: true })) : [w];
    });
    if (!spelled) return chatRead;
    return chatRead.map((w) => {
      if (w.loose || /^\p{Lu}{2,}$/u.test(w.typed)) return w;
      if (!v) return w;
      const written = normalize(w.typed);
      const spellings = this.ownWords.get(w.folded);
      if (spellings) return written !== w.folded && !spellings.has(written) && !v.hasTyped(written) ? { ...w, loose: true } : w;
      if (w.folded.length < 3 || !/^[a-z]+$/.test(w.folded) || v.hasFolded(w.folded)) return w;
      const meant = [...this.ownWords.keys()].filter((f) => f.length >= 3 && oneEditApart(w.folded, f));
      return meant.length === 1 ? { ...w, folded: meant[0], loose: true } : w;
    });
  }

  /**
   * The spans where a text gives a time: runs of years and the words that go with them ("đến năm 2025",
   * "giai đoạn 2024-2025"), outside `taken` (a document's year is the document's, not the time asked).
   */
  private timeRuns(words: Word[], taken: Set<number>): Array<[number, number]> {
    const period = covered(spansOf(words, this.phrases.period, taken));
    const parts = this.yearParts(words, taken);
    const isYear = (w: Word) => YEAR.test(w.folded) && !w.numbered;
    const isTime = (i: number) => isYear(words[i]) || period.has(i) || parts.has(i);
    const runs: Array<[number, number]> = [];
    for (let i = 0; i < words.length;) {
      if (taken.has(i) || !isTime(i)) { i++; continue; }
      let j = i;
      while (j < words.length && !taken.has(j) && isTime(j)) j++;
      if (words.slice(i, j).some((w, k) => isYear(w) || parts.has(i + k))) runs.push([i, j]);
      i = j;
    }
    return runs;
  }

  /** The words of a part of a year with its number ("Quý III", "tháng 6"), outside `taken`. */
  private yearParts(words: Word[], taken: Set<number>): Set<number> {
    const at = spansOf(words, this.phrases.yearParts, taken).filter(([, b]) => b < words.length && !taken.has(b) && PART_NUMBER.test(words[b].folded));
    return covered(at.map(([a, b]) => [a, b + 1]));
  }

  /**
   * The year a follow-up names by its place after or before the last question's ("năm sau" after "năm 2024"
   * is 2025; after "giai đoạn 2024-2025", 2026), and the words naming it; undefined when the last question
   * names no year.
   */
  private relativeYear(words: Word[], last: string, taken: Set<number>): { span: [number, number]; year: number } | undefined {
    const found = this.phrases.relativeYears.map((r) => ({ r, span: spansOf(words, [r.phrase], taken)[0] })).find((x) => x.span);
    if (!found) return undefined;
    const lastWords = wordsOf(last);
    const doc = this.documentSpan(lastWords);
    const run = this.timeRuns(lastWords, covered(doc ? [doc] : [])).at(-1);
    const years = run ? lastWords.slice(...run).map((w) => w.folded).filter((w) => YEAR.test(w)).map(Number) : [];
    if (!years.length) return undefined;
    const step = found.r.step;
    return { span: found.span, year: (step > 0 ? Math.max(...years) : Math.min(...years)) + step };
  }

  /**
   * The spans pointing back at the last question ("việc này", "chỉ tiêu đó"), outside `taken`. A word that
   * points back takes the noun before it when that is all the follow-up names besides ("tỷ lệ này năm 2025?"),
   * a noun being one or two words, or a period word ("năm đó" is the last question's year).
   */
  private referencesIn(words: Word[], taken: Set<number>): Array<[number, number]> {
    const spans = spansOf(words, this.phrases.references, taken);
    const shaped = covered([...spans, ...spansOf(words, this.phrases.filler, taken), ...asksIn(words, this.phrases, taken)]);
    const periodWords = covered(spansOf(words, this.phrases.period, taken));
    return spans.map(([a, b]) => {
      if (b - a !== 1) return [a, b];
      if (a > 0 && periodWords.has(a - 1) && !taken.has(a - 1)) return [a - 1, b];
      const named = (i: number) => !shaped.has(i) && !taken.has(i) && !YEAR.test(words[i].folded) && !periodWords.has(i);
      const before = words.map((_, i) => i).filter((i) => i < a && named(i));
      const after = words.map((_, i) => i).filter((i) => i >= b && named(i));
      // not a tuned number: the nouns that point back so ("tỷ lệ", "chỉ số", "con số") are one or two words; a
      // longer run is a new subject the word only dates ("thuê bao băng rộng cố định … năm đó")
      const noun = before.length > 0 && before.length <= 2 && before.at(-1) === a - 1 && before[0] === a - before.length && after.length === 0;
      return noun ? [before[0], b] : [a, b];
    });
  }

  /** The word span naming documents, if any. */
  private documentSpan(words: Word[]): [number, number] | undefined {
    return this.namer.documentIn(words.map((w) => w.folded))?.span;
  }

  /**
   * The full question `text` stands for after `last`, or undefined when it is a question on its own.
   * A follow-up opens or closes on a word like "còn", "thì sao", points back ("việc này"), or holds nothing
   * but what it asks and a time ("ai chủ trì?", "năm 2025?"); "còn gì nữa không?" asks for more of the last answer.
   */
  complete(typedText: string, last: string): Completion | undefined {
    const text = this.withSectorNamed(typedText, last);
    // read as typed first, misspelt words as the words meant only when that reading finds no follow-up ("còn
    // ở đâu năm 2025?" keeps its "đâu"); but a word the documents never use read as a follow-up word ("xog")
    // is surely that word: then that reading first
    const typed = wordsOf(text.normalize('NFC'));
    const fixesUnknown = this.wordsOf(text.normalize('NFC'), true).some((w) => {
      const asTyped = typed.find((t) => t.start === w.start)!;
      return w.folded !== asTyped.folded && !this.chatForms.has(asTyped.folded) && !this.vocabulary?.hasFolded(asTyped.folded);
    });
    return fixesUnknown
      ? this.completeAs(text, last, true) ?? this.completeAs(text, last, false)
      : this.completeAs(text, last, false) ?? this.completeAs(text, last, true);
  }

  /**
   * A message pointing back at a unit ("cục đó còn chủ trì việc gì?", "đơn vị này phối hợp với ai"), asked of
   * that unit: the first of `units` (the last question's unit, then the one leading what the last answer
   * showed) of the kind the pointing words name ("cục đó" is a Cục, "đơn vị đó" any unit). A message naming
   * no document and no time is asked in the last question's document, or else its time; a quarter or month
   * named alone ("trong quý I") keeps the last question's year. Undefined when it points at none of `units`.
   */
  unitReferred(typedText: string, last: string, units: () => string[]): string | undefined {
    const text = typedText.normalize('NFC').trim();
    const words = this.wordsOf(text, false);
    // a message naming a unit of its own asks of that one
    if (this.namer.unitIn(words.map((w) => w.folded))) return undefined;
    const p = this.phrases;
    const followUpAt = (at: number) => at === words.length || [p.asks, p.closers, p.continuing, p.openers, p.more].some((list) => list.some((ph) => phraseAt(words, ph, at)));
    // (read only when a word points at a unit of the kind: most messages have none)
    const asksOfTaskOfUnnamed = (unit: string) => unit !== this.namer.unitIn(foldedWords(last))?.name
      && [...this.kindsOf(words, asksIn(words, p))].some((k) => k !== undefined && TASK_ASKS.has(k));
    for (const { head, kind } of p.unitHeads) {
      for (let i = 0; i + head.folded.length < words.length; i++) {
        const end = i + head.folded.length;
        if (!phraseAt(words, head, i) || words.slice(i, end).some((w) => w.loose)) continue;
        // a kind word ending another word ("nhiệm vụ đó", "thị trường này") names no unit
        if (kind && i > 0 && this.compounds.get(kind)?.has(words[i - 1].folded)) continue;
        const pointer = p.unitPointers.find((ph) => phraseAt(words, ph, end));
        if (!pointer) continue;
        const after = end + pointer.folded.length;
        // typed without diacritics, "do", "nay" are other words unless a follow-up word or the end comes next
        if (!words[end].accented && !followUpAt(after)) continue;
        const unit = units().find((u) => kind === undefined || foldedWords(u).join(' ').startsWith(`${kind} `));
        if (!unit) continue;
        // "vụ đó" asking who, when or with whom of a Vụ the last question did not name is that matter
        if (kind === VU && asksOfTaskOfUnnamed(unit)) continue;
        return this.inLastScope(replaceSpan(text, words, [i, after], unit), last);
      }
    }
    return undefined;
  }

  /** A question in the last question's document, or else its time, when it names neither; its quarter or month alone in the last year. */
  private inLastScope(typed: string, last: string): string {
    // "năm sau" is the year after the last question's, as a follow-up reads it
    const typedWords = wordsOf(typed);
    const relative = this.relativeYear(typedWords, last, new Set());
    const question = relative ? replaceSpan(typed, typedWords, relative.span, `${this.yearWord} ${relative.year}`) : typed;
    const words = wordsOf(question);
    const doc = this.documentSpan(words);
    const run = this.timeRuns(words, covered(doc ? [doc] : [])).at(-1);
    const lastWords = wordsOf(last);
    const lastDoc = this.documentSpan(lastWords);
    const lastRun = this.timeRuns(lastWords, covered(lastDoc ? [lastDoc] : [])).at(-1);
    const lastYear = lastRun && lastWords.slice(...lastRun).map((w) => w.typed).filter((w) => YEAR.test(w)).at(-1);
    if (run) {
      const yearless = !words.slice(...run).some((w) => YEAR.test(w.folded));
      return tidy(yearless && lastYear ? replaceSpan(question, words, run, `${spanText(question, words, [run])}/${lastYear}`) : question);
    }
    if (doc) return tidy(question);
    if (lastDoc) {
      const named = spanText(last, lastWords, [lastDoc]);
      const before = this.phrases.before.some((b) => foldedWords(named)[0] === b.folded[0]);
      return `${tidy(question)} ${before ? '' : `${this.beforeWord} `}${named}`;
    }
    return lastRun ? this.withTime(question, spanText(last, lastWords, [lastRun])) : tidy(question);
  }

  /**
   * A sector's short form that names it only after a head word ("BC", "VT"), typed alone in a follow-up to a
   * question on that sector, is that sector: "Thế doanh thu BC …" after a postal question is "doanh thu bưu chính".
   */
  private withSectorNamed(text: string, last: string): string {
    const lastSectors = this.namer.sectorsIn(foldedWords(last))?.names ?? [];
    let out = text;
    for (const sector of sectorLexicon().filter((x) => lastSectors.includes(x.name))) {
      for (const short of sector.headed ?? []) {
        out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(short)}(?![\\p{L}\\p{N}])`, 'giu'), sector.spellings[0] ?? sector.name);
      }
    }
    return out;
  }

  private completeAs(text: string, last: string, spelled: boolean): Completion | undefined {
    const typed = text.normalize('NFC').trim();
    // a command is never a follow-up
    if (typed.startsWith('/')) return undefined;
    const words = this.wordsOf(typed, spelled);
    if (words.length === 0) return undefined;
    const p = this.phrases;
    // "còn gì nữa không?", with any closing words after it ("còn gì nữa ko bạn")
    for (let end = words.length, c: Phrase | undefined; end > 0; end -= c.folded.length) {
      if (p.more.some((m) => m.folded.length === end && phraseAt(words, m, 0))) return { kind: 'more' };
      c = p.closers.find((w) => end - w.folded.length >= 0 && phraseAt(words, w, end - w.folded.length));
      if (!c) break;
    }

    // "còn gì nữa không, có tổ chức sự kiện gì không?": more of the last answer, whatever kind the rest asks
    // of (the items around the last answer show it; the words of a kind are seldom the item's own); "còn gì
    // nữa không, sách tinh gọn chẳng hạn?" names the item: the rest is asked as a follow-up
    const moreFirst = p.more.find((m) => m.folded.length < words.length && phraseAt(words, m, 0));
    if (moreFirst) {
      let end = moreFirst.folded.length;
      for (let c; (c = p.closers.find((w) => end + w.folded.length < words.length && phraseAt(words, w, end)));) end += c.folded.length;
      // a sentence of its own after it ("còn gì nữa không, …", "… ko? …")
      if (/[,.;:!?]/.test(typed.slice(words[end - 1].end, words[end].start))) {
        const rest = typed.slice(words[end].start);
        const restWords = this.wordsOf(rest, spelled);
        // which ones, of a kind ("có sự kiện gì không"), unless the rest asks who, when or where ("…, đơn vị nào chủ trì?")
        const asksOfTask = [...this.kindsOf(restWords, asksIn(restWords, p))].some((k) => k !== undefined && TASK_ASKS.has(k));
        if (spansOf(restWords, p.moreTails).length && !asksOfTask) return { kind: 'more' };
        // (the rest is shorter than the message, so this ends)
        return this.completeAs(`${p.moreOpener.typed.join(' ')} ${rest}`, last, spelled);
      }
      // "còn chỉ tiêu nào khác của mảng ATTT ko?": the rest names nothing the last question did not
      const lastWords = new Set(wordsOf(last).map((w) => w.folded));
      const tail = words.slice(end);
      const shaped = covered([...spansOf(tail, p.filler), ...spansOf(tail, p.closers), ...spansOf(tail, p.sectorHeads)]);
      const plain = this.plainIn(tail);
      if (tail.every((w, i) => shaped.has(i) || plain.has(i) || lastWords.has(w.folded))) return { kind: 'more' };
    }

    // openers at the start, closers at the end: "thế còn … thì sao"
    const [from, to] = this.withinOpenersAndClosers(words, true);
    const inner = words.slice(from, to);
    const innerText = inner.length ? typed.slice(inner[0].start, inner.at(-1)!.end) : '';
    const innerWords = this.wordsOf(innerText, spelled);
    const doc = innerText ? this.documentSpan(innerWords) : undefined;
    const docWords = covered(doc ? [doc] : []);
    const references = this.referencesIn(innerWords, docWords);
    const asks = asksIn(innerWords, p, new Set([...docWords, ...covered(references)]));
    // "năm sau", "năm trước": the year after or before the last question's
    const relative = this.relativeYear(innerWords, last, new Set([...docWords, ...covered(references), ...covered(asks)]));
    const relativeSpans = relative ? [relative.span] : [];
    const times = this.timeRuns(innerWords, new Set([...docWords, ...covered(references), ...covered(asks), ...covered(relativeSpans)]));
    const time = times.length ? spanText(innerText, innerWords, [times.at(-1)!]) : relative ? String(relative.year) : '';
    const taken = covered([...(doc ? [doc] : []), ...references, ...asks, ...times, ...relativeSpans]);
    const inPlace = covered(this.namer.placeIn(innerWords.map((w) => w.folded))?.spans ?? []);
    const filler = this.fillerSpans(innerWords, taken);
    const shaped = covered([...(doc ? [doc] : []), ...references, ...asks, ...times, ...relativeSpans, ...filler]);
    // what is left is a new subject, if anything
    const rest = innerWords.map((_, i) => i).filter((i) => !shaped.has(i));
    // an ask whose other words name no subject ("dự kiến trình tháng mấy?": a plan word and an action) asks
    // about the last question's subject, unless it names all the last question names (a question of its own)
    const plain = this.plainIn(innerWords);
    const echoes = rest.every((i) => plain.has(i)) && !this.namesAllOf(innerWords, last);
    // a document named with only an ask ("báo cáo tổng kết 2021 thì ghi bao nhiêu?") asks the last question of
    // it; asking for a list ("… đặt những mục tiêu gì?", "… có bao nhiêu chỉ tiêu?") is a question of its own
    const documentOnly = doc !== undefined && asks.length > 0 && rest.length === 0 && spansOf(innerWords, this.listWords, docWords).length === 0;
    if (asks.length > 0 && rest.length > 0 && echoes) rest.length = 0;
    const marking = from > 0 || to < words.length || references.length > 0;
    // a closing word alone ("… hả?") marks no follow-up when the message asks of a subject of its own, unless
    // a word says it goes on ("Cục BC còn nhiệm vụ nào nữa không?")
    const closedOnly = from === 0 && to < words.length && references.length === 0 && spansOf(words, p.continuing).length === 0;
    // a province named alone, with at most an ask and a time ("Hải Phòng bn?"), asks the last question of it
    const placeOnly = rest.length > 0 && rest.every((i) => inPlace.has(i));
    // an amount asked of a measure alone ("doanh thu bao nhiêu?"): the last question's subject's
    const measure = covered(spansOf(innerWords, p.measures));
    const measureOnly = asks.length > 0 && rest.length > 0 && rest.every((i) => measure.has(i));
    const marked = placeOnly || measureOnly || documentOnly || (marking && !(closedOnly && asks.length > 0 && rest.length > 0));
    if (!marked && (rest.length > 0 || doc)) return undefined;
    if (rest.length === 0 && asks.length === 0 && !time && !doc) return undefined;
    // a list command goes on with another unit, sector, topic or time, not with a question of its own
    if (last.startsWith('/') && asks.length) return undefined;

    let question = last;
    if (doc) question = this.withDocument(question, spanText(innerText, innerWords, [doc]));
    if (time) question = this.withTime(question, time);
    // an ask of a kind the last question asked already adds nothing: its own words stay ("mục tiêu")
    const kinds = this.kindsOf(innerWords, asks);
    const ask = this.asksTheSame(innerWords, asks, question) ? '' : this.plainAsk(this.askText(innerText, innerWords, asks), kinds);
    const subject = rest.length ? spanText(innerText, innerWords, groupRuns(rest)) : '';
    let wider: string | undefined;
    let sector: SectorSwitch | undefined;
    let unit: UnitSwitch | undefined;
    if (subject) {
      const replaced = this.withSubject(question, subject, ask, kinds.has('task'));
      if (replaced.generic) wider = tidy(`${this.withoutAsks(question)} ${subject} ${ask || this.asksOf(question)}`);
      question = replaced.question;
      if (replaced.unit) unit = { name: replaced.unit, otherwise: replaced.otherwise.map(tidy) };
      if (replaced.sectors) {
        const otherwise = [...new Set(replaced.otherwise.map(tidy))].filter((q) => q && q !== tidy(question));
        sector = { names: replaced.sectors, ...(replaced.kept ? { kept: replaced.kept } : {}), otherwise };
      }
    } else if (ask) question = `${this.withoutAsks(question)} ${ask}`;
    question = tidy(question);
    if (!question) return undefined;
    const understoodWords = wordsOf(question);
    const named = time && !doc ? this.documentSpan(understoodWords) : undefined;
    const unscoped = named ? tidy(cut(question, understoodWords, [named])) : '';
    return {
      kind: 'question', question,
      ...(unscoped ? { unscoped: { question: unscoped, subject: this.subjectOf(unscoped) } } : {}),
      ...(rest.length === 0 && !doc && !time && asks.length > 0 ? { asksOnly: true } : {}),
      ...(kinds.has('place') ? { asksPlace: true } : {}),
      ...(rest.length === 0 && !doc && !time && kinds.size === 1 && kinds.has('source') ? { asksSource: true } : {}),
      // (another sector is said by the section the passage stands in, not by a clause of it)
      ...(sector ? {} : this.focusOf(subject, last)),
      ...(wider && wider !== question ? { wider, subject } : {}),
      ...(wider && wider !== question && references.length ? this.asideOf(subject, last) : {}),
      ...(sector ? { sector } : {}),
      ...(unit ? { unit } : {}),
    };
  }

  /**
   * What a message pointing back ("kinh phí cho việc đó", "nền tảng này") says of the thing it points at:
   * its subject's words that name something, less those of the last question ("nền tảng" of "nền tảng này"
   * is the thing pointed at); nothing when none are left.
   */
  private asideOf(subject: string, last: string): { aside: true; subject: string } | {} {
    const lastWords = new Set(wordsOf(last).map((w) => w.folded));
    const all = wordsOf(subject);
    const plain = this.plainIn(all);
    const words = all.filter((w, i) => !lastWords.has(w.folded) && !plain.has(i));
    return words.length ? { aside: true, subject: words.map((w) => w.typed).join(' ') } : {};
  }

  /** What a follow-up's subject names that the last question did not ("doanh thu" of "doanh thu bưu chính" after a postal question). */
  private focusOf(subject: string, last: string): { focus: string } | {} {
    const lastWords = new Set(wordsOf(last).map((w) => w.folded));
    // (a clause must hold every word of it to lead: a word naming nothing leaves the choice as it was)
    const own = wordsOf(subject).filter((w) => !lastWords.has(w.folded)).map((w) => w.typed).join(' ');
    return own ? { focus: own } : {};
  }

  /** The asks as typed, an ask with a misspelt word as the lexicon spells it ("bao gio phai xog" → "bao giờ phải xong"). */
  private askText(text: string, words: Word[], asks: Array<[number, number]>): string {
    return asks.map(([a, b]) => {
      const typed = spanText(text, words, [[a, b]]);
      if (!words.slice(a, b).some((w) => w.loose)) return typed;
      const phrase = this.phrases.asks.find((ph) => ph.folded.length === b - a && phraseAt(words, ph, a));
      return phrase ? phrase.typed.join(' ') : typed;
    }).join(' ');
  }

  /**
   * A message that names a subject of its own and asks of it, put beside the last question's subject and
   * time in place of what that asked ("tốc độ tăng trưởng bao nhiêu %/năm?" after "doanh thu bưu chính đến
   * 2025 đạt bao nhiêu?"); `subject` is what the message names. Undefined when it names or asks nothing.
   */
  beside(text: string, last: string): { question: string; subject: string } | undefined {
    const words = this.wordsOf(text.normalize('NFC').trim(), true);
    const asks = asksIn(words, this.phrases);
    if (!asks.length) return undefined;
    const shaped = covered([...asks, ...spansOf(words, this.phrases.closers), ...spansOf(words, this.phrases.openers), ...spansOf(words, this.phrases.filler)]);
    const plain = this.plainIn(words);
    const own = words.map((_, i) => i).filter((i) => !shaped.has(i) && !plain.has(i));
    if (!own.length) return undefined;
    if (this.namesAllOf(words, last)) return undefined;
    const subject = spanText(text, words, groupRuns(own));
    return { question: tidy(`${this.withoutAsks(last)} ${text}`), subject };
  }

  /**
   * Whether a message only asks, naming nothing it asks about ("ai chủ trì?", "hạn khi nào?"): with no
   * last question to take the subject from, the user is asked what it is about.
   */
  asksOnly(text: string): boolean {
    return this.asksOnlyAs(text, false) || this.asksOnlyAs(text, true);
  }

  private asksOnlyAs(text: string, spelled: boolean): boolean {
    const words = this.wordsOf(text.normalize('NFC'), spelled);
    const p = this.phrases;
    const asks = asksIn(words, p);
    if (!asks.length) return false;
    const shaped = covered([...asks, ...spansOf(words, p.openers), ...spansOf(words, p.closers), ...spansOf(words, p.references)]);
    return words.every((w, i) => shaped.has(i) || p.filler.some((f) => f.folded.length === 1 && f.folded[0] === w.folded));
  }

  /**
   * What a request for more names beside asking for more: "chỉ tiêu bưu chính" in "còn chỉ tiêu nào nữa
   * cho bưu chính ko?"; '' for "còn gì nữa không?".
   */
  moreNamed(text: string): string {
    const words = this.wordsOf(text.normalize('NFC').trim(), false);
    const p = this.phrases;
    // openers at the start, closers at the end ("còn … nữa không"), as a follow-up is read
    const [from, to] = this.withinOpenersAndClosers(words, false);
    const inner = words.slice(from, to);
    // and inside, the words asking which, filler and closing words ("nữa" of "còn chỉ tiêu nào nữa cho …")
    const asking = covered([...spansOf(inner, p.moreTails), ...this.fillerSpans(inner, new Set()), ...this.fillerSpans(inner, new Set(), p.closers, true)]);
    const named = inner.filter((w, i) => !asking.has(i) && !p.more.some((m) => m.folded.length === 1 && m.folded[0] === w.folded));
    return named.map((w) => w.typed).join(' ');
  }

  /**
   * Where a message's words run once the openers at its start and the closers at its end are set aside
   * ("thế còn … thì sao"); with `asksSpelt`, an ask typed exactly as it is spelt is no opener's ("con số" asks
   * for the figure, "còn số …" goes on).
   */
  private withinOpenersAndClosers(words: Word[], asksSpelt: boolean): [number, number] {
    const p = this.phrases;
    let from = 0;
    let to = words.length;
    for (let again = true; again;) {
      again = false;
      // an ask of several words typed as spelt, or in a text typed without diacritics ("con so cu the": "con số"), opens no follow-up
      const exactAsk = asksSpelt ? p.asks.find((a) => a.folded.length > 1 && from + a.folded.length <= to && (words[from].accented ? exactlyAt(words, a, from) : phraseAt(words, a, from))) : undefined;
      const o = p.openers.find((w) => from + w.folded.length <= to && phraseAt(words, w, from) && !(exactAsk && exactAsk.folded.length > w.folded.length));
      if (o) { from += o.folded.length; again = true; }
      const c = p.closers.find((w) => to - w.folded.length >= from && phraseAt(words, w, to - w.folded.length));
      if (c) { to -= c.folded.length; again = true; }
    }
    return [from, to];
  }

  /**
   * The filler in words ("thì", "đặt", "có"; or other `phrases`), outside `taken`. A province's name holds none: "ha noi" typed
   * without diacritics is no "nói"; nor, in a text typed without them, does a word making a pair the documents
   * use with a neighbour that is no filler ("noi dia" is "nội địa"; "thi dc" is "thì được"), nor, with
   * `pairsTyped`, in a text typed with them ("thế giới" holds no closing "thế").
   */
  private fillerSpans(words: Word[], taken: Set<number>, phrases: Phrase[] = this.phrases.filler, pairsTyped = false): Array<[number, number]> {
    const p = this.phrases;
    const inPlace = covered(this.namer.placeIn(words.map((w) => w.folded))?.spans ?? []);
    const isFiller = (w: Word) => p.filler.some((f) => f.folded.length === 1 && f.folded[0] === w.folded);
    const free = (k: number) => k >= 0 && k < words.length && !taken.has(k) && !isFiller(words[k]);
    const inPair = (i: number) => {
      const pairWith = (k: number) => free(k) && (this.vocabulary?.hasFolded(k < i ? `${words[k].folded}_${words[i].folded}` : `${words[i].folded}_${words[k].folded}`) ?? false);
      return (pairsTyped || !words[i].accented) && (pairWith(i - 1) || pairWith(i + 1));
    };
    const filler: Array<[number, number]> = [];
    for (let i = 0; i < words.length; i++) {
      const f = phrases.find((x) => phraseAt(words, x, i) && x.folded.every((_, k) => !taken.has(i + k) && !inPlace.has(i + k) && !inPair(i + k)));
      if (f) { filler.push([i, i + f.folded.length]); i += f.folded.length - 1; }
    }
    return filler;
  }

  /** The question with the documents it names replaced ("còn Chỉ thị năm 2021?"), or them added. */
  private withDocument(question: string, named: string): string {
    const words = wordsOf(question);
    const span = this.documentSpan(words);
    return span ? replaceSpan(question, words, span, named) : `${tidy(question)} theo ${named}`;
  }

  /** The question with its time replaced by the follow-up's ("còn năm 2025?"), or the time added. */
  private withTime(question: string, time: string): string {
    const words = wordsOf(question);
    const doc = this.documentSpan(words);
    const runs = this.timeRuns(words, covered(doc ? [doc] : []));
    const run = runs.at(-1);
    if (run) {
      // a quarter or a month keeps the other's year ("còn quý III?" after "Quý IV/2021"), a year the other's
      // quarter or month ("còn năm 2022?" after "Quý IV/2021")
      const parts = this.yearParts(words, new Set());
      const years = words.map((w, i) => i).filter((i) => i >= run[0] && i < run[1] && YEAR.test(words[i].folded));
      const timeWords = wordsOf(time);
      const newParts = this.yearParts(timeWords, new Set()).size > 0;
      const newYear = time.match(/(?:19|20)\d\d/g)?.at(-1);
      const lastParts = words.some((_, i) => i >= run[0] && i < run[1] && parts.has(i));
      if (newParts && !newYear && years.length) return replaceSpan(question, words, run, `${time}/${words[years.at(-1)!].typed}`);
      if (!newParts && newYear && lastParts && years.length) return replaceSpan(question, words, [years[0], years.at(-1)! + 1], newYear);
    }
    // a year written after a slash ("Quý IV/2021") is replaced by the year alone
    const bare = run !== undefined && question[words[run[0]].start - 1] === '/';
    const withYear = /\p{L}/u.test(time) ? time : `${this.yearWord} ${time}`;
    if (bare) return replaceSpan(question, words, run, time.match(/(?:19|20)\d\d/g)?.at(-1) ?? time);
    return run ? replaceSpan(question, words, run, withYear) : `${tidy(question)} ${withYear}`;
  }

  /**
   * The spans of what a whole question asks: its asks, but for a unit's relation to what it leads, which asks
   * nothing ("… do Cục Viễn thông chủ trì là bao nhiêu?" asks no unit).
   */
  private asksOfQuestion(words: Word[]): Array<[number, number]> {
    const unitEnds = new Set((this.namer.unitIn(words.map((w) => w.folded))?.spans ?? []).map(([, b]) => b));
    return asksIn(words, this.phrases).filter((span) => !(unitEnds.has(span[0]) && this.kindsOf(words, [span]).has('unit')));
  }

  /** Whether a message's words name all the last question names besides what it asks: a question of its own. */
  private namesAllOf(words: Word[], last: string): boolean {
    const lastWords = wordsOf(last);
    const lastAsks = covered(this.asksOfQuestion(lastWords));
    const said = new Set(words.map((w) => w.folded));
    const plain = this.plainIn(lastWords);
    return lastWords.every((w, i) => lastAsks.has(i) || plain.has(i) || said.has(w.folded));
  }

  /** What a question asks about: its words but its asks, its times and the words naming nothing. */
  subjectOf(question: string): string {
    const words = wordsOf(question);
    const asks = this.asksOfQuestion(words);
    const shaped = covered([...asks, ...this.timeRuns(words, covered(asks))]);
    const plain = this.plainIn(words);
    return spanText(question, words, groupRuns(words.map((_, i) => i).filter((i) => !shaped.has(i) && !plain.has(i))));
  }

  /**
   * Whether a word is typed as a name: capitalised, and one the documents write only so ("Viettel", "VNPT"),
   * or with a capital inside and a word they never use ("Vietnamobile" typed "VietnamMobile"); never an
   * abbreviation they spell out ("ATTT").
   */
  private isName(w: Word): boolean {
    if (!/^\p{Lu}/u.test(w.typed) || !this.vocabulary?.writesAsName) return false;
    return this.vocabulary.writesAsName(w.folded) || (/\p{Lu}/u.test(w.typed.slice(1)) && !this.vocabulary.hasFolded(w.folded));
  }

  /** The indexes of words that name no subject: a plain word, or a word of a plain phrase standing whole (folded). */
  private plainIn(words: Word[]): Set<number> {
    const plain = new Set<number>();
    for (const phrase of this.plainPhrases) {
      for (let i = 0; i + phrase.folded.length <= words.length; i++) {
        if (phrase.folded.every((f, k) => words[i + k].folded === f)) phrase.folded.forEach((_, k) => plain.add(i + k));
      }
    }
    return plain;
  }

  /** The question without what it asks ("là bao nhiêu", "có nhắc đến … không"): its subject and time. */
  private withoutAsks(question: string): string {
    const words = wordsOf(question);
    const spans = this.asksOfQuestion(words);
    // and the words that close it ("… không?")
    let end = words.length;
    for (let c; (c = this.phrases.closers.find((w) => end - w.folded.length >= 0 && phraseAt(words, w, end - w.folded.length)));) end -= c.folded.length;
    return cut(question, words, end < words.length ? [...spans, [end, words.length]] : spans);
  }

  /** The kinds of answer ask spans ask for ("unit", "deadline", …). */
  private kindsOf(words: Word[], spans: Array<[number, number]>): Set<string | undefined> {
    // an ask joined with the one overlapping it ("do ai theo dõi") asks what its last one asks
    const kindOf = ([a, b]: [number, number]) => [...Array(b - a).keys()]
      .map((k) => this.phrases.askKind.get(words.slice(a + k, b).map((w) => w.folded).join(' '))).find((kind) => kind !== undefined);
    return new Set(spans.map(kindOf));
  }

  /**
   * An ask of who leads in words the answerer reads as such: "ai theo dõi?", "ai lo?", "ai chịu trách
   * nhiệm?" ask the lead and are put with its word after the one asking who ("ai chủ trì theo dõi": lexicon
   * leadAsk), so a document that names no lead says so instead of showing the task again, and the tables'
   * "Đơn vị chủ trì theo dõi" is still asked.
   */
  private plainAsk(ask: string, kinds: Set<string | undefined>): string {
    if (kinds.size !== 1 || !kinds.has('unit') || this.namer.asksLeadOrDue(ask) === 'unit') return ask;
    const words = wordsOf(ask);
    const who = this.phrases.who.find((w) => phraseAt(words, w, 0));
    if (!who) return `${this.phrases.leadVerb} ${ask}`;
    const end = words[who.folded.length - 1].end;
    return tidy(`${ask.slice(0, end)} ${this.phrases.leadVerb} ${ask.slice(end)}`);
  }

  /**
   * Whether the follow-up asks what the last question asked, no more and no less: "thì đặt bao nhiêu" after
   * "… đặt mục tiêu bao nhiêu …" keeps the last question's words ("mục tiêu") whole; "con số là bao nhiêu?"
   * after "chỉ tiêu … do đơn vị nào chủ trì?" asks the figure alone.
   */
  private asksTheSame(words: Word[], asks: Array<[number, number]>, last: string): boolean {
    const lastWords = wordsOf(last);
    const before = this.kindsOf(lastWords, this.asksOfQuestion(lastWords));
    const now = this.kindsOf(words, asks);
    return now.size === before.size && [...now].every((k) => before.has(k));
  }

  /** What the question asks, as typed ("là bao nhiêu"). */
  private asksOf(question: string): string {
    const words = wordsOf(question);
    return spanText(question, words, this.asksOfQuestion(words));
  }

  /** The question with the follow-up's own ask in place of its asks, when it has one. */
  private withAsk(question: string, ask: string): string {
    return ask ? `${this.withoutAsks(question)} ${ask}` : question;
  }

  /**
   * The last question about a new subject: a unit for its unit ("còn Cục Tần số"), a sector for its sector
   * ("thế còn bưu chính", the sectors named then given); else the new subject with the last question's asks
   * and time, and the follow-up's own ask when it has one.
   */
  private withSubject(last: string, subject: string, ask: string, asksTasks = false): { question: string; generic: boolean; sectors?: string[]; kept?: string; unit?: string; otherwise: string[] } {
    const words = wordsOf(last);
    const whole = (spans: Array<[number, number]>): [number, number] => [spans[0][0], spans.at(-1)![1]];
    const folded = (list: Word[]) => list.map((w) => w.folded);
    // a unit or a sector in place of the last one only when it is all the new subject says
    const subjectWords = folded(wordsOf(subject));
    const all = (spans: Array<[number, number]> | undefined) => spans !== undefined && covered(spans).size === subjectWords.length;
    const unit = this.namer.unitIn(subjectWords);
    // (asked what the unit does, "còn TT NEAC được giao những việc gì?", the unit's own tasks are asked)
    const lastUnit = all(unit?.spans) && !asksTasks ? this.namer.unitIn(folded(words)) : undefined;
    // (the unit's own tasks in the last question's time and document, when no passage on the matter names it)
    if (lastUnit) {
      return {
        question: this.withAsk(replaceSpan(last, words, whole(lastUnit.spans), subject), ask), generic: false,
        ...(unit!.name !== lastUnit.name ? { unit: unit!.name, otherwise: [`${this.aboutSubject(last, subject, '', false)} ${this.unitTasksAsk}`] } : { otherwise: [] }),
      };
    }
    // a province in place of the last one the same way ("thế Hà Nội?" after "… Hải Phòng đạt tỷ lệ bao nhiêu"),
    // wherever the last question names it, but not inside a unit's name ("Học viện … Hồ Chí Minh")
    const place = this.namer.placeIn(subjectWords);
    if (place && all(place.spans) && writtenAs(subject, place.name)) {
      const lastPlace = this.namer.placeIn(folded(words));
      const inUnit = covered(this.namer.unitIn(folded(words))?.spans ?? []);
      const spans = lastPlace?.name === place.name ? [] : (lastPlace?.spans ?? [])
        .filter(([x, y]) => ![...covered([[x, y]])].some((i) => inUnit.has(i)) && writtenAs(spanText(last, words, [[x, y]]), lastPlace!.name));
      if (spans.length) {
        const replaced = [...spans].reverse().reduce((text, span) => replaceSpan(text, words, span, subject), last);
        return { question: this.withAsk(replaced, ask), generic: false, otherwise: [] };
      }
    }
    // a company or another name in place of the last one ("thế VNPT?" after "Viettel 2021 lợi nhuận bao nhiêu"),
    // its words capitalised, one of them a name ("Viettel Post": the documents write "post" in lower case too)
    const typedWords = wordsOf(subject);
    if (typedWords.every((w) => /^\p{Lu}/u.test(w.typed)) && typedWords.some((w) => this.isName(w))) {
      const lastUnit = this.namer.unitIn(folded(words))?.spans ?? [];
      const taken = covered([...lastUnit, ...(this.namer.placeIn(folded(words))?.spans ?? [])]);
      const free = groupRuns(words.map((_, i) => i).filter((i) => this.isName(words[i]) && !taken.has(i)));
      // a company the last question named as one of the Ministry's units ("VNPost") is the name replaced too
      const names = free.length ? free : lastUnit.length === 1 && this.isName(words[lastUnit[0][0]]) ? lastUnit : [];
      if (names.length === 1 && folded(words.slice(...names[0])).join(' ') !== subjectWords.join(' ')) {
        return { question: this.withAsk(replaceSpan(last, words, names[0], subject), ask), generic: false, otherwise: [] };
      }
    }
    const generic = this.aboutSubject(last, subject, ask);
    // asked what a unit does ("thế Cục BĐTƯ chủ trì việc gì"): its own tasks, never the last question's beside it
    if (all(unit?.spans) && asksTasks) return { question: generic, generic: false, otherwise: [] };
    // a sector is all the new subject says with the word heading it too ("thế ngành bưu chính thì sao")
    const typedSubject = wordsOf(subject);
    const heads = spansOf(typedSubject, this.phrases.sectorHeads);
    const found = this.namer.sectorsIn(subjectWords);
    const sectors = found && all([...found.spans, ...heads]) ? found : undefined;
    if (!sectors) return { question: generic, generic: true, otherwise: [] };
    const alone = this.aboutSubject(last, subject, ask, false);
    // a sector's words in a unit's name ("Cục Viễn thông") name no sector of the question
    const unitWords = covered(this.namer.unitIn(folded(words))?.spans ?? []);
    const lastSectors = this.namer.sectorsIn(folded(words))?.spans.filter(([x, y]) => ![...Array(y - x).keys()].some((k) => unitWords.has(x + k)));
    if (!lastSectors?.length) return { question: generic, generic: true, sectors: sectors.names, otherwise: [alone] };
    // the sector is put as the last question had its own, with its heading word or without ("doanh thu viễn
    // thông" → "doanh thu bưu chính"): the follow-up's "ngành" points at a sector, it is no part of the question
    const [a, b] = whole(lastSectors);
    const named = heads.length ? spanText(subject, typedSubject, sectors.spans) : subject;
    // what the last question asked about besides its sector, its time, its document and what it asks
    const doc = this.documentSpan(words);
    const asks = this.asksOfQuestion(words);
    const shaped = covered([
      [a, b], ...asks, ...(doc ? [doc] : []), ...this.timeRuns(words, covered([...asks, ...(doc ? [doc] : [])])),
      ...spansOf(words, this.phrases.sectorHeads), ...spansOf(words, this.phrases.filler), ...spansOf(words, this.phrases.closers),
    ]);
    const kept = spanText(last, words, groupRuns(words.map((_, i) => i).filter((i) => !shaped.has(i))));
    return { question: this.withAsk(replaceSpan(last, words, [a, b], named), ask), generic: false, sectors: sectors.names, kept, otherwise: [generic, alone] };
  }

  /**
   * The new subject with the last question's time and document, and its asks (the follow-up's own ask when
   * it has one) unless `asking` is false.
   */
  private aboutSubject(last: string, subject: string, ask: string, asking = true): string {
    const words = wordsOf(last);
    // the asks before the subject stay before it ("chỉ tiêu …"), the others after it ("… là bao nhiêu")
    const asks = this.asksOfQuestion(words);
    const doc = this.documentSpan(words);
    const times = this.timeRuns(words, covered([...asks, ...(doc ? [doc] : [])]));
    const shaped = covered([...asks, ...times, ...(doc ? [doc] : [])]);
    const firstContent = words.findIndex((_, i) => !shaped.has(i));
    const before = asking ? spanText(last, words, asks.filter(([a]) => a < firstContent)) : '';
    const after = asking ? ask || spanText(last, words, asks.filter(([a]) => a >= firstContent)) : '';
    const time = spanText(last, words, times.slice(-1));
    // the document named, with the word before it ("theo") when the last question had one
    const named = doc ? spanText(last, words, [doc]) : '';
    const docText = doc && !this.phrases.before.some((w) => phraseAt(words, w, doc[0])) ? `${this.beforeWord} ${named}` : named;
    return [before, subject, /(?:19|20)\d\d/.test(subject) ? '' : time, docText, after].filter(Boolean).join(' ');
  }
}

/** Consecutive word indexes as spans: [1, 2, 4] → [[1, 3], [4, 5]]. */
function groupRuns(indexes: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const i of indexes) {
    const lastRun = runs.at(-1);
    if (lastRun && lastRun[1] === i) lastRun[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}

