/**
 * Whether the documents answer a question: every rule in one place, each from evidence that carries over
 * to new questions (what the passage holds, not which question it is), each with what it does on the sets.
 * The engine asks `passageAnswers` of its first hits; the answerer asks `missingAsked` of the lead, so a
 * reply that says the documents name no unit or time for the matter counts as no answer. Chat and junk
 * never reach a search (src/conversation/small-talk.ts).
 */
import type { StoredPassage } from '../index/load.js';
import { onLexiconForgotten, referenceYearWords, sectionKinds } from '../lexicon.js';
import { yearsIn } from '../text/analyzer.js';
import { searchableText } from './fields.js';
import type { Intent, Question } from './understand.js';

/** What a passage holds, as the rules read it. */
export interface PassageEvidence {
  passage: StoredPassage;
  /** Folded words and pairs of the passage and its headings, aliases included. */
  terms: Set<string>;
  pairs: Set<string>;
  /** Years the passage or its headings speak of. */
  years: Set<number>;
  /** IDF-weighted share of the question's content words the passage holds (unknown words weigh against). */
  coverage: number;
  /** The same for the question's phrases. */
  pairShare: number;
}

/** The thresholds of the rules; the defaults are what the dev sets measured best with. */
export interface AnswerThresholds {
  /** A passage covering less of the question's content words does not answer. */
  minCoverage: number;
  /** A passage holding less of the question's phrases (unless it covers nearly all words) does not answer. */
  minPhraseShare: number;
}

/**
 * Whether a passage answers the question: it covers the content words and phrases, names the names and
 * places asked, speaks of the year asked (and, for a target, gives the figure of that year), and is a
 * plan when a plan is asked and a result when a result is.
 */
export function passageAnswers(
  question: Question, e: PassageEvidence, t: AnswerThresholds,
  /** Whether the documents use a folded word. */
  known: (folded: string) => boolean,
  /** Proper names asked about that are specific in the documents ("da_nang"). */
  specificProperPairs: string[],
): boolean {
  // at least one word of the question (not a bare number) must be one the documents use
  if (!question.content.some((w) => !/^\d/.test(w.folded) && known(w.folded))) return false;
  if (e.coverage < t.minCoverage || e.pairShare < t.minPhraseShare / 2) return false;
  if (e.pairShare < t.minPhraseShare && e.coverage < NEAR_COMPLETE) return false;
  // a name typed as a name (MobiFone, VTVcab) that the passage does not hold
  if (question.names.some((n) => known(n) && !e.terms.has(n))) return false;
  // a place or organisation asked about ("Bắc Giang") that the passage does not name
  if (specificProperPairs.length && !specificProperPairs.some((p) => e.pairs.has(p))) return false;
  // a year asked about that the passage and its headings never name: only a near-complete match answers
  const yearMissing = question.years.length > 0 && !question.years.some((y) => e.years.has(y));
  if (yearMissing && (e.coverage < YEAR_MISSING_COVERAGE || e.pairShare < YEAR_MISSING_PHRASES)) return false;
  // a target asked for one year is not answered by a passage that speaks of other years only ("đến năm
  // 2025" for 2024): no-answer recognised qa 13→15/22, qa-fresh 8→10/18, dev dialogs 1→2/5
  if (question.intent === 'target' && question.years.length) {
    const own = ownYears(searchableText(e.passage));
    if (own.length && !question.years.some((y) => own.includes(y))) return false;
  }
  // what was achieved is not answered by what was planned
  return !(question.achieved && sectionKindOf(e.passage) === 'plan');
}

// A passage holding this share of the question's words answers though it lacks some of its phrases.
const NEAR_COMPLETE = 0.8;
// A passage that never names the year asked answers only when it holds nearly every word and half the phrases.
const YEAR_MISSING_COVERAGE = 0.9;
const YEAR_MISSING_PHRASES = 0.5;

// A time a task can be due: a year, a date, a week, month or quarter, a session of the National Assembly, a span.
const TIME_LIKE = /(?<!\d)(?:19|20)\d\d(?!\d)|\d{1,2}\/\d{1,2}|(?:tuần|tháng|quý|kỳ họp|kì họp)\s+(?:thứ\s+)?[\dIVX]|trong vòng|hằng (?:năm|quý|tháng)/iu;

/**
 * Whether a passage holds the kind of answer asked: a time for "khi nào", a unit of the Ministry or the word
 * "chủ trì" for "ai chủ trì".
 */
export function holdsAnswer(intent: string, p: StoredPassage, namesUnit: (p: StoredPassage) => boolean): boolean {
  if (intent === 'deadline') return TIME_LIKE.test(p.text);
  if (intent === 'unit') return /chủ trì/iu.test(p.text) || namesUnit(p);
  return true;
}

/**
 * What the question asks in so many words (who leads, when it is due) and the passage that answers best
 * does not say: the reply says the documents do not name it, and the question counts as not answered.
 */
export function missingAsked(
  intent: Intent, asked: 'unit' | 'deadline' | undefined, lead: StoredPassage, namesUnit: (p: StoredPassage) => boolean,
): 'unit' | 'deadline' | undefined {
  return asked && asked === intent && !holdsAnswer(intent, lead, namesUnit) ? asked : undefined;
}

let referenceBefore: RegExp | undefined;
let planWords: RegExp | undefined;
let resultWords: RegExp | undefined;
onLexiconForgotten(() => { referenceBefore = planWords = resultWords = undefined; });

const wordsPattern = (list: string[]) => new RegExp(list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|'), 'iu');

/** The years a text speaks of, leaving out years of reference ("cao hơn so với năm 2020"). */
export function ownYears(text: string): number[] {
  referenceBefore ??= new RegExp(`(?:${referenceYearWords().sort((a, b) => b.length - a.length).map((w) => w.replace(/\s+/g, '\\s+')).join('|')})\\s+(?:19|20)\\d\\d`, 'giu');
  return yearsIn(text.replace(referenceBefore, ' '));
}

/**
 * Whether a passage's headings make it a plan (targets, tasks) or a result (what was done), by the words of
 * lexicon/section-kinds.json: the nearest heading that says either decides, a result word winning over a
 * plan word in the same heading ("Khó khăn … và giải pháp").
 */
export function sectionKindOf(p: StoredPassage): 'plan' | 'result' | undefined {
  planWords ??= wordsPattern(sectionKinds().plan);
  resultWords ??= wordsPattern(sectionKinds().result);
  for (const heading of [...p.headingPath].reverse()) {
    if (resultWords.test(heading)) return 'result';
    if (planWords.test(heading)) return 'plan';
  }
  return undefined;
}
