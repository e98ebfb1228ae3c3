/**
 * What the search index holds for a passage and asks for a question: the same analyzer on both sides.
 * Fields are pre-analyzed, space-separated term lists, so MiniSearch only splits on spaces. Matches with the
 * exact diacritics are rewarded in the rerank, which sees each candidate's accented words.
 */
import type { Passage } from '../ingest/parse.js';
import { aliasExpansions, type AliasPair } from '../text/aliases.js';
import { clauses, fold, foldedPairs, normalize } from '../text/analyzer.js';

export const FIELDS = ['folded', 'pairs', 'head'] as const;

export interface IndexedPassage {
  id: number;
  folded: string;
  pairs: string;
  head: string;
}

/** The text a passage is searched by: a table row is "column: cell" pairs with its sector. */
export function searchableText(p: Passage): string {
  if (p.kind !== 'row' || !p.table) return p.text;
  const { columns, cells, sector } = p.table;
  const parts = cells.map((c, i) => (c && columns[i] && !/^(STT|TT)$/i.test(columns[i]) ? `${columns[i]}: ${c}` : c)).filter(Boolean);
  return [sector, ...parts].filter(Boolean).join('. ');
}

/**
 * Heading path, lead words and, for a footnote, the sentence citing it: the context that says which year,
 * sector, unit or matter a passage is about.
 */
export function contextText(p: Passage): string {
  return [...p.headingPath, p.lead ?? '', p.cites ?? ''].join('. ');
}

function analyzeClauses(text: string, aliases: AliasPair[]): string[][] {
  const list = clauses(normalize(text));
  return [...list, ...aliasExpansions(list, aliases)];
}

/** A passage's text and context as clauses of normalized tokens, alias expansions added. */
export function passageClauses(p: Passage, aliases: AliasPair[]): { body: string[][]; head: string[][] } {
  return { body: analyzeClauses(searchableText(p), aliases), head: analyzeClauses(contextText(p), aliases) };
}

/** The index fields of one passage. */
export function indexFields(id: number, p: Passage, aliases: AliasPair[]): IndexedPassage {
  const { body, head } = passageClauses(p, aliases);
  const flat = body.flat();
  return {
    id,
    folded: flat.map(fold).join(' '),
    pairs: foldedPairs(body).join(' '),
    // the heading path is shared by a whole section: each term once is enough, and keeps the index small
    head: [...new Set([...head.flat().map(fold), ...foldedPairs(head)])].join(' '),
  };
}

/** Splits a pre-analyzed field on spaces. */
export function splitTerms(text: string): string[] {
  return text.split(' ').filter(Boolean);
}
