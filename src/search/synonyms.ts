/**
 * Words officials type for what the documents write in other words (lexicon/synonyms.json): found among a
 * question's words, and credited to a passage that writes the documents' form, so "lãi Viettel" is answered
 * by "Lợi nhuận" of Viettel. Not read into the index: a passage is not widened to every form.
 */
import { onLexiconForgotten, synonyms } from '../lexicon.js';
import { fold, tokens, typedAs, typedPhraseAt } from '../text/analyzer.js';

/** A word officials type for what the documents write otherwise, as typed in a question, with the words around it. */
export interface SynonymAsked {
  /** The words typed, folded. */
  asked: string[];
  /** The word before it in its clause, folded: a pair across its edge is held with the written form's edge word. */
  before?: string;
  /** The word after it in its clause, folded. */
  after?: string;
  /** The forms the documents write for it (normalized words, with diacritics). */
  written: string[][];
}

/** What a passage holds, to look for the written forms in. */
export interface HeldWords {
  /** Its words as written (normalized, with diacritics). */
  exact: ReadonlySet<string>;
  /** Its pairs of words in a row as written, joined by "_". */
  exactPairs: ReadonlySet<string>;
  /** Its pairs of words in a row, folded, joined by "_". */
  pairs: ReadonlySet<string>;
}

/** A typed form (normalized words) with the forms the documents write for it, and whether it must be typed with its diacritics. */
interface TypedForm {
  typed: string[];
  written: string[][];
  accentedOnly: boolean;
}

let forms: TypedForm[] | undefined;
onLexiconForgotten(() => { forms = undefined; });

/** The typed forms, longest first (a longer one is read before the words it holds: "người dùng" before "dùng"). */
function typedForms(): TypedForm[] {
  if (!forms) {
    const { typed, accentedOnly } = synonyms();
    forms = Object.entries(typed).map(([t, written]) => ({ typed: tokens(t), written: written.map(tokens), accentedOnly: accentedOnly.includes(t) }))
      .sort((a, b) => b.typed.length - a.typed.length);
  }
  return forms;
}

/** The typed form of lexicon/synonyms.json standing in `words` (normalized, as typed) at `at`, if any. */
function formAt(words: string[], at: number, form: TypedForm): boolean {
  return typedPhraseAt(words, form.typed, at, form.accentedOnly ? (typed, word) => typed === word : typedAs);
}

/** The words of lexicon/synonyms.json that a question's clauses (its words as typed, question words set aside) hold. */
export function synonymsIn(clauses: string[][]): SynonymAsked[] {
  const found: SynonymAsked[] = [];
  for (const clause of clauses) {
    for (const form of typedForms()) {
      for (let i = 0; i < clause.length; i++) {
        if (!formAt(clause, i, form)) continue;
        const end = i + form.typed.length;
        found.push({
          asked: clause.slice(i, end).map(fold),
          ...(i > 0 ? { before: fold(clause[i - 1]) } : {}),
          ...(end < clause.length ? { after: fold(clause[end]) } : {}),
          written: form.written,
        });
      }
    }
  }
  return found;
}

/**
 * A normalized text with each typed form replaced by the first form the documents write for it, read once
 * from the left, a longer form first and none inside another ("người dùng" → "người sử dụng", not "người sử sử dụng").
 */
export function withWrittenForms(normalized: string): string {
  const words = [...normalized.matchAll(/[\p{L}\p{N}]+/gu)];
  const typed = words.map((m) => m[0]);
  let out = '';
  let last = 0;
  for (let i = 0; i < words.length;) {
    const form = typedForms().find((f) => formAt(typed, i, f));
    if (!form) { i++; continue; }
    const end = i + form.typed.length - 1;
    out += normalized.slice(last, words[i].index) + form.written[0].join(' ');
    last = words[end].index! + words[end][0].length;
    i = end + 1;
  }
  return out + normalized.slice(last);
}

/** The question's folded words and pairs that a passage holds as a form the documents write for them. */
export function heldAsSynonyms(asked: SynonymAsked[], held: HeldWords): { words: Set<string>; pairs: Set<string> } {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const s of asked) {
    for (const form of s.written) {
      const holds = form.length === 1 ? held.exact.has(form[0]) : form.slice(1).every((w, k) => held.exactPairs.has(`${form[k]}_${w}`));
      if (!holds) continue;
      s.asked.forEach((w) => words.add(w));
      s.asked.slice(1).forEach((w, k) => pairs.add(`${s.asked[k]}_${w}`));
      if (s.before && held.pairs.has(`${s.before}_${fold(form[0])}`)) pairs.add(`${s.before}_${s.asked[0]}`);
      if (s.after && held.pairs.has(`${fold(form[form.length - 1])}_${s.after}`)) pairs.add(`${s.asked[s.asked.length - 1]}_${s.after}`);
    }
  }
  return { words, pairs };
}
