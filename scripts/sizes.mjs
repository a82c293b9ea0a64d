// What the page weighs, gzipped (level 9), against its budgets: the app without the entity model
// at most 1 MiB; the model with the lists it carries (name lists, word clusters) at most 3 MiB;
// everything a first visit downloads at most 4 MiB. The page paints before the model arrives.
//   node scripts/sizes.mjs [DIST]   (default dist/, from `trunk build --release --offline`)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(dist);
// A first visit fetches the page, its scripts, styles and wasm, the worker, the model and the
// manifest's icons; the service worker then caches the same set.
const rows = files
  .map((f) => {
    const bytes = readFileSync(f);
    return { name: relative(dist, f), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gz - a.gz);
const MiB = 1024 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(12);
console.log('file'.padEnd(44), 'raw'.padStart(12), 'gzip'.padStart(12));
for (const r of rows) console.log(r.name.padEnd(44), kb(r.raw), kb(r.gz));
const model = rows.filter((r) => r.name.endsWith('ner.bin')).reduce((s, r) => s + r.gz, 0);
const all = rows.reduce((s, r) => s + r.gz, 0);
const app = all - model;
const line = (what, n, budget) =>
  console.log(`${what.padEnd(44)} ${kb(n)} of ${kb(budget).trim()}  ${n <= budget ? 'within budget' : 'OVER BUDGET'}`);
console.log('');
line('app without the model (gzip)', app, 1 * MiB);
line('the model and its lists (gzip)', model, 3 * MiB);
line('everything a first visit downloads (gzip)', all, 4 * MiB);
process.exit(app <= 1 * MiB && model <= 3 * MiB && all <= 4 * MiB ? 0 : 1);
