// Entity tagging speed: `folio --annotate` against the npm library compromise (people,
// places, organisations), on the same text, each as a whole process (start-up and model
// loading included), best of FOLIO_BENCH_RUNS runs.
//
//   node scripts/bench-entities.mjs        (FOLIO_BENCH_WORDS=200000 FOLIO_BENCH_RUNS=3)
//
// The text is every line of three or more words of the repository's samples (the seed and
// tests/data/dumps), repeated to the size asked
// for, one JSON line per paragraph as `folio --annotate` reads it. Both are timed on the same
// lines; rates are given per token as Folio's tokenizer splits the text (Treebank style, the
// unit the tagger works in: `Iran's` is two, `said,` is two) and per word (runs of non-space
// characters).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, sampleLines } from './lib/samples.mjs';


const target = Number(process.env.FOLIO_BENCH_WORDS ?? 200000);
const runs = Number(process.env.FOLIO_BENCH_RUNS ?? 3);

// With --child, this script is the compromise side: read the lines, tag them, report.
if (process.argv[2] === '--child') {
  const { default: nlp } = await import('compromise');
  let found = 0;
  for (const line of fs.readFileSync(process.argv[3], 'utf8').split('\n')) {
    if (!line) continue;
    const doc = nlp(JSON.parse(line).text);
    found += doc.people().length + doc.places().length + doc.organizations().length;
  }
  console.log(found);
  process.exit(0);
}

const paragraphs = sampleLines();
const words = (s) => s.split(/\s+/).filter(Boolean).length;
// Treebank tokens, approximately as src/tokenize.rs makes them: words, and punctuation apart.
const treebank = (s) => (s.match(/[\p{L}\p{N}]+(?:[-'’.,/:][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu) ?? []).length;
let lines = [];
let [wordCount, tokens] = [0, 0];
for (let i = 0; wordCount < target; i++) {
  const text = paragraphs[i % paragraphs.length];
  lines.push(JSON.stringify({ id: i, text }));
  wordCount += words(text);
  tokens += treebank(text);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
const input = path.join(dir, 'input.jsonl');
fs.writeFileSync(input, lines.join('\n') + '\n');
lines = null;

execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'folio'], { cwd: root, stdio: 'inherit' });
const folio = path.join(root, 'target/release/folio');

// Standard input and output are files, so that only the process itself is timed, not the
// piping of megabytes through this script.
const output = path.join(dir, 'output.jsonl');
function runFolio() {
  const [stdin, stdout] = [fs.openSync(input, 'r'), fs.openSync(output, 'w')];
  const p = spawnSync(folio, ['--annotate'], { stdio: [stdin, stdout, 'pipe'] });
  fs.closeSync(stdin);
  fs.closeSync(stdout);
  if (p.status !== 0) throw new Error(`folio failed: ${p.stderr}`);
}
function runCompromise() {
  const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', input], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  if (p.status !== 0) throw new Error(`compromise failed: ${p.stderr}`);
  return Number(p.stdout.toString());
}
const timed = (run) => {
  const t0 = process.hrtime.bigint();
  const out = run();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, out };
};
// The two take turns, and each side's best counts: this shared machine's speed drifts by a
// third within a minute, and timing all of one side first would hand the drift to one of them.
// The ratio printed is the median of each turn's pair.
const ours = { seconds: Infinity };
const theirs = { seconds: Infinity };
const ratios = [];
for (let r = 0; r < runs; r++) {
  const a = timed(runFolio);
  const b = timed(runCompromise);
  if (a.seconds < ours.seconds) ours.seconds = a.seconds;
  if (b.seconds < theirs.seconds) Object.assign(theirs, b);
  ratios.push(b.seconds / a.seconds);
}
ratios.sort((x, y) => x - y);
ours.out = fs.readFileSync(output, 'utf8').split('\n').filter(Boolean).length;
if (!process.env.FOLIO_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`input kept in ${input}`);

const rate = (n, s) => Math.round(n / s).toLocaleString('en').padStart(9);
const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/compromise/package.json'))).version;
console.log(
  `entity tagging: ${tokens.toLocaleString('en')} tokens, ${wordCount.toLocaleString('en')} words, ` +
    `${ours.out} paragraphs; best of ${runs} runs each, the two taking turns, whole process`,
);
console.log('                          seconds   tokens/s    words/s');
for (const [name, r] of [['folio --annotate', ours], [`compromise ${version}`, theirs]]) {
  console.log(`  ${name.padEnd(22)} ${r.seconds.toFixed(2).padStart(6)}  ${rate(tokens, r.seconds)}  ${rate(wordCount, r.seconds)}`);
}
console.log(
  `  folio is ${(theirs.seconds / ours.seconds).toFixed(1)}x faster on the best times; ` +
    `median of the turns ${ratios[ratios.length >> 1].toFixed(1)}x (compromise found ${theirs.out} people/places/organisations)`,
);
