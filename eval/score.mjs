#!/usr/bin/env node
// The project's own scorer: `npm run eval` runs it on the sets in eval/ (written from the documents alone,
// without looking at the bot's answers); `node eval/score.mjs --gold FILE` scores one set.
//
// It runs `npm run --silent ask -- --jsonl` (the contract: one {"id","q"} or {"id","turns"} per line in, one {"id","answer",
// "noAnswer","passages":[{doc,lineStart,lineEnd,text}]} per line out) and scores by the kind of gold line:
//  - questions with "evidence"/"facts" (or kind no_answer): hit@1/hit@3 (a passage among the first k holds an
//    evidence string in its first 1000 characters), facts on the first screen (the first 700 characters of the
//    reply), and abstention (no_answer questions get noAnswer, the others do not);
//  - dialogs ("turns": a question, then its follow-up) are scored as questions on the last turn's reply;
//  - browse questions with "rows" ({doc, line}): recall (gold rows some returned passage spans) and precision
//    (returned passages that span a gold row), averaged over questions.
// Sets whose name ends in "-holdout" are for checking only: look at their figures, never tune on their misses.
// Floors (CI): --min-hit3 X --min-facts X --min-abstain X for question sets (a set of no-answer questions only
// has abstention alone), --min-recall X --min-precision X for browse sets;
// the command exits 1 when a set scores under a floor.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const here = path.dirname(fileURLToPath(import.meta.url));
const showMisses = args.includes('--show-misses');
const golds = opt('--gold') ? [opt('--gold')] : readdirSync(here).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(here, f));
const cmd = opt('--cmd') ?? 'npm run --silent ask -- --jsonl';
const floors = { hit3: opt('--min-hit3'), facts: opt('--min-facts'), abstain: opt('--min-abstain'), recall: opt('--min-recall'), precision: opt('--min-precision') };
let underFloor = false;
/** Checks a figure against its floor, when one is given; reports the miss. */
function floor(name, value, file) {
  if (floors[name] === undefined || value >= Number(floors[name])) return;
  underFloor = true;
  console.error(`${path.basename(file)}: ${name} ${value.toFixed(3)} is under the floor ${floors[name]}`);
}

const norm = (s) => String(s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const pct = (x) => (100 * x).toFixed(1) + '%';

async function run(lines) {
  const child = spawn(cmd, { shell: true, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stdin.end(lines.map((g) => JSON.stringify(g.turns ? { id: g.id, turns: g.turns } : { id: g.id, q: g.q })).join('\n') + '\n');
  const code = await new Promise((res) => child.on('close', res));
  if (code !== 0) throw new Error(`${cmd} exited with ${code}`);
  const answers = new Map();
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const a = JSON.parse(line);
    answers.set(String(a.id), a);
  }
  return answers;
}

function scoreQuestions(gold, answers) {
  let n = 0, h1 = 0, h3 = 0, factN = 0, factHit = 0, naN = 0, naRight = 0, wrongRefusals = 0;
  const misses = [];
  const factsByKind = {};
  for (const g of gold) {
    const a = answers.get(String(g.id));
    if (g.kind === 'no_answer') {
      naN++;
      if (a?.noAnswer === true) naRight++;
      else misses.push(`${g.id} [no_answer] ${g.q}\n    answered: ${norm(a?.answer).slice(0, 140)}`);
      continue;
    }
    n++;
    if (a?.noAnswer) wrongRefusals++;
    const evidence = (g.evidence ?? []).map(norm);
    const passages = a?.passages ?? [];
    const rank = passages.findIndex((p) => evidence.some((e) => norm(p.text).slice(0, 1000).includes(e))) + 1;
    if (rank === 1) h1++;
    if (rank >= 1 && rank <= 3) h3++;
    const screen = norm(a?.answer).toLowerCase().slice(0, 700);
    const found = (g.facts ?? []).filter((f) => screen.includes(norm(f).toLowerCase())).length;
    factN += (g.facts ?? []).length;
    factHit += found;
    const k = (factsByKind[g.kind] ??= { n: 0, hit: 0 });
    k.n += (g.facts ?? []).length;
    k.hit += found;
    if (!rank || rank > 3 || found < (g.facts ?? []).length) misses.push(`${g.id} [${g.kind}] ${g.q}\n    rank ${rank || '-'}; facts ${found}/${(g.facts ?? []).length} ${JSON.stringify(g.facts)}`);
  }
  const answered = n + naN;
  return {
    figures: { ...(n ? { hit3: h3 / n, facts: factHit / (factN || 1) } : {}), abstain: (naRight + n - wrongRefusals) / (answered || 1) },
    line: `hit@1 ${pct(h1 / (n || 1))} hit@3 ${pct(h3 / (n || 1))} facts ${pct(factHit / (factN || 1))} abstain ${pct((naRight + n - wrongRefusals) / (answered || 1))}`
      + ` (no-answer recognised ${naRight}/${naN}, answerable refused ${wrongRefusals}/${n})`
      + `\n    facts by kind: ${Object.entries(factsByKind).map(([k, v]) => `${k} ${pct(v.hit / (v.n || 1))} (${v.n})`).join(', ')}`,
    misses,
  };
}

function scoreBrowse(gold, answers) {
  let recall = 0, precision = 0;
  const byKind = {};
  const misses = [];
  for (const g of gold) {
    const passages = answers.get(String(g.id))?.passages ?? [];
    const spans = (row) => (p) => p.doc === row.doc && p.lineStart <= row.line && row.line <= p.lineEnd;
    const found = g.rows.filter((row) => passages.some(spans(row)));
    const relevant = passages.filter((p) => g.rows.some((row) => spans(row)(p)));
    const r = g.rows.length ? found.length / g.rows.length : 1;
    const p = passages.length ? relevant.length / passages.length : g.rows.length ? 0 : 1;
    recall += r;
    precision += p;
    const k = (byKind[g.kind] ??= { n: 0, r: 0, p: 0 });
    k.n++; k.r += r; k.p += p;
    if (r < 1 || p < 1) {
      const missing = g.rows.filter((row) => !found.includes(row)).map((row) => `${row.doc.slice(0, 3)}:${row.line}`);
      const extra = passages.filter((x) => !relevant.includes(x)).map((x) => `${x.doc.slice(0, 3)}:${x.lineStart}`);
      misses.push(`${g.id} [${g.kind}] ${g.q}\n    recall ${found.length}/${g.rows.length} precision ${relevant.length}/${passages.length}`
        + (missing.length ? `\n    missing ${missing.slice(0, 12).join(' ')}${missing.length > 12 ? ' …' : ''}` : '')
        + (extra.length ? `\n    extra ${extra.slice(0, 12).join(' ')}${extra.length > 12 ? ' …' : ''}` : ''));
    }
  }
  const kinds = Object.entries(byKind).map(([k, v]) => `${k} ${(v.r / v.n).toFixed(2)}/${(v.p / v.n).toFixed(2)} (${v.n})`).join(', ');
  return {
    figures: { recall: recall / gold.length, precision: precision / gold.length }, line: `recall ${(recall / gold.length).toFixed(3)} precision ${(precision / gold.length).toFixed(3)} · by kind (recall/precision): ${kinds}`, misses };
}

for (const file of golds) {
  const gold = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
    .map((g) => (g.turns ? { ...g, q: g.turns.join(' → ') } : g));
  const answers = await run(gold);
  const browse = gold.every((g) => Array.isArray(g.rows));
  const { line, misses, figures } = browse ? scoreBrowse(gold, answers) : scoreQuestions(gold, answers);
  console.log(`${path.basename(file)} (${gold.length}): ${line}`);
  if (showMisses && misses.length) console.log('  ' + misses.join('\n  '));
  for (const [name, value] of Object.entries(figures)) floor(name, value, file);
}
process.exit(underFloor ? 1 : 0);
