/**
 * Retrieval and rerank. MiniSearch (BM25 over folded words, folded syllable pairs and the heading path)
 * finds candidates; the rerank prefers passages that cover the question's content words and phrases (with
 * the diacritics the user typed), that name the years and places asked, and whose shape fits the intent
 * (numbers for targets, time columns for deadlines, lead units for "who", plans for "what to do").
 * The first of the top hits that answers leads; when none does, the engine says so.
 */
import Spellcheck from 'natural/lib/natural/spellcheck/spellcheck.js';
import type { SearchResult as Candidate } from 'minisearch';
import type { Corpus, StoredPassage } from '../index/load.js';
import { figureQuestions, questionWords } from '../lexicon.js';
import { fold, foldedPairs, isVietnameseSyllable, normalize, yearsIn } from '../text/analyzer.js';
import { askedYears, figureBesideSubject, figuresAsked, givesFigureFor, holdsFigure, isMeasureWord, saysLead, whyNotAnswers, sectionKindOf, type NotAnswering } from './answerability.js';
import { contextText, passageClauses, searchableText } from './fields.js';
import { foreignLetterNames } from '../text/aliases.js';
import { properPairsIn, understand, type Intent, type Question, type Term } from './understand.js';
import { heldAsSynonyms } from './synonyms.js';

export interface Hit {
  passage: StoredPassage;
  score: number;
  /** Share (IDF-weighted) of the question's content words found in the passage and its headings. */
  coverage: number;
  /** Share of the question's phrases (syllable pairs known to the corpus) found in the passage. */
  pairShare: number;
}

export interface SearchResult {
  question: Question;
  hits: Hit[];
  /** True when the documents do not answer the question. */
  noAnswer: boolean;
  /** Set when passages answer all but the figure asked ("bao nhiêu %"): the documents do not give that figure. */
  lacks?: 'figure';
}

/** Tuning of the engine; the defaults are what the dev set measured best with. */
export interface EngineOptions {
  boost: { folded: number; pairs: number; head: number };
  candidates: number;
  /** Weight of the share of accented question words found with the same diacritics. */
  exactBonus: number;
  /** Weight of the share of the question's proper names (capitalised word pairs) found in a passage. */
  properNameBonus: number;
  /** Credit for a word typed with diacritics that the passage has only with other diacritics (typos happen). */
  otherDiacriticsCredit: number;
  /** A hit covering less of the question's content words does not answer (see answerability.ts). */
  minCoverage: number;
  /** A hit holding less of the question's phrases (unless it covers nearly all words) does not answer. */
  minPhraseShare: number;
  /** How many of the first hits may lead the answer when the first does not answer. */
  answerWithin: number;
  /**
   * What a Vietnamese content word the documents never use (and no typo of one) weighs, as a share of the
   * rarest word's weight: it counts against answering ("xăng" in "giá xăng RON 95") where it weighed nothing.
   */
  unknownWordWeight: number;
  /** How many more first hits may lead when the question asks for a figure (see `answerWithin`). */
  figureAnswerExtra: number;
  /** Candidates added for a content word no candidate holds, searched alone. */
  contentCandidates: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  boost: { folded: 0.5, pairs: 2, head: 1 },
  exactBonus: 0.3,
  properNameBonus: 0.5,
  otherDiacriticsCredit: 0.3,
  candidates: 50,
  minCoverage: 0.5,
  minPhraseShare: 0.3,
  answerWithin: 3,
  // 1 against 0: no-answer questions recognised qa 12→13/22, qa-holdout 7→8/13, offtopic 32→34/40, with
  // dev, dev2 and qa-fresh unchanged (0.7 recognises one fewer off-topic question). Giving unknown phrases
  // ("thời tiết") weight too recognised 2 more off-topic questions but refused an answerable dev question.
  unknownWordWeight: 1,
  // 1 against 0: an answerable question whose figure stood fourth is answered again (qa-fresh refused 7→6/42),
  // the rest unchanged; 2 answers a no-answer question of dev2 (recognised 5→4/8)
  figureAnswerExtra: 1,
  // 10 against 0: a rare word beside common cue and time words is found again ("mục tiêu về IPv6 đến năm
  // 2025": browse-fresh2 recall 0.885→0.925), every other set unchanged, holdouts included. Entering at the
  // top of the candidates instead of the bottom cost qa-fresh hit@1 95.2→90.5% and dev2 facts 88.3→86.0%;
  // searching every question's content words a second time doubled the query time, hence only crowded-out ones.
  contentCandidates: 10,
};

/** Longest question read; officials sometimes paste whole paragraphs. */
export const MAX_QUESTION_CHARS = 500;

const DATE_LIKE = /(năm|tháng|quý)\s+\d|kỳ họp|\d{1,2}\/\d{4}|\d{1,2}\/\d{1,2}\/\d{4}|giai đoạn|thời gian hoàn thành|trước ngày|hạn|\b(19|20)\d\d\b/iu;
const NUMBER_LIKE = /\d/;
const UNIT_LIKE = /(chủ trì|đơn vị|Cục|Vụ |Bộ |Sở |Trung tâm|Tập đoàn|Tổng công ty|Ban |giao|phụ trách)/u;

interface PassageTerms {
  /** Accented words (canonical tone placement) and accented pairs. */
  exact: Set<string>;
  exactPairs: Set<string>;
  terms: Set<string>;
  /** The folded words of the passage's own text, without its headings or aliases. */
  textWords: Set<string>;
  pairs: Set<string>;
  /** Years the passage or its headings speak of. */
  years: Set<number>;
  /** Years in the passage itself, its own heading or its block's opening words: the closest context. */
  nearYears: Set<number>;
  /** The first letters of the words of each clause, folded: where an abbreviation typed in capitals is spelled. */
  initials: string[];
  /** Folded pairs of words with one word between them. */
  gappedPairs: Set<string>;
}

/**
 * What a pair held with one word between its words counts for in deciding whether a passage answers, against
 * one held as typed (ranking counts it not at all: it led a comparison with a line on another indicator,
 * "10 doanh nghiệp công nghệ số … doanh thu"). 1 against 0: answerable refused qa-fresh2 4→3/48.
 */
const GAPPED_PAIR_CREDIT = 1;

const NONE_HELD = { words: new Set<string>(), pairs: new Set<string>() };

/** An abbreviation of fewer letters is not looked for spelled out: two initials meet by chance too often. */
const MIN_SPELLED_LETTERS = 3;
/**
 * A name the documents write in this many passages is one they use as it is: a passage on it names it, and
 * one spelling its letters out ("Việt Nam phát triển" for VNPT, in 4 passages) is about something else.
 */
const NAME_WRITTEN_IN = 3;

/** A content word held by fewer candidates than this (or than the passages that hold it) was crowded out. */
const CROWDED_BELOW = 3;

/** How many of the question's most specific words a figure that answers must stand beside one of. */
const SUBJECT_WORDS = 2;

export class Engine {
  private readonly termCache = new Map<number, PassageTerms>();
  private spell?: Spellcheck;

  constructor(readonly corpus: Corpus, readonly options: EngineOptions = DEFAULT_OPTIONS) {}

  /**
   * Maps a folded token unknown to the corpus to a known one at one edit (or returns it): the one that makes
   * a pair the documents or the question phrases use with a neighbour ("bao nhiu" → "nhieu", not the
   * commoner "nhu"), else the most frequent.
   */
  correct = (token: string, before?: string, after?: string): string => {
    const vocab = this.corpus.vocabulary;
    // a syllable or a short word; anything longer is not a typo of a word we know (and costs 54n edits)
    if (token.length < 3 || token.length > 12 || vocab.has(token) || !/^[a-z]+$/.test(token)) return token;
    this.spell ??= new Spellcheck([...vocab.keys()].filter((t) => /^[a-z]+$/.test(t)));
    // a short word is corrected only for a missing, extra or swapped letter ("nhiu" → "nhieu"), not a
    // changed one: "xong" is a word the corpus lacks, not a typo of "cong"; a three-letter one only for the
    // "ê" of "iêu" left out ("tiu" → "tieu"): most syllables the corpus lacks are words of their own ("hom"
    // is "hôm", not "nhom"; "gao" is "gạo", not "giao"; "bon" is "bốn", not "buon")
    const options = this.spell.getCorrections(token, 1)
      .filter((o) => token.length >= 6 || (token.length === 3 ? o === token.replace(/iu$/, 'ieu')
        : o.length !== token.length || [...o].sort().join('') === [...token].sort().join('')));
    const inPairs = (o: string) => (before ? this.pairCount(`${before}_${o}`) : 0) + (after ? this.pairCount(`${o}_${after}`) : 0);
    let best = token;
    let bestRank = [0, 0];
    for (const o of options) {
      const rank = [inPairs(o), vocab.get(o) ?? 0];
      if (rank[0] > bestRank[0] || (rank[0] === bestRank[0] && rank[1] > bestRank[1])) { best = o; bestRank = rank; }
    }
    return best;
  };

  private questionPairs?: Set<string>;

  /** How often the documents use a pair of folded words; a pair of the question phrases counts as common. */
  private pairCount(pair: string): number {
    this.questionPairs ??= new Set(questionWords().questionPhrases.folded.flatMap((p) => {
      const w = p.split(' ');
      return w.slice(1).map((x, i) => `${w[i]}_${x}`);
    }));
    return this.questionPairs.has(pair) ? this.corpus.passages.length : this.corpus.vocabulary.get(pair) ?? 0;
  }

  private written?: Set<string>;

  /** Whether the documents (text or headings) write this word as typed, diacritics and all. */
  writes(word: string): boolean {
    if (!this.written) {
      // each distinct word normalized once (tone placement, i/y), not each passage's whole text
      const raw = new Set(this.corpus.passages.flatMap((p) => `${p.text} ${p.headingPath.join(' ')}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []));
      this.written = new Set([...raw].map((w) => normalize(w)));
    }
    return this.written.has(normalize(word));
  }

  private capitalised?: Set<string>;

  /**
   * Whether a folded word is a name in the documents: written there only with a capital ("Viettel", "VNPT"),
   * and no abbreviation they spell out ("ATTT").
   */
  writesAsName(folded: string): boolean {
    if (!this.capitalised) {
      const upper = new Set<string>();
      const lower = new Set<string>();
      // each written form read once: folding every word of every passage took about a second
      const seen = new Set<string>();
      for (const p of this.corpus.passages) {
        for (const w of `${p.text} ${p.headingPath.join(' ')}`.match(/[\p{L}\p{N}]+/gu) ?? []) {
          if (seen.has(w)) continue;
          seen.add(w);
          (/^\p{Lu}/u.test(w) ? upper : lower).add(fold(normalize(w)));
        }
      }
      this.capitalised = new Set([...upper].filter((w) => !lower.has(w)));
    }
    return this.capitalised.has(folded) && !this.abbreviations().has(folded);
  }

  /** How much a folded word says: its IDF in the corpus (0 for a word the documents never use). */
  weight(term: string): number {
    return this.corpus.vocabulary.has(term) ? this.idf(term) : 0;
  }

  private idf(term: string): number {
    const n = this.corpus.passages.length;
    const df = this.corpus.vocabulary.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The folded words of a passage and its headings, aliases included (worked out once per passage). */
  passageWords(p: StoredPassage): Set<string> {
    return this.termsOf(p).terms;
  }

  private termsOf(p: StoredPassage): PassageTerms {
    let t = this.termCache.get(p.id);
    if (!t) {
      const { body, head } = passageClauses(p, this.corpus.aliases);
      const all = [...body, ...head];
      const text = searchableText(p) + '. ' + contextText(p);
      t = {
        exact: new Set(all.flat()),
        exactPairs: new Set(all.flatMap((c) => c.slice(1).map((w, i) => `${c[i]}_${w}`))),
        terms: new Set(all.flat().map(fold)),
        textWords: new Set(fold(normalize(p.text)).match(/[a-z0-9]+/g) ?? []),
        pairs: new Set(foldedPairs(all)),
        // a pair with one word between ("thương mại dịch vụ 5G" holds "thương mại 5G"), but no function word
        // ("kinh tế và số hóa" holds no "kinh tế số")
        gappedPairs: new Set(all.flatMap((c) => c.slice(2).flatMap((w, i) => (this.isFunctionWord(c[i + 1]) ? [] : [`${fold(c[i])}_${fold(w)}`])))),
        years: new Set(yearsIn(text)),
        nearYears: new Set(yearsIn([searchableText(p), p.headingPath.at(-1) ?? '', p.lead ?? ''].join('. '))),
        // a function word breaks a run: "giao dịch được thực hiện" spells no "GDĐT"
        initials: all.map((c) => c.map((w) => (this.isFunctionWord(w) ? '.' : fold(w)[0] ?? '')).join('')),
      };
      this.termCache.set(p.id, t);
    }
    return t;
  }

  /** A text read as a question is (typos mended, abbreviations spelt out), without searching. */
  read(raw: string): Question {
    return understand(raw.slice(0, MAX_QUESTION_CHARS), this.corpus.aliases, this.correct, (pair) => this.corpus.vocabulary.has(pair), (word) => this.writes(word));
  }

  /** Searches the corpus for a question; `docs`, when given, are the only documents searched (the question names them). */
  search(raw: string, limit = 5, docs?: ReadonlySet<string>): SearchResult {
    const question = this.read(raw);
    if (question.folded.length === 0) return { question, hits: [], noAnswer: true };
    // terms in a fifth of all passages ("và", "năm", "thông tin") weigh little and cost the most time: the rerank
    // still counts them
    const n = this.corpus.passages.length;
    const specific = (share: number) => (t: string) => (this.corpus.vocabulary.get(t) ?? 0) < n * share;
    const words = question.folded.filter(specific(0.2));
    const pairs = question.pairs.filter(specific(0.4));
    const found = this.corpus.search.search({
      combineWith: 'OR',
      queries: [
        ...(words.length ? [{ queries: [words.join(' ')], fields: ['folded', 'head'] }] : []),
        ...(pairs.length ? [{ queries: [pairs.join(' ')], fields: ['pairs', 'head'] }] : []),
      ],
    }, {
      boost: this.options.boost,
      ...(docs ? { filter: (r: { id: unknown }) => docs.has(this.corpus.passages[r.id as number].doc) } : {}),
      tokenize: (s: string) => s.split(' '),
      processTerm: (t: string) => t,
    }).slice(0, this.options.candidates);
    // a content word few candidates hold ("IPv6", crowded out by the cue and time words of "mục tiêu … đến năm
    // 2025", which stand in hundreds of passages) is searched alone, and its best passages join the candidates
    const holding = (t: string) => found.filter((r) => t in r.match).length;
    const crowdedOut = question.content.map((t) => t.folded)
      .filter((t) => specific(0.2)(t) && holding(t) < Math.min(this.corpus.vocabulary.get(t) ?? 0, CROWDED_BELOW));
    if (crowdedOut.length && this.options.contentCandidates) this.addCandidates(found, crowdedOut, 'OR', docs);
    if (found.length === 0) return { question, hits: [], noAnswer: true };
    const result = this.rank(question, found, limit);
    if (!result.noAnswer || question.content.length < 2 || !this.options.contentCandidates) return result;
    // none answers: the passages holding every content word, crowded out by the cue words of "đạt mục tiêu …
    // bao nhiêu mỗi năm" (which stand in hundreds of passages), join the candidates
    const before = found.length;
    this.addCandidates(found, question.content.map((t) => t.folded), 'AND', docs);
    return found.length > before ? this.rank(question, found, limit) : result;
  }

  /**
   * Adds to `found` the best passages a query of `terms` finds (any of them, or all): the rerank's coverage
   * decides whether they rise.
   */
  private addCandidates(found: Candidate[], terms: string[], combineWith: 'OR' | 'AND', docs?: ReadonlySet<string>): void {
    const seen = new Set(found.map((r) => r.id));
    const more = this.corpus.search.search(terms.join(' '), {
      fields: ['folded', 'head'], combineWith, boost: this.options.boost, tokenize: (s: string) => s.split(' '), processTerm: (t: string) => t,
      ...(docs ? { filter: (r: { id: unknown }) => docs.has(this.corpus.passages[r.id as number].doc) } : {}),
    }).filter((r) => !seen.has(r.id)).slice(0, this.options.contentCandidates);
    // passages holding every content word enter level with the best candidate, the others below the last
    const level = combineWith === 'AND' ? found[0]?.score : found[found.length - 1]?.score;
    const scale = level !== undefined && more.length ? level / more[0].score : 1;
    found.push(...more.map((r) => ({ ...r, score: r.score * scale })));
  }

  /** Scores the candidates against the question and decides whether the best of them answers. */
  private rank(question: Question, found: Candidate[], limit: number): SearchResult {
    // IDF weights; a content word the corpus never uses counts against answering (a number says nothing):
    // a Vietnamese word, or an abbreviation of three letters or more typed in capitals ("HDI"; a passage that
    // spells it out holds it); a word of two letters ("DT") or a foreign word ("case") is more likely
    // shorthand or English for what the documents say, and weighs nothing
    const rarest = this.idf('');
    const capitals = new Set((question.raw.match(/\p{Lu}{2,}/gu) ?? []).map((w) => fold(normalize(w))));
    const unknownCounts = (t: string) => t.length >= 3 && (capitals.has(t) ? /^[a-z]+$/.test(t) : isVietnameseSyllable(t));
    // an abbreviation typed in capitals ("GDĐT") is held by a passage that spells its words out ("Giao dịch điện tử")
    const spells = (terms: PassageTerms, t: string) => capitals.has(t) && this.spellsOut(terms, t);
    const wordWeight = (t: Term) => (this.corpus.vocabulary.has(t.folded) ? this.idf(t.folded)
      : unknownCounts(t.folded) ? this.options.unknownWordWeight * rarest : 0);
    const wordWeights = question.content.map(wordWeight);
    const phraseWeights = question.phrases.map((t) => (this.corpus.vocabulary.has(t.folded) ? this.idf(t.folded) : 0));
    const top = found[0].score;
    const properPairs = this.specificProperPairs(question);
    const hits: Hit[] = found.map((r) => {
      const passage = this.corpus.passages[r.id as number];
      const terms = this.termsOf(passage);
      // a word or pair typed that the passage writes in other words ("lãi": "lợi nhuận") is one it holds
      const synonyms = question.synonyms.length ? heldAsSynonyms(question.synonyms, terms) : NONE_HELD;
      // no known content word at all ("<script>", "😀"): nothing the documents could answer
      // (a written form counts in full though the passage holds the word typed with other diacritics: "lại")
      const holdsAsTyped = (t: Term) => (t.accented ? terms.exact.has(t.accented) : terms.terms.has(t.folded));
      const coverage = this.share(question.content, wordWeights, terms.exact, terms.terms,
        (t) => ((synonyms.words.has(t.folded) && !holdsAsTyped(t)) || (!terms.terms.has(t.folded) && spells(terms, t.folded)) ? 1 : 0)) ?? 0;
      const pairsAsTyped = this.share(question.phrases, phraseWeights, terms.exactPairs, terms.pairs,
        (t) => (!terms.pairs.has(t.folded) && synonyms.pairs.has(t.folded) ? 1 : 0)) ?? 1;
      // whether the passage answers counts a pair with one word between its words, ranking does not
      const pairShare = this.share(question.phrases, phraseWeights, terms.exactPairs, terms.pairs,
        (t) => (terms.pairs.has(t.folded) ? 0 : synonyms.pairs.has(t.folded) ? 1 : terms.gappedPairs.has(t.folded) ? GAPPED_PAIR_CREDIT : 0)) ?? 1;
      let score = (r.score / top) * (0.3 + coverage) ** 2 * (1 + 0.5 * pairsAsTyped);
      if (question.exact.length) score *= 1 + this.options.exactBonus * (question.exact.filter((w) => terms.exact.has(w)).length / question.exact.length);
      if (properPairs.length) score *= 1 + this.options.properNameBonus * (properPairs.filter((p) => terms.pairs.has(p)).length / properPairs.length);
      score *= this.yearFactor(question, passage, terms);
      score *= intentFactor(question.intent, passage);
      if (question.planned || question.intent === 'task') score *= planFactor(passage);
      if (passage.kind === 'footnote') score *= 0.8;
      return { passage, score, coverage, pairShare };
    });
    hits.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
    // the best hit that answers leads; when none of the first few does, the documents do not hold the answer
    // asked for a figure ("bao nhiêu %", "thứ mấy"), a passage without a figure of that kind does not answer,
    // and one more hit may lead: a passage on the matter that gives no figure often ranks above the one that does
    const asks = figuresAsked(question);
    const first = hits.slice(0, this.options.answerWithin + (asks.length ? this.options.figureAnswerExtra : 0));
    const givesFigure = (h: Hit) => asks.length === 0 || asks.some((a) => holdsFigure(a, h.passage) && givesFigureFor(a, h.passage, askedYears(question))
      && figureBesideSubject(a, h.passage, this.subjectIn(question, h.passage), question.names));
    const answering = first.findIndex((h) => this.answers(question, h) && givesFigure(h));
    if (answering > 0) hits.unshift(...hits.splice(answering, 1));
    const noAnswer = answering < 0;
    const lacks = noAnswer && asks.length > 0 && first.some((h) => this.answers(question, h)) ? 'figure' as const : undefined;
    return { question, hits: dedupe(hits).slice(0, limit), noAnswer, ...(lacks ? { lacks } : {}) };
  }

  /**
   * IDF-weighted share of `wanted` found in a passage (undefined when none of them is known to the corpus).
   * A term typed with diacritics counts in full only with the same diacritics ("Gòn" is not "gọn"), and
   * partly with other ones (diacritics typos happen). `otherwise` is the credit of a term the passage holds
   * in another way (an abbreviation spelled out, a pair with a word between).
   */
  private share(wanted: Term[], weights: number[], exact: Set<string>, folded: Set<string>, otherwise: (t: Term) => number = () => 0): number | undefined {
    let total = 0;
    let found = 0;
    wanted.forEach((t, i) => {
      total += weights[i];
      const other = otherwise(t);
      if (other > 0) { found += weights[i] * other; return; }
      if (!folded.has(t.folded)) return;
      found += t.accented === undefined || exact.has(t.accented) ? weights[i] : weights[i] * this.options.otherDiacriticsCredit;
    });
    return total > 0 ? found / total : undefined;
  }

  private properPairsWritten?: Set<string>;

  /** Whether the documents write a folded pair of words capitalised, as a name ("da_nang" as "Đà Nẵng"). */
  private writesAsProperPair(pair: string): boolean {
    this.properPairsWritten ??= new Set(this.corpus.passages.flatMap((p) => properPairsIn(`${p.text}\n${p.headingPath.join('\n')}`)));
    return this.properPairsWritten.has(pair);
  }

  /** Proper names asked about ("Đà Nẵng") that are specific: in the corpus, but not in a tenth of all passages. */
  private specificProperPairs(question: Question): string[] {
    const n = this.corpus.passages.length;
    const pairs = question.properPairs.filter((p) => {
      const df = this.corpus.vocabulary.get(p) ?? 0;
      return df > 0 && df < n / 10;
    });
    // capitals that are only an abbreviation the documents spell out ("MXH Việt") name nothing in particular
    return pairs.every((p) => p.split('_').some((w) => this.abbreviations().has(w))) ? [] : pairs;
  }

  private abbreviationSet?: Set<string>;

  /** The abbreviations of one word the documents and the lexicon spell out ("attt", "mxh"), folded. */
  private abbreviations(): Set<string> {
    // (a name by foreign letters, "VNPT", "NDXP", is a name, not shorthand)
    this.abbreviationSet ??= ((foreign) => new Set(this.corpus.aliases.flatMap((a) => (a.short.length === 1 && !foreign.has(fold(a.short[0].toLowerCase())) ? [fold(normalize(a.short[0]))] : []))))(foreignLetterNames(this.corpus.aliases));
    return this.abbreviationSet;
  }

  /**
   * Whether a passage spells out an abbreviation typed in capitals: the first letters of a run of its words,
   * no function word among them. Not one of fewer letters (two initials meet by chance too often), nor a name
   * the documents write in a few passages already ("VNPT" is no "Việt Nam phát triển": a passage on it names it).
   */
  private spellsOut(terms: PassageTerms, abbreviation: string): boolean {
    return abbreviation.length >= MIN_SPELLED_LETTERS && (this.corpus.vocabulary.get(abbreviation) ?? 0) < NAME_WRITTEN_IN
      && terms.initials.some((i) => i.includes(abbreviation));
  }

  private functionWordSets?: { folded: Set<string>; accented: Set<string> };

  /** Whether a word of a passage is a function word (lexicon/question-words.json): as written, with its diacritics ("tử" is not "từ"). */
  private isFunctionWord(word: string): boolean {
    if (!this.functionWordSets) {
      const w = questionWords().functionWords;
      this.functionWordSets = { folded: new Set(w.folded), accented: new Set(w.accented.map((x) => normalize(x))) };
    }
    return fold(word) === word ? this.functionWordSets.folded.has(word) : this.functionWordSets.accented.has(word);
  }

  /**
   * The question's most specific content words (by IDF) that a passage's own text holds, folded: what a
   * figure that answers stands beside (words of its headings say what all of it is about). No number.
   */
  private subjectIn(question: Question, p: StoredPassage): string[] {
    const terms = this.termsOf(p).textWords;
    // a word typed for one the documents write otherwise ("lãi") is that word ("lợi nhuận") in the passage
    const written = question.synonyms.flatMap((s) => s.written.flat().map(fold));
    // a measure a passage must name to hold its figure ("lợi nhuận"), and the unit and multiplier it is
    // counted in ("triệu đồng"), are what is counted, not whose it is
    const isMeasure = isMeasureWord(question, { named: true });
    return [...new Set([...question.content, ...written.map((folded) => ({ folded }))].filter((t) => !isMeasure(t)).map((t) => t.folded))]
      .filter((w) => terms.has(w) && !/^\d+$/.test(w))
      .sort((a, b) => this.weight(b) - this.weight(a))
      .slice(0, SUBJECT_WORDS);
  }

  /** Whether a hit answers the question (the rules are in answerability.ts). */
  private answers(question: Question, hit: Hit): boolean {
    return this.whyNot(question, hit) === undefined;
  }

  /** The rule by which a hit does not answer the question, or undefined when it answers (also for tracing). */
  whyNot(question: Question, hit: Hit): NotAnswering | undefined {
    const terms = this.termsOf(hit.passage);
    // a name typed as an abbreviation that the passage spells out ("GDĐT": "Giao dịch điện tử") is one it holds
    const spelled = question.names.filter((n) => !terms.terms.has(n) && this.spellsOut(terms, n));
    // a name the passage's paragraph holds is one it holds: a long paragraph is cut into passages, and the
    // name often stands in its first sentence only ("… Telehealth). Dưới sự chỉ đạo …")
    const names = this.namesAsked(question);
    const inParagraph = names.filter((n) => !terms.terms.has(n) && this.paragraphHolds(hit.passage, n));
    const held = [...spelled, ...inParagraph];
    const doc = this.corpus.documents.get(hit.passage.doc);
    return whyNotAnswers(
      question, {
        passage: hit.passage, terms: held.length ? new Set([...terms.terms, ...held]) : terms.terms, pairs: terms.pairs, years: terms.years, coverage: hit.coverage, pairShare: hit.pairShare,
        documentYears: doc?.years ?? [],
        reportYear: doc?.kind === 'báo cáo' ? doc.years[0] : undefined,
      },
      // a pair the documents write only in lower case is no name a passage must hold: "Ban cán sự Đảng Bộ
      // TT&TT" names no "Đảng bộ" (it still ranks a passage holding it higher: "Vụ kinh tế số" is written so)
      this.options, (w) => this.corpus.vocabulary.has(w), this.specificProperPairs(question).filter((p) => this.writesAsProperPair(p)),
      names,
    );
  }

  private paragraphs?: Map<string, StoredPassage[]>;

  /** Whether a passage, or another cut from the same lines of its document, holds a folded word. */
  private paragraphHolds(passage: StoredPassage, folded: string): boolean {
    if (!this.paragraphs) {
      this.paragraphs = new Map();
      for (const p of this.corpus.passages) {
        const key = `${p.doc}:${p.lineStart}`;
        this.paragraphs.set(key, [...(this.paragraphs.get(key) ?? []), p]);
      }
    }
    return (this.paragraphs.get(`${passage.doc}:${passage.lineStart}`) ?? []).some((p) => this.termsOf(p).terms.has(folded));
  }

  private namesAskedCache = new WeakMap<Question, string[]>();
  private measureWords?: Set<string>;

  /**
   * The names a passage must hold to answer: those typed as names ("MobiFone"), and a word typed with a
   * capital that the documents write only so and in few passages ("Viettel", "CMC"): a passage on another
   * company does not answer for it.
   */
  private namesAsked(question: Question): string[] {
    let names = this.namesAskedCache.get(question);
    if (!names) {
      const n = this.corpus.passages.length;
      // (a unit of measure written with a capital, "Mbps", names nothing)
      this.measureWords ??= new Set(Object.keys(figureQuestions().measures).map((m) => fold(normalize(m)).toLowerCase()));
      const measures = this.measureWords;
      const capitalised = (question.raw.normalize('NFC').match(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu) ?? []).map((w) => fold(normalize(w)))
        .filter((w) => !measures.has(w) && this.writesAsName(w) && (this.corpus.vocabulary.get(w) ?? 0) < n / 10);
      names = [...new Set([...question.names, ...capitalised])];
      this.namesAskedCache.set(question, names);
    }
    return names;
  }

  private yearFactor(q: Question, p: StoredPassage, terms: PassageTerms): number {
    if (q.years.length === 0) return 1;
    if (q.years.some((y) => terms.nearYears.has(y))) return 1.3;
    if (q.years.some((y) => terms.years.has(y))) return 1.1; // only an outer heading names the year
    const docYears = this.corpus.documents.get(p.doc)?.years ?? [];
    return q.years.some((y) => docYears.includes(y)) ? 0.85 : 0.6;
  }
}

function intentFactor(intent: Intent, p: StoredPassage): number {
  const text = p.text;
  switch (intent) {
    case 'target': return NUMBER_LIKE.test(text) ? 1.15 : 0.9;
    case 'deadline':
      if (p.kind === 'row' && p.table?.columns.some((c, i) => /thời gian|thời điểm|thời hạn/iu.test(c) && p.table!.cells[i])) return 1.35;
      return DATE_LIKE.test(text) ? 1.15 : 0.85;
    case 'unit':
      if (p.kind === 'row' && p.table?.columns.some(saysLead)) return 1.2;
      return UNIT_LIKE.test(text) ? 1.1 : 0.9;
    default: return 1;
  }
}

/** For questions about what is to be (targets, tasks): sections of plans rather than of results or lessons. */
function planFactor(p: StoredPassage): number {
  const kind = sectionKindOf(p);
  return kind === 'plan' ? 1.15 : kind === 'result' ? 0.85 : 1;
}

/** Drops a hit whose text another, better hit already contains (overlapping pieces of one block). */
function dedupe(hits: Hit[]): Hit[] {
  const out: Hit[] = [];
  for (const h of hits) {
    if (out.some((o) => o.passage.doc === h.passage.doc && o.passage.text.includes(h.passage.text))) continue;
    out.push(h);
  }
  return out;
}
