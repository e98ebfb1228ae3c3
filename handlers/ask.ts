/**
 * `npm run ask -- "câu hỏi"` prints the reply. `npm run ask -- --jsonl` reads {"id","q"} lines on stdin
 * and writes one JSON line per question: the reply text, noAnswer, and the passages in rank order
 * (verbatim source spans with document and line span), as ../shared/eval/score.mjs expects.
 */
import { createInterface } from 'node:readline';
import { loadAnswerer, type Answerer } from '../src/app.js';
import { ANSI, PLAIN, renderText } from '../src/answer/render-text.js';

function jsonlLine(app: Answerer, line: string, lineNo: number): string | undefined {
  if (!line.trim()) return undefined;
  let input: { id?: unknown; q?: unknown };
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: `line ${lineNo}: not JSON` });
  }
  if (typeof input?.q !== 'string') return JSON.stringify({ id: input?.id ?? null, error: `line ${lineNo}: "q" must be a string` });
  const { result, reply } = app.answer(input.q);
  return JSON.stringify({
    id: input.id,
    answer: renderText(reply, PLAIN),
    noAnswer: result.noAnswer,
    passages: result.hits.map((h) => ({ doc: h.passage.doc, lineStart: h.passage.lineStart, lineEnd: h.passage.lineEnd, text: h.passage.text })),
  });
}

const args = process.argv.slice(2);
const app = await loadAnswerer({ seedsDir: process.env.SEEDS_DIR, indexFile: process.env.INDEX_FILE, log: (m) => console.error(m) });
if (args.includes('--jsonl')) {
  let n = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const out = jsonlLine(app, line, ++n);
    if (out) process.stdout.write(out + '\n');
  }
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    console.error('Cách dùng: npm run ask -- "câu hỏi"   hoặc   npm run ask -- --jsonl < cau-hoi.jsonl');
    process.exit(2);
  }
  console.log(renderText(app.answer(question).reply, process.stdout.isTTY ? ANSI : PLAIN));
}
