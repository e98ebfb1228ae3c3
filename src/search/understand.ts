/**
 * Question understanding: what is asked (a target, a deadline, a lead unit …), which years, the search
 * terms once question words are set aside, and the content words and phrases a passage must hold to
 * answer. Works on folded text, so it reads questions typed with or without diacritics alike; words typed
 * with diacritics keep them, so "Sài Gòn" does not count as found in "tinh gọn".
 */
import { onLexiconForgotten, questionWords } from '../lexicon.js';
import { aliasMatches, foreignLetterNames, type AliasPair } from '../text/aliases.js';
import { clauses, escapeRegExp, fold, hasDiacritics, normalize, tokens, typedPhraseAt, yearsIn } from '../text/analyzer.js';
import { synonymsIn, withWrittenForms, type SynonymAsked } from './synonyms.js';

export type Intent = 'deadline' | 'unit' | 'target' | 'task' | 'overview' | 'fact';

/** A word or a syllable pair: folded, and as typed when typed with diacritics. */
export interface Term {
  folded: string;
  /** Undefined when typed without diacritics: then any accented form matches. */
  accented?: string;
}

export interface Question {
  raw: string;
  /** The question folded, its typos mended ("bao nhiu" as "bao nhieu") and the words typed for the documents' own written as they are ("lãi" as "loi nhuan"): the figure asked is read in it. */
  foldedAsRead: string;
  intent: Intent;
  years: number[];
  /** Accented tokens the user typed with diacritics. */
  exact: string[];
  /** Folded search tokens, alias expansions included. */
  folded: string[];
  /** Folded syllable pairs from adjacent words (question words excluded), alias expansions included. */
  pairs: string[];
  /** The words that say what the question is about: no function words, no answer-kind words ("mục tiêu"). */
  content: Term[];
  /** Pairs of adjacent words holding a content word: the question's phrases. */
  phrases: Term[];
  /** Names typed as names (MobiFone, VTVcab, GovTech): folded. A passage that answers names them. */
  names: string[];
  /** Folded pairs of capitalised words in a row ("Đà Nẵng", "Viettel Post"): proper names a passage should hold. */
  properPairs: string[];
  /** Asks about plans, targets or tasks (what is to be), not results (what was). */
  planned: boolean;
  /** Asks what was actually achieved ("thực tế đã đạt"): a target is no answer to that. */
  achieved: boolean;
  /** Words typed that the documents may write in other words ("lãi" for "lợi nhuận"). */
  synonyms: SynonymAsked[];
}

/** One pattern for a list of folded phrases, each as whole words (a sign such as "%" wherever it stands). */
function phrasesPattern(list: string[]): RegExp {
  const words = list.filter((p) => /[a-z0-9]$/.test(p)).map(escapeRegExp);
  const signs = list.filter((p) => !/[a-z0-9]$/.test(p)).map(escapeRegExp);
  return new RegExp([...(words.length ? [`(?<![a-z0-9])(?:${words.join('|')})(?![a-z0-9])`] : []), ...signs].join('|'));
}

/** The word lists of lexicon/question-words.json, as sets and patterns. */
interface Reading {
  questionPhrases: string[][];
  questionWords: Set<string>;
  questionWordsAccented: Set<string>;
  functionWords: Set<string>;
  functionWordsAccented: Set<string>;
  nonContentPhrases: Set<string>;
  /** Each intent's phrases (normalized words, with diacritics) and signs ("%"). */
  intents: Array<{ intent: Intent; phrases: string[][]; signs: string[] }>;
  planned: RegExp;
  achieved: RegExp;
  /** Pairs of words that shape a question rather than name its subject ("phan_dau", "muc_tieu"), folded. */
  shapingPairs: Set<string>;
  /** Function and question words with their tone mark dropped and their hats kept ("vê", "đên"). */
  tonelessListed: Set<string>;
}

/** A word without its tone mark (grave, acute, tilde, hook, dot below); hats and horns stay ("về" → "vê"). */
function withoutTone(word: string): string {
  return word.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
}

let reading: Reading | undefined;
onLexiconForgotten(() => { reading = undefined; });

function wordsRead(): Reading {
  if (reading) return reading;
  const w = questionWords();
  reading = {
    questionPhrases: w.questionPhrases.folded.map((p) => p.split(' ')),
    questionWords: new Set(w.questionWords.folded),
    questionWordsAccented: new Set(w.questionWords.accented),
    functionWords: new Set(w.functionWords.folded),
    functionWordsAccented: new Set(w.functionWords.accented),
    nonContentPhrases: new Set(w.nonContentPhrases.folded.map((p) => p.replace(/ /g, '_'))),
    intents: w.intents.order.map((intent) => {
      const listed = w.intents.phrases[intent] ?? [];
      return { intent, phrases: listed.map(tokens).filter((p) => p.length > 0), signs: listed.filter((p) => tokens(p).length === 0) };
    }),
    planned: phrasesPattern(w.planned.folded),
    achieved: phrasesPattern(w.achieved.folded),
    tonelessListed: new Set([...w.functionWords.accented, ...w.questionWords.accented]
      .map(withoutTone).filter((t) => hasDiacritics(t) && !w.functionWords.accented.includes(t) && !w.questionWords.accented.includes(t))),
    shapingPairs: new Set([...w.planned.folded, ...w.achieved.folded, ...w.nonContentPhrases.folded].filter((p) => p.split(' ').length === 2).map((p) => p.replace(' ', '_'))),
  };
  return reading;
}

/** What a question asks: read in its clauses as typed (slips of diacritics folded, typos mended). */
function intentOf(normalized: string, read: string[][]): Intent {
  if (/(^|\s)hạn(\s|$)/u.test(normalized)) return 'deadline'; // "hạn" only with its diacritics: "han" may be "Hàn"
  const holds = (phrase: string[]) => read.some((c) => c.some((_, i) => typedPhraseAt(c, phrase, i)));
  for (const { intent, phrases, signs } of wordsRead().intents) {
    if (signs.some((sign) => normalized.includes(sign)) || phrases.some(holds)) return intent;
  }
  return 'fact';
}

/** Marks tokens of a clause that are question words (true = drop). */
function questionMask(tokens: string[], original: string, knownPair: (pair: string) => boolean): boolean[] {
  const folded = tokens.map(fold);
  const drop = tokens.map(() => false);
  const r = wordsRead();
  for (const phrase of r.questionPhrases) {
    for (let i = 0; i + phrase.length <= folded.length; i++) {
      if (phrase.every((w, k) => folded[i + k] === w)) for (let k = 0; k < phrase.length; k++) drop[i + k] = true;
    }
  }
  tokens.forEach((t, i) => {
    if (!r.questionWords.has(folded[i])) return;
    if (folded[i] === 'ai' && /\bAI\b/.test(original)) return; // artificial intelligence, typed in capitals
    // a word that opens with the next one a phrase the documents use ("ai city") is that phrase's, not a
    // question's; unless it closes with the word before a phrase that shapes questions ("phan dau so" is
    // "phấn đấu", not "đầu số")
    const opens = i + 1 < tokens.length && !drop[i + 1] && !r.questionWords.has(folded[i + 1]) && knownPair(`${folded[i]}_${folded[i + 1]}`);
    const closesShaping = i > 0 && r.shapingPairs.has(`${folded[i - 1]}_${folded[i]}`);
    if (opens && !closesShaping) return;
    if (hasDiacritics(t) && !r.questionWordsAccented.has(t)) return; // "máy", "có", "cơ" carry meaning
    drop[i] = true;
  });
  return drop;
}

/**
 * A function or question word typed without its tone mark ("vê" for "về", "đên" for "đến"), which the
 * documents never write: a slip of the keyboard, read as if typed without diacritics so it is seen for the
 * word it is. Only a dropped tone: "vé" (a ticket) is a word of its own, not "về".
 */
function slipOfDiacritics(token: string, writes: (word: string) => boolean): boolean {
  const r = wordsRead();
  return r.tonelessListed.has(token) && !writes(token);
}

/** Whether a folded word is one of the function words of lexicon/question-words.json ("ve", "cua"). */
export function isFoldedFunctionWord(folded: string): boolean {
  return wordsRead().functionWords.has(folded);
}

/** Whether a folded word is one of the question words of lexicon/question-words.json ("gi", "nao"). */
export function isFoldedQuestionWord(folded: string): boolean {
  return wordsRead().questionWords.has(folded);
}

function isFunctionWord(t: Term): boolean {
  const r = wordsRead();
  return t.accented ? r.functionWordsAccented.has(t.accented) : r.functionWords.has(t.folded);
}

function term(accented: string, folded: string): Term {
  return hasDiacritics(accented) ? { folded, accented } : { folded };
}

function uniqueTerms(list: Term[]): Term[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const key = t.folded + '|' + (t.accented ?? '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a question. `correct` maps a folded token missing from the corpus vocabulary, read beside the
 * folded words before and after it, to a known one (typo tolerance), or returns it unchanged.
 */
export function understand(
  raw: string, aliases: AliasPair[], correct: (folded: string, before?: string, after?: string) => string = (t) => t,
  /** Whether the documents use a pair of folded words ("ai_city"). */
  knownPair: (pair: string) => boolean = () => false,
  /** Whether the documents write a word as typed, diacritics and all. */
  writes: (word: string) => boolean = () => true,
): Question {
  const normalized = normalize(raw);
  const words: Term[] = [];
  const pairs: Term[] = [];
  const nonContent = new Set<number>(); // indexes into `words` of words in a non-content phrase
  const kept: string[][] = [];
  // each clause as read: slips of diacritics folded, typos mended, question words kept
  const readClauses: string[][] = [];
  const mended = new Map<string, string>();
  for (const typed of clauses(normalized)) {
    const slipped = typed.map((t) => (slipOfDiacritics(t, writes) ? fold(t) : t));
    // a question or function word is never a typo of a content word ("xong" is not "xuống"); a typo is read
    // beside its neighbours, and before question words are set aside, so "bao nhiu" is "bao nhieu"
    const r = wordsRead();
    const typedFolded = slipped.map((t) => fold(t));
    const folded = typedFolded.map((f, i) => (r.functionWords.has(f) || r.questionWords.has(f) ? f : correct(f, typedFolded[i - 1], typedFolded[i + 1])));
    const clause = slipped.map((t, i) => (folded[i] === typedFolded[i] ? t : folded[i]));
    folded.forEach((f, i) => { if (f !== typedFolded[i]) mended.set(typedFolded[i], f); });
    readClauses.push(clause);
    const drop = questionMask(clause, raw, knownPair);
    for (let i = 0; i < clause.length; i++) {
      if (drop[i]) continue;
      words.push(term(clause[i], folded[i]));
      if (i + 1 < clause.length && !drop[i + 1]) {
        const pair = `${folded[i]}_${folded[i + 1]}`;
        pairs.push(term(`${clause[i]}_${clause[i + 1]}`, pair));
        if (wordsRead().nonContentPhrases.has(pair)) { nonContent.add(words.length - 1); nonContent.add(words.length); }
      }
    }
    kept.push(clause.filter((_, i) => !drop[i]));
  }
  let content = words.filter((w, i) => !nonContent.has(i) && !isFunctionWord(w));

  const expandedWords: string[] = [];
  const expandedPairs: string[] = [];
  const replaced = new Set<string>();
  // an abbreviation of one word measured by its full form, by that form's first and last words
  const spelled = new Map<string, { first: string; last: string }>();
  const names = foreignLetterNames(aliases);
  for (const { from, to, abbreviated } of aliasMatches(kept, aliases)) {
    const f = to.map(fold);
    expandedWords.push(...f);
    for (let i = 0; i + 1 < f.length; i++) expandedPairs.push(`${f[i]}_${f[i + 1]}`);
    // an abbreviation is measured by its full form (passages are indexed with both forms); a name by foreign
    // letters ("NDXP") by itself, which a passage holding either form holds
    if (abbreviated && !(from.length === 1 && names.has(from[0]))) {
      from.forEach((t) => replaced.add(t));
      content.push(...to.map((w, k) => ({ folded: f[k], accented: w })).filter((t) => !isFunctionWord(t)));
      if (from.length === 1 && to.length > 1) spelled.set(from[0], { first: to[0], last: to[to.length - 1] });
    }
  }
  content = uniqueTerms(content.filter((t) => !replaced.has(t.folded)));
  // a phrase across an abbreviation's edge is the one its full form makes there ("Cục ATTT": "Cục an"), which a
  // passage holds in either form
  const acrossEdge = (p: Term): Term => {
    const [a, b] = p.folded.split('_');
    const [x, y] = (p.accented ?? p.folded).split('_');
    const before = spelled.get(a);
    const after = spelled.get(b);
    if (after) return term(`${x}_${after.first}`, `${a}_${fold(after.first)}`);
    if (before) return term(`${before.last}_${y}`, `${fold(before.last)}_${b}`);
    return p;
  };
  const contentFolded = new Set(content.map((t) => t.folded));
  // typos mended, and a word officials type for one the documents write as they write it ("lãi": "lợi nhuận")
  const foldedAsRead = fold(withWrittenForms(normalized)).replace(/[\p{L}\p{N}]+/gu, (w) => mended.get(w) ?? w).replace(/\s+/g, ' ').trim();
  return {
    raw,
    foldedAsRead,
    intent: intentOf(normalized, readClauses),
    years: yearsIn(raw),
    exact: [...new Set(words.filter((w) => w.accented).map((w) => w.accented!))],
    folded: [...new Set([...words.map((w) => w.folded), ...expandedWords])],
    pairs: [...new Set([...pairs.map((p) => p.folded), ...expandedPairs])],
    content,
    phrases: uniqueTerms(pairs.filter((p) => p.folded.split('_').some((w) => contentFolded.has(w))).map(acrossEdge)),
    names: namesIn(raw, aliases).filter((n) => !replaced.has(n)),
    properPairs: properPairsIn(raw),
    planned: wordsRead().planned.test(fold(normalized)),
    achieved: wordsRead().achieved.test(fold(normalized)),
    synonyms: synonymsIn(kept),
  };
}

/** Words written as proper names: two or more capitals, or capitals after lower case ("MobiFone"); not abbreviations we expand. */
export function namesIn(raw: string, aliases: AliasPair[]): string[] {
  const foreign = foreignLetterNames(aliases);
  const known = new Set(aliases.flatMap((a) => (a.short.length === 1 && !foreign.has(fold(a.short[0].toLowerCase())) ? [fold(a.short[0])] : [])));
  const names = new Set<string>();
  for (const m of raw.normalize('NFC').matchAll(/[\p{L}\d][\p{L}\d&]*/gu)) {
    const w = m[0];
    if (w.replace(/&/g, '').length < 3) continue;
    const capitals = (w.match(/\p{Lu}/gu) ?? []).length;
    if (capitals < 2 && !/^\p{Lu}\p{Ll}+\p{Lu}/u.test(w)) continue;
    if (/^[\dIVX]+$/.test(w)) continue;
    const f = fold(normalize(w));
    if (!known.has(f)) names.add(f);
  }
  return [...names];
}

/** Pairs of adjacent capitalised words: "Sở TT&TT Đà Nẵng" gives "da_nang" (and "so_tttt"). */
export function properPairsIn(raw: string): string[] {
  const pairs = new Set<string>();
  for (const m of raw.normalize('NFC').matchAll(/\p{Lu}[\p{L}&]*(?:\s+\p{Lu}[\p{L}&]*)+/gu)) {
    const words = clauses(normalize(m[0])).flat().map(fold);
    for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]}_${words[i + 1]}`);
  }
  return [...pairs];
}
