/** Start-up shared by every entry point: make sure the index is current, load it, build the engine. */
import { buildListReply, type SourceSpan } from './answer/list.js';
import { registerLead } from './answer/register-answer.js';
import { missingAsked, saysAsked, saysLead } from './search/answerability.js';
import { buildReply, notFound, type Reply } from './answer/reply.js';
import { loadCorpus, loadIndex, type Corpus, type StoredPassage } from './index/load.js';
import { buildIndexInWorker } from './index/rebuild.js';
import { forgetLexicon } from './lexicon.js';
import { DEFAULT_INDEX_FILE, DEFAULT_SEEDS_DIR } from './paths.js';
import { Browser, type BrowseRequest } from './register/browse.js';
import { RegisterIndex } from './register/query.js';
import type { Target } from './register/types.js';
import { Engine, MAX_QUESTION_CHARS, type Hit, type SearchResult } from './search/engine.js';

/** A reply with what it rests on. */
export interface Answer {
  reply: Reply;
  /** The passages or register rows the reply shows, in the order shown (every row of a list). */
  sources: SourceSpan[];
  /** True when the documents do not answer. */
  noAnswer: boolean;
  /** What was asked, for the records: the search intent, or "list:<kind>". */
  intent: string;
  /** The passage search behind the reply, when there was one. */
  search?: SearchResult;
}

/** Everything a channel needs to answer: the engine and the corpus behind it. */
export interface Answerer {
  engine: Engine;
  corpus: Corpus;
  browser: Browser;
  /**
   * Answers a free-text question: a list from the register when one is asked for, else a passage. `about`
   * is the passage the chat's last answer led with, for a follow-up asking who leads, when or who takes part
   * in what it showed ("ai chủ trì?"): it leads when it says what is asked. `focus` is what a follow-up
   * names of its own ("doanh thu" of "thế doanh thu BC khi đó?"): of the lead passage, the clause saying it leads.
   */
  answer(question: string, about?: StoredPassage, focus?: string): Answer;
  /** Answers a list request built by a command. */
  list(request: BrowseRequest): Answer;
}

/** Builds the engine, the register index and the browser over a loaded corpus. */
export function answererFor(corpus: Corpus): Answerer {
  const engine = new Engine(corpus);
  // the documents' written words, read by the first follow-up with a misspelt word: built now (~0.1 s), not then
  engine.writes('');
  // and the words they write only capitalised, read by the first question naming a company
  engine.writesAsName('');
  const registerIndex = new RegisterIndex(corpus.register, corpus.aliases, corpus.passages);
  const browser = new Browser(registerIndex, corpus.documents, corpus.passages, corpus.vocabulary, corpus.reading, engine.correct);
  const passageText = (id: number) => corpus.passages[id]?.text ?? '';
  const namesUnit = (p: StoredPassage) => browser.namesUnitIn(engine.passageWords(p));
  // a unit named in the passage's own words, or a lead column filled in: "dịch vụ bưu chính" names no
  // Vụ Bưu chính (no-answer recognised on qa-fresh 9→11/18, nothing else changed)
  const namesUnitByName = (p: StoredPassage) => browser.findUnit(p.text) !== undefined
    || (p.table?.cells.some((c, i) => saysLead(p.table!.columns[i] ?? '') && c.trim() !== '') ?? false);
  const list = (request: BrowseRequest): Answer => {
    const reply = buildListReply(browser.list(request), corpus.documents, passageText);
    return { reply, sources: reply.entries.map((e) => e.source), noAnswer: reply.entries.length === 0, intent: `list:${request.kind}` };
  };
  return {
    engine,
    corpus,
    browser,
    list,
    answer(question, about, focus) {
      const asked = question.slice(0, MAX_QUESTION_CHARS);
      // a unit the documents do not know ("Cục Trí tuệ nhân tạo"): nothing they say is of it
      const unknownUnit = browser.unknownUnit(asked);
      if (unknownUnit) return { reply: notFound(`Các văn bản hiện có không nhắc đến ${unknownUnit}.`), sources: [], noAnswer: true, intent: 'unknown unit' };
      const listRequest = browser.read(asked);
      const request = listRequest ?? browser.topic(asked);
      let emptyList: Answer | undefined;
      if (request) {
        const listed = list(request);
        if (!listed.noAnswer || request.kind === 'invalid') return listed;
        // no row fits: the passages may still say it ("Vụ TCCB được giao gì tại giao ban"), else a list
        // question's reply says which list is empty
        if (listRequest) emptyList = listed;
      }
      // "… các văn bản ghi bao nhiêu": the documents are not the subject; the rest of the question is searched
      const cues = browser.comparisonWords(question);
      // a question that names a document ("theo Chỉ thị 2021 …") is answered from it, without the words naming
      // it; one naming two ("ở chỉ thị 2023 và báo cáo tổng kết 2021") asks what each says, as a comparison does
      const mentioned = browser.documentsNamed(cues?.rest || question);
      const several = mentioned !== undefined && mentioned.mentions > 1 && mentioned.docs.size > 1;
      // asked to compare, with one document named ("theo chỉ thị 2023, … khác nhau giữa các năm"), the words
      // naming it stay in the search, which is not kept to it
      const named = cues && !several ? undefined : mentioned;
      const comparison = cues ?? (several ? { rest: mentioned.rest } : undefined);
      let search = engine.search(named?.rest || comparison?.rest || question, 8, named?.docs);
      const asksLeadOrDue = browser.asksLeadOrDue(question);
      // a follow-up asking who leads, when or who takes part in what the last answer showed: that passage leads when it says so
      const asksOfTask = asksLeadOrDue !== undefined || ['unit', 'deadline'].includes(search.question.intent);
      if (about && asksOfTask && saysAsked(search.question.intent, asksLeadOrDue, about, namesUnitByName)) search = withLead(search, about);
      // asked who leads, when or who takes part, and the best hit does not say: one of the first that answers and
      // says it leads (not after an answer the question is about: another task's units are not that task's)
      else if (!about && asksLeadOrDue && !search.noAnswer && search.hits[0] && !saysAsked(search.question.intent, asksLeadOrDue, search.hits[0].passage, namesUnitByName)) {
        const saying = search.hits.slice(1, engine.options.answerWithin)
          .find((h) => engine.whyNot(search.question, h) === undefined && saysAsked(search.question.intent, asksLeadOrDue, h.passage, namesUnitByName));
        if (saying) search = withLead(search, saying.passage);
      }
      // a task named with the unit that leads it ("KH chuyển đổi số của Cục VT"): a row of tasks other units lead
      // and take part in, that does not name the unit, answers nothing of it; one of the first that answer and
      // is a task the unit leads does, else the documents give the unit no such task
      // (asked who leads, a unit named is one the asker guesses: "Vụ Pháp chế chủ trì … không?" is answered by the row)
      const unitNamed = about || asksLeadOrDue === 'unit' || search.question.intent === 'unit' ? undefined : browser.findUnit(question);
      if (unitNamed && !search.noAnswer && search.hits[0]) {
        // (the register's rows first, which is cheap; the units a passage names only for a row of others)
        const othersOnly = (p: StoredPassage) => {
          const rows = registerIndex.tasksIn(p);
          return rows.length > 0 && rows.every((t) => !t.leads.includes(unitNamed) && !t.cooperating.includes(unitNamed)) && !browser.unitsNamed(p.text).includes(unitNamed);
        };
        const others = search.hits.filter((h) => othersOnly(h.passage));
        if (others.length) {
          const hits = [...search.hits.filter((h) => !others.includes(h)), ...others];
          // (the unit's row of the same task: it covers the question about as well as the row it replaces)
          const replaced = search.hits[0];
          const led = others.includes(replaced) ? hits.slice(0, engine.options.answerWithin)
            .find((h) => !others.includes(h) && engine.whyNot(search.question, h) === undefined && h.coverage >= SAME_TASK_COVERAGE * replaced.coverage
              && registerIndex.tasksIn(h.passage).some((t) => t.leads.includes(unitNamed))) : hits[0];
          search = led ? withLead({ ...search, hits }, led.passage) : { ...search, hits, noAnswer: true };
        }
      }
      const fromRegister = registerLead(search, registerIndex, corpus.documents, (w) => engine.weight(w), {
        comparison: comparison !== undefined, shapeWords: browser.shapeWords(question), namesUnit, asks: asksLeadOrDue,
        docs: named?.docs, inSectorAsked: inSectorsOf(browser, question),
      });
      // asked who leads, when a task is due or who takes part, and the passage that answers best does not say: say so
      const lead = search.hits[0];
      const missing = fromRegister ? fromRegister.lacks
        : lead && !search.noAnswer ? missingAsked(search.question.intent, asksLeadOrDue, lead.passage, namesUnitByName) : undefined;
      if (emptyList && (search.noAnswer || missing)) return emptyList;
      const hits: SourceSpan[] = search.hits.map((h) => ({ doc: h.passage.doc, lineStart: h.passage.lineStart, lineEnd: h.passage.lineEnd, text: h.passage.text }));
      // the register's rows first, then the other hits, each once; asked to compare documents, only the rows compared
      const shown = fromRegister?.sources ?? [];
      const sources = comparison && shown.length ? shown : [...shown, ...hits.filter((h) => !shown.some((s) => s.doc === h.doc && s.lineStart === h.lineStart))];
      return {
        reply: buildReply(search, corpus.documents, corpus.passages, fromRegister, missing, asksLeadOrDue, (w) => engine.weight(w), (t) => browser.findUnit(t) !== undefined,
          focus ? engine.read(focus).content.map((t) => t.folded) : undefined),
        sources,
        // saying that the documents do not name the unit or the time asked for is saying they do not answer
        noAnswer: search.noAnswer || missing !== undefined,
        intent: fromRegister ? `register:${search.question.intent}` : search.question.intent,
        search,
      };
    },
  };
}

/** Whether a target is of a sector the question names (every target is, when it names none). */
function inSectorsOf(browser: Browser, question: string): (t: Target) => boolean {
  const sectors = browser.sectorsNamed(question);
  return (t) => sectors.length === 0 || sectors.some((s) => t.sector === s || browser.namesSector(t.text, s));
}

/**
 * A task row of the unit asked replaces a row of the same task another unit leads when it covers the
 * question's words at least this share as well (a row of another task of the unit's does not: "Chiến lược
 * phát triển công nghiệp ICT của Vụ CNTT" for the national data strategy). Measured on eval/qa-units.jsonl:
 * no-answer 16 → 17/20 against any coverage; 0.7 and 0.8 the same; every other set unchanged.
 */
const SAME_TASK_COVERAGE = 0.8;

/** A search result led by `p`: the chat's last answer is what a follow-up asks about. */
function withLead(search: SearchResult, p: StoredPassage): SearchResult {
  const first = search.hits[0];
  const own = search.hits.find((h) => h.passage.id === p.id);
  const lead: Hit = own ?? { passage: p, score: first?.score ?? 1, coverage: first?.coverage ?? 1, pairShare: first?.pairShare ?? 1 };
  return { ...search, hits: [lead, ...search.hits.filter((h) => h !== lead)], noAnswer: false, lacks: undefined };
}

/** Reads an index file into an answerer. */
export async function openAnswerer(indexFile: string): Promise<Answerer> {
  return answererFor(await loadCorpus(indexFile));
}

/** Loads (building first when the seeds changed or the file is unreadable) and returns the answerer. */
export async function loadAnswerer(opts: { seedsDir?: string; indexFile?: string; log?: (m: string) => void } = {}): Promise<Answerer> {
  const seedsDir = opts.seedsDir ?? DEFAULT_SEEDS_DIR;
  const indexFile = opts.indexFile ?? DEFAULT_INDEX_FILE;
  return answererFor(await loadIndex(seedsDir, indexFile, opts.log));
}

// the rebuild in progress: a second /reload waits for it, then builds from the seeds as they are then
let rebuilding: Promise<unknown> = Promise.resolve();

/**
 * Rebuilds the index from the seeds (for /reload, without a restart) and returns a new answerer. The
 * build runs in a worker thread, so the old answerer goes on answering; only loading the new file runs
 * here. Rebuilds run one at a time.
 */
export function rebuildAnswerer(seedsDir: string, indexFile: string): Promise<Answerer> {
  const next = rebuilding.then(async () => {
    await buildIndexInWorker(seedsDir, indexFile);
    // the worker read the lexicon as it is now; so does the new answerer
    forgetLexicon();
    try {
      return await openAnswerer(indexFile);
    } catch (err) {
      throw new Error(`the index ${indexFile} was rebuilt from ${seedsDir} but cannot be read: ${(err as Error).message}`);
    }
  });
  rebuilding = next.catch(() => undefined);
  return next;
}
