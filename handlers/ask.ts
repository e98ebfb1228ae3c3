/**
 * `npm run ask -- "câu hỏi"` prints the reply. `npm run ask -- --jsonl` reads {"id","q"} lines on stdin
 * and writes one JSON line per question: the reply text, noAnswer, and the passages in rank order
 * (verbatim source spans with document and line span; for a list, every row of it), as
 * ../shared/eval/score.mjs expects. A line may give {"id","turns":[…]} instead: the turns are one chat's
 * messages in order (a question, then its follow-up), and the line's output is the last turn's reply.
 */
import { createInterface } from 'node:readline';
import { loadAnswerer } from '../src/app.js';
import { ANSI, PLAIN, renderText } from '../src/answer/render-text.js';
import { Dialog } from '../src/conversation/dialog.js';

/** One message through the same dialog as the chats (commands, follow-ups), without records or rate limit. */
async function ask(dialog: Dialog, text: string, chatId = 'ask') {
  return dialog.handle({ channel: 'terminal', chatId, userId: 'ask', text });
}

async function jsonlLine(dialog: Dialog, line: string, lineNo: number): Promise<string | undefined> {
  if (!line.trim()) return undefined;
  let input: { id?: unknown; q?: unknown; turns?: unknown };
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: `line ${lineNo}: not JSON` });
  }
  const turns = Array.isArray(input?.turns) && input.turns.length > 0 && input.turns.every((t) => typeof t === 'string') ? input.turns as string[]
    : typeof input?.q === 'string' ? [input.q] : undefined;
  if (!turns) return JSON.stringify({ id: input?.id ?? null, error: `line ${lineNo}: "q" must be a string, or "turns" a list of strings` });
  // each line is its own chat: a line never reads as a follow-up of the one before
  let out = await ask(dialog, turns[0], `ask-${lineNo}`);
  for (const turn of turns.slice(1)) out = await ask(dialog, turn, `ask-${lineNo}`);
  const { reply, answer } = out;
  // a list reply shows its first page; the passages are every row of the whole list, in the order shown
  return JSON.stringify({ id: input.id, answer: renderText(reply, PLAIN), noAnswer: answer?.noAnswer ?? true, passages: answer?.sources ?? [] });
}

const args = process.argv.slice(2);
const app = await loadAnswerer({ seedsDir: process.env.SEEDS_DIR, indexFile: process.env.INDEX_FILE, log: (m) => console.error(m) });
const dialog = new Dialog(app, undefined, { rateLimitPerMinute: Number.MAX_SAFE_INTEGER });
if (args.includes('--jsonl')) {
  let n = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const out = await jsonlLine(dialog, line, ++n);
    if (out) process.stdout.write(out + '\n');
  }
} else {
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    console.error('Cách dùng: npm run ask -- "câu hỏi"   hoặc   npm run ask -- --jsonl < cau-hoi.jsonl');
    process.exit(2);
  }
  console.log(renderText((await ask(dialog, question)).reply, process.stdout.isTTY ? ANSI : PLAIN));
}
