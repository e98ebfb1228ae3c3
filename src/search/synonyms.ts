/**
 * Words officials type for what the documents write in other words (lexicon/synonyms.json): found among a
 * question's words, and credited to a passage that holds another form of the same group, so "lãi Viettel"
 * is answered by "Lợi nhuận" of Viettel. Not read into the index: a passage is not widened to every form.
 */
import { onLexiconForgotten, synonyms } from '../lexicon.js';
import { fold, tokens, typedAs } from '../text/analyzer.js';

/** A word officials type for what the documents write otherwise, as typed in a question, with the words around it. */
export interface SynonymAsked {
  /** The folded words typed. */
  asked: string[];
  /** The folded words before and after it in its clause: a pair across its edge is held with the other form's edge word. */
  before?: string;
  after?: string;
  /** The forms the documents write for it (normalized words, with diacritics). */
  written: string[][];
}

/** A passage's words and pairs, as written (with diacritics) and folded. */
export interface HeldWords {
  exact: ReadonlySet<string>;
  exactPairs: ReadonlySet<string>;
  pairs: ReadonlySet<string>;
}

let typedForms: Array<{ typed: string[]; written: string[][] }> | undefined;
onLexiconForgotten(() => { typedForms = undefined; });

function formsTyped(): Array<{ typed: string[]; written: string[][] }> {
  typedForms ??= Object.entries(synonyms()).map(([typed, written]) => ({ typed: tokens(typed), written: written.map(tokens) }));
  return typedForms;
}

/** The words of lexicon/synonyms.json that a question's clauses (its words as typed, question words set aside) hold. */
export function synonymsIn(clauses: string[][]): SynonymAsked[] {
  const found: SynonymAsked[] = [];
  for (const clause of clauses) {
    for (const { typed: form, written } of formsTyped()) {
      for (let i = 0; i + form.length <= clause.length; i++) {
        if (!form.every((w, k) => typedAs(clause[i + k], w))) continue;
        const end = i + form.length;
        found.push({
          asked: clause.slice(i, end).map(fold),
          ...(i > 0 ? { before: fold(clause[i - 1]) } : {}),
          ...(end < clause.length ? { after: fold(clause[end]) } : {}),
          written,
        });
      }
    }
  }
  return found;
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
