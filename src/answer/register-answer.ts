/**
 * Answers from the register. When the passage the search leads with holds a register row that fits what
 * is asked (a target for "bao nhiêu", a task's deadline for "khi nào", its lead unit for "ai chủ trì"),
 * the reply leads with that row's value in bold, then what it is, then where it is written. When other
 * documents state the same indicator for the same year, their values follow, newest document first, and
 * the reply says whether they agree.
 */
import type { CatalogEntry } from '../ingest/catalog.js';
import type { RegisterIndex } from '../register/query.js';
import type { Target, TargetValue, Task } from '../register/types.js';
import { asksShare, figureCounts, figuresAsked, holdsAnswer, isMeasureWord, namesCooperating, textHoldsFigure, type LeadOrDue } from '../search/answerability.js';
import type { StoredPassage } from '../index/load.js';
import type { Hit, SearchResult } from '../search/engine.js';
import { beforeDocumentNote, deadlineText, type SourceSpan } from './list.js';
import { isRank } from '../register/figures.js';
import { citationFor, emphasise, type Excerpt, type Span } from './reply.js';

/** A lead built from a register row, with the rows of other documents it is compared with. */
export interface RegisterLead {
  lead: Excerpt;
  /** Asked who takes part beside the lead, and the row names no one: the reply says so. */
  lacks?: 'cooperating';
  /** The source spans the lead shows, the row first, then each compared row. */
  sources: SourceSpan[];
}

/** How much weight a word carries: rarer words say more (the corpus's document frequencies). */
export type WordWeight = (folded: string) => number;

/** The IDF-weighted share of `words` that a row's word set holds. */
function coverage(words: string[], rowWords: Set<string>, weight: WordWeight): number {
  let total = 0;
  let found = 0;
  for (const w of words) {
    total += weight(w);
    if (rowWords.has(w)) found += weight(w);
  }
  return total > 0 ? found / total : 0;
}

/** Whether a hit's passage holds a row: its line, and its text (a table row, or a clause of the passage). */
function holdsRow(h: Hit, row: Task | Target): boolean {
  const p = h.passage;
  return row.doc === p.doc && row.line >= p.lineStart && row.line <= p.lineEnd
    && (row.passageId === p.id || p.text.includes(row.text.slice(0, 60)));
}

// A register row leads only when it covers the question's words at least this share as well as its
// passage does (a passage of several sentences matched for one of them). Measured: 0.6 and 0.8 score the
// same on dev, dev2 and browse; 1.0 loses a fact on dev2 (facts 83.8% → 83.2%).
const ROW_COVERAGE = 0.8;
// A compared target must cover the question's words nearly as well as the one that leads. Measured on
// browse.jsonl's comparisons (recall/precision): 0.6 → 0.87/0.81, 0.8 → 0.84/0.88, 1.0 → 0.62/0.88.
const COMPARE_COVERAGE = 0.8;
// Rows shown per document in a comparison: a text and its table often state one indicator twice.
// Measured on browse.jsonl's comparisons: 1 → 0.81/0.88, 2 and 3 → 0.84/0.88.
const COMPARED_PER_DOC = 2;
// How many hits may hold the row that leads: the first answering hit, or a later one when the first does
// not hold what is asked (a dated row for "khi nào" when the first passage names no time). Measured:
// 1 → dev hit@1 87.5%, dev2 83.3%; 3 → 88.8%, 84.9%; 5 → the same, and dev2 hit@3 92.1 → 92.9%, facts 82.7 → 83.8%.
const LEAD_WITHIN = 5;

function citationOf(row: Task | Target, documents: Map<string, CatalogEntry>) {
  return citationFor(documents.get(row.doc), row.doc, row.section, row.line);
}

/**
 * The values of a target for the years asked (all of them when no year is asked or none fits); asked a share,
 * those in per cent when some are ("35 nghìn đầu sách, … 7-8%" answers "tỷ lệ … bao nhiêu" with 7-8%).
 */
function valuesFor(t: Target, years: number[], share = false): TargetValue[] {
  const asked = t.values.filter((v) => v.year !== undefined && years.includes(v.year));
  const values = asked.length ? asked : t.values;
  const shares = share ? values.filter((v) => v.unit === '%') : [];
  return shares.length ? shares : values;
}

function valueSpans(values: TargetValue[]): Span[] {
  const spans: Span[] = [];
  values.forEach((v, i) => {
    if (i) spans.push({ text: i === values.length - 1 ? ' và ' : ', ' });
    // "vào top 50" reads "top 50 vào năm 2025": the preposition goes
    spans.push({ text: v.written.replace(/^(?:vào|trong|thuộc)\s+/u, ''), strong: true });
    if (v.year !== undefined) spans.push({ text: ` vào năm ${v.year}` });
  });
  return spans;
}

/**
 * Whether two figures can be values of one indicator: both ranks ("top 50", "nhóm 80", "tăng 10 bậc"), or
 * they count the same thing ("doanh nghiệp", "%").
 */
function comparable(a: TargetValue, b: TargetValue): boolean {
  if (isRank(a) || isRank(b)) return isRank(a) && isRank(b);
  return a.noun !== undefined && a.noun === b.noun;
}

/** Two targets' values for a year say the same when every figure and unit agree. */
function sameValues(a: TargetValue[], b: TargetValue[]): boolean {
  const key = (v: TargetValue) => `${v.low * v.scale}-${v.high * v.scale}-${v.unit ?? ''}`;
  return a.map(key).sort().join('|') === b.map(key).sort().join('|');
}

/** How a question is read besides its search: whether it asks what each document says, and its shaping words. */
export interface LeadOptions {
  /** The question asks what each document says ("các văn bản ghi gì"): it is about a target, shown for every document. */
  comparison: boolean;
  /** Words that shape the question ("mục tiêu", "đạt", "các văn bản"), folded: no part of the indicator asked about. */
  shapeWords: Set<string>;
  /** Whether a passage names one of the Ministry's units. */
  namesUnit: (p: StoredPassage) => boolean;
  /** The question asks who leads a task ("chủ trì"), when it is due ("hạn", "phải xong") or who takes part ("phối hợp"): a task row answers best. */
  asks?: LeadOrDue;
  /** The documents the question names ("theo Chỉ thị 2023"): no other document's value is shown beside the lead's. */
  docs?: ReadonlySet<string>;
  /** Whether a target is of the sectors the question names, when it names some: another sector's is another indicator. */
  inSectorAsked?: (t: Target) => boolean;
}

/** Builds the register lead for a search result, or undefined when no register row fits. */
export function registerLead(
  search: SearchResult, index: RegisterIndex, documents: Map<string, CatalogEntry>, weight: WordWeight, options: LeadOptions,
): RegisterLead | undefined {
  if (search.noAnswer || search.hits.length === 0) return undefined;
  const comparison = options.comparison || undefined;
  const q = comparison && !['deadline', 'unit'].includes(search.question.intent) ? { ...search.question, intent: 'target' as const } : search.question;
  // a code ("6ghz" of "2.6GHz", "ipv6") is a word; a number alone is not; nor the unit or multiplier the
  // figure asked is counted in ("bao nhiêu nghìn DN": "80.000 doanh nghiệp" holds no "nghìn"); the measure
  // named ("doanh thu") is: it tells a revenue row from the others
  const isMeasure = isMeasureWord(q, { named: false });
  const words = q.content.filter((t) => !isMeasure(t)).map((t) => t.folded).filter((w) => !/^\d+$/.test(w) && !options.shapeWords.has(w));
  const weights = new Map(words.map((w) => [w, weight(w)]));
  const weightOf: WordWeight = (w) => weights.get(w) ?? 0;
  // the question's most specific word (the rarest in the documents) must be in a row that leads or is
  // compared: "thuê bao 5G" is not answered by a row on subscribers that never says 5G
  const keyWord = [...weights].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1])[0]?.[0];
  const hasKey = (rowWords: Set<string>) => keyWord === undefined || rowWords.has(keyWord);
  const docDate = (doc: string) => documents.get(doc)?.date ?? '';
  const candidates = search.hits.slice(0, LEAD_WITHIN);

  // the rows a hit's passage holds, the one covering the question best; it must cover it about as well as
  // the passage does, or the passage matched for another of its sentences
  const best = <T extends Task | Target>(rows: T[], h: Hit, wordsOf: (r: T) => Set<string>): T | undefined => {
    const scored = rows.filter((r) => holdsRow(h, r) && hasKey(wordsOf(r))).map((r) => ({ r, c: coverage(words, wordsOf(r), weightOf) }));
    scored.sort((a, b) => b.c - a.c);
    return scored[0] && scored[0].c >= ROW_COVERAGE * h.coverage ? scored[0].r : undefined;
  };

  if (q.intent === 'deadline' || q.intent === 'unit') {
    const wanted = (t: Task) => (q.intent === 'deadline' ? t.deadline.precision !== 'undated' || t.deadline.written !== '' : t.leads.length > 0);
    const tasks = index.register.tasks.filter(wanted);
    const rowIn = (h: Hit) => best(tasks, h, (t) => index.wordsOfTask(t));
    let at = rowIn(candidates[0]) ? 0 : -1;
    // a later hit that is a task row covering the question as well as the first, when the first does not hold
    // what is asked: no date or year for "khi nào", no unit for "ai"
    // asked for a task's lead or deadline in so many words, a task row covering the question nearly as well
    // answers better than a passage that merely names a year; asked "khi nào" or "giai đoạn nào", only a
    // row covering it as well, when the first passage names no time. Measured: dev hit@1 88.8 → 90.0%,
    // dev2 deadline facts 92.6 → 96.3%; qa and the holdouts unchanged.
    const firstLacks = !holdsAnswer(q.intent, candidates[0].passage, options.namesUnit);
    const cooperatingAsked = options.asks === 'cooperating' && q.intent === 'unit';
    const asked = options.asks === q.intent || cooperatingAsked;
    if (at < 0 && (firstLacks || asked)) {
      const enough = (asked ? ROW_COVERAGE : 1) * candidates[0].coverage;
      at = candidates.findIndex((h, i) => i > 0 && rowIn(h) !== undefined && h.coverage >= enough);
    }
    if (at < 0) return undefined;
    const task = rowIn(candidates[at])!;
    const p = candidates[at].passage;
    // the units taking part, when the row names some: a column saying only "Các cơ quan, đơn vị có liên quan"
    // (most of the 2021 task table) or a task read from a sentence names none, and the passage answers
    const cooperating = task.cooperating.length ? task.cooperatingWritten.trim() : '';
    if (cooperatingAsked && !cooperating && namesCooperating(p)) return undefined;
    const doc = documents.get(task.doc);
    const lead = task.leads.length ? task.leadWritten || task.leads.join(', ') : '';
    // asked who takes part and the row names no one, the reply says so above the row (see `lacks`)
    const spans: Span[] = cooperatingAsked && cooperating
      ? [{ text: cooperating, strong: true }, { text: ' phối hợp' + (lead ? `, ${lead} chủ trì` : '') }]
      : q.intent === 'deadline'
      ? [
        { text: deadlineText(task), strong: true },
        { text: (task.kind === 'submitted' ? ' (đã trình)' : '') + (lead ? `, ${lead} chủ trì` : '') + beforeDocumentNote(task, doc) },
      ]
      : [
        { text: lead, strong: true },
        { text: ' chủ trì' + (task.deadline.written ? ', hạn ' : '') }, ...(task.deadline.written ? [{ text: deadlineText(task), strong: true }] : []),
        { text: beforeDocumentNote(task, doc) },
      ];
    spans.push({ text: '\n' }, ...emphasise(task.text));
    if (task.cooperating.length && !cooperatingAsked) spans.push({ text: `\nPhối hợp: ${task.cooperatingWritten}` });
    return {
      ...(cooperatingAsked && !cooperating ? { lacks: 'cooperating' as const } : {}),
      lead: { spans, citation: citationOf(task, documents), otherDocument: false },
      sources: [{ doc: p.doc, lineStart: p.lineStart, lineEnd: p.lineEnd, text: p.text }],
    };
  }

  if (q.intent !== 'target') return undefined;
  const first = candidates[0];
  // a target for the year asked, among those covering the question best, in the first hit or in a hit as
  // good as the first (a long block is cut into several passages); of equals, the one in the first hit (the
  // search put it first: it holds the figure asked), then the shortest statement. Measured: dialogs facts
  // 84.6→88.5%, hit@1 76→84%, dialogs-fresh hit@1 84→88%; asked to compare documents, where every document's
  // row is shown, the shortest alone (the first hit first lost browse.jsonl recall 0.977→0.969)
  const tied = candidates.filter((h) => h.coverage >= first.coverage);
  const fitting = index.register.targets.filter((t) => tied.some((h) => holdsRow(h, t)) && hasKey(index.wordsOfTarget(t))
    && (q.years.length === 0 || q.years.some((y) => t.years.includes(y))));
  const inFirst = (t: Target) => (!comparison && holdsRow(first, t) ? 0 : 1);
  // asked an amount in a unit or past a multiplier ("bao nhiêu nghìn DN"), a row whose value is one answers
  // first, and only such rows are compared with it: "0,7 doanh nghiệp trên một nghìn dân" and "10 doanh
  // nghiệp dẫn dắt" are no count of all enterprises
  const amounts = figuresAsked(q).filter((a) => a.kind === 'amount' && (a.units.length > 0 || a.atLeast !== undefined));
  const isAmount = (v: TargetValue) => amounts.every((a) => textHoldsFigure(a, v.written));
  const givesAmount = (t: Target) => (t.values.some(isAmount) ? 0 : 1);
  // asked how many of a thing ("bao nhiêu doanh nghiệp"), a row counting it ("100 nghìn doanh nghiệp") before
  // one measuring something else of it ("giá trị tăng thêm … gấp 2 lần")
  const counted = figuresAsked(q).flatMap((a) => (a.kind === 'amount' && a.counted !== undefined ? [a.counted] : []));
  const countsAsked = (t: Target) => (counted.length === 0 || t.values.some((v) => counted.some((c) => figureCounts(v.written, c))) ? 0 : 1);
  const scored = fitting.map((t) => ({ t, c: coverage(words, index.wordsOfTarget(t), weightOf) }))
    .filter((x) => x.c >= ROW_COVERAGE * first.coverage)
    .sort((a, b) => givesAmount(a.t) - givesAmount(b.t) || countsAsked(a.t) - countsAsked(b.t) || b.c - a.c || inFirst(a.t) - inFirst(b.t) || a.t.text.length - b.t.text.length);
  const target = scored[0]?.t;
  if (!target) return undefined;
  const values = valuesFor(target, q.years, asksShare(q));
  const leadCoverage = coverage(words, index.wordsOfTarget(target), weightOf);

  // the same indicator in other documents (and other rows of the lead's own), for the years asked or, when
  // none is asked, for any year: found from the data by the question's words
  const yearsAsked = q.years.length ? q.years : undefined;
  const covered = new Map<Target, number>();
  // a growth of postal revenue is no value of the telecoms revenue's growth asked ("tăng trưởng DT viễn thông")
  const inSector = options.inSectorAsked ?? (() => true);
  const others = index.targetsWhere((t) => t !== target && (!options.docs || options.docs.has(t.doc)) && (!yearsAsked || yearsAsked.some((y) => t.years.includes(y))) && inSector(t))
    .filter((t) => (t.doc !== target.doc || comparison !== undefined) && leadCoverage > 0 && hasKey(index.wordsOfTarget(t)))
    .filter((t) => {
      const c = coverage(words, index.wordsOfTarget(t), weightOf);
      covered.set(t, c);
      return c >= COMPARE_COVERAGE * leadCoverage;
    })
    .filter((t) => valuesFor(t, yearsAsked ?? t.years).some((v) => values.some((w) => comparable(v, w)) && (isAmount(v) || givesAmount(target) > 0)));
  // at most COMPARED_PER_DOC rows a document, the best covering first
  const perDoc = new Map<string, Target[]>();
  for (const t of others.sort((a, b) => covered.get(b)! - covered.get(a)!)) {
    const list = perDoc.get(t.doc) ?? [];
    if (list.length < (t.doc === target.doc ? COMPARED_PER_DOC - 1 : COMPARED_PER_DOC)) list.push(t);
    perDoc.set(t.doc, list);
  }
  const compared = [...perDoc.values()].flat().sort((a, b) => docDate(b.doc).localeCompare(docDate(a.doc)) || a.line - b.line);

  const docOf = (t: Target) => documents.get(t.doc);
  const spans: Span[] = [...valueSpans(values), { text: '\n' }, ...emphasise(target.text)];
  if (compared.length) {
    const differ = compared.some((t) => !sameValues(valuesFor(t, yearsAsked ?? t.years), values));
    spans.push({ text: `\n\n${differ ? 'Các văn bản ghi khác nhau' : 'Các văn bản khác ghi cùng giá trị'} (${docOf(target)?.short ?? target.doc} ở trên):` });
    for (const t of compared) {
      spans.push({ text: `\n• ${docOf(t)?.short ?? t.doc}: ` }, ...valueSpans(valuesFor(t, yearsAsked ?? t.years)), { text: ` — ${t.text} (dòng ${t.line})` });
    }
  }
  const sourceOf = (t: Target): SourceSpan => {
    const p = index.passageOf(t);
    return { doc: t.doc, lineStart: p.lineStart, lineEnd: p.lineEnd, text: p.text };
  };
  return {
    lead: { spans, citation: citationOf(target, documents), otherDocument: false },
    sources: [sourceOf(target), ...compared.map(sourceOf)],
  };
}
