/**
 * Sentence-aware splitting of long blocks into passages short enough to read on a phone.
 * Cuts fall only after a sentence or clause end, so a number never loses its subject.
 */

/** Target and hard limits of a passage, in characters. */
export const PASSAGE_TARGET = 500;
const PIECE_MAX = 600;

// Words after which a full stop does not end a sentence ("TP. Hồ Chí Minh", "ThS. …").
const NO_BREAK_BEFORE = /(?:^|\s)(?:TP|Tp|ThS|TS|PGS|GS|Th\.S|St|v\.v|Mr|Ms|[A-ZĐ])\.$/u;

/** Character ranges [start, end) of the sentences of `text`. */
export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const boundary = /[.!?;…]["”’)]?\s+(?=[\p{Lu}\d"“(•\-+])/gu;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index! + m[0].trimEnd().length;
    if (NO_BREAK_BEFORE.test(text.slice(Math.max(start, end - 8), end))) continue;
    if (/\d\.$/.test(text.slice(start, end)) && /^\d/.test(text.slice(end).trimStart())) continue;
    if (end - start > 0) ranges.push([start, end]);
    start = m.index! + m[0].length;
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges.flatMap(([a, b]) => (b - a > PIECE_MAX ? clauseRanges(text, a, b) : [[a, b] as [number, number]]));
}

/** Splits one over-long sentence at clause ends (", " "; " ": "), packing clauses up to `target` characters; `keepFigureLists` keeps a list of figures whole. */
export function clauseRanges(text: string, from: number, to: number, target = PASSAGE_TARGET, keepFigureLists = false): Array<[number, number]> {
  const cuts: number[] = [];
  // with keepFigureLists, a comma before a figure continues a list of figures ("08 QCVN, 13 TCVN"): no cut
  const boundary = keepFigureLists ? /;\s+(?=\S)|[,:]\s+(?=[^\s\d])/g : /[,;:]\s+(?=\S)/g;
  for (const m of text.slice(from, to).matchAll(boundary)) cuts.push(from + m.index! + 1);
  const out: Array<[number, number]> = [];
  let start = from;
  let last = from;
  for (const cut of [...cuts, to]) {
    if (cut - start > target && last > start) {
      out.push([start, last]);
      start = skipSpace(text, last);
    }
    last = cut;
  }
  out.push([start, to]);
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/**
 * Groups sentences into passages of about PASSAGE_TARGET characters. Consecutive passages share one
 * sentence, so a statement that runs over a sentence end is still whole in one of them.
 */
export function chunkRanges(text: string): Array<[number, number]> {
  if (text.length <= PASSAGE_TARGET + 80) return [[0, text.length]];
  const sentences = sentenceRanges(text);
  const chunks: Array<[number, number]> = [];
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1][1] - sentences[i][0] <= PASSAGE_TARGET) j++;
    chunks.push([sentences[i][0], sentences[j][1]]);
    if (j + 1 >= sentences.length) break;
    // overlap one sentence when the chunk holds several and the shared one is short
    i = j > i && sentences[j][1] - sentences[j][0] < PASSAGE_TARGET / 2 ? j : j + 1;
  }
  return chunks;
}
