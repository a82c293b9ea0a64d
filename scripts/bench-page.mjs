// The page under load: a generated folder of FOLIO_PAGE_MB megabytes (default 100) in files of
// about 1 MB, chosen with the file picker of the release build in headless Chromium. Prints the
// time to the first article, the time to the last file, MB/s, the main thread's long tasks
// (PerformanceObserver) and the JS heap.
//
//   node scripts/bench-page.mjs          (builds dist/ if missing; needs scripts/setup.sh done)
//
// The dumps come from the core benchmark's generator (`cargo bench --bench core`, which keeps
// its file with FOLIO_BENCH_KEEP): new articles recombined from the samples' sentences, with
// repeated headers and 25% exact and 15% edited copies. They are cut into files at article
// boundaries.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mb = Number(process.env.FOLIO_PAGE_MB ?? 100);

if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  execFileSync('trunk', ['build', '--release', '--offline'], { cwd: root, stdio: 'inherit' });
}

// One big dump from the core benchmark's generator, then files of about 1 MB.
const big = path.join(os.tmpdir(), `folio-bench-${mb}mb.txt`);
if (!fs.existsSync(big)) {
  execFileSync('cargo', ['bench', '--quiet', '--bench', 'core'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, FOLIO_BENCH_MB: String(mb), FOLIO_BENCH_KEEP: '1' },
  });
}
const text = fs.readFileSync(big, 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-page-'));
const files = [];
// Where an article starts at or after `from`: a blank line, then a title that comes again
// within its header (the dumps print the title and captions twice).
function articleStart(from) {
  for (let at = text.indexOf('\n\n', from); at >= 0; at = text.indexOf('\n\n', at + 2)) {
    const lineEnd = text.indexOf('\n', at + 2);
    if (lineEnd < 0) break;
    const title = text.slice(at + 2, lineEnd);
    if (title.length > 10 && text.slice(lineEnd, lineEnd + 800).includes(`\n\n${title}\n`)) return at + 2;
  }
  return text.length;
}
for (let start = 0, n = 0; start < text.length; n++) {
  // Cut where an article starts after 1 MB: the core reads each file on its own.
  const end = articleStart(start + 1_000_000);
  const file = path.join(dir, `dump-${String(n).padStart(3, '0')}.txt`);
  fs.writeFileSync(file, text.slice(start, end));
  files.push(file);
  start = end;
}
const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);

const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const page = await browser.newPage();
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', () => (window.__start ??= performance.now()), true);
  new MutationObserver(() => {
    if (window.__start && !window.__first && document.querySelector('[data-testid=article]')) {
      window.__first = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
});
await page.goto(server.url);
// Measure reading, not the model's download: wait until the model is in.
await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
  timeout: 60_000,
});
const before = await page.evaluate(() => window.__long.length);
await page.setInputFiles('input[type=file]', files);
await page.waitForFunction((n) => document.querySelectorAll('[data-testid=file]').length >= n, files.length, {
  timeout: 15 * 60_000,
  polling: 200,
});
await page.waitForFunction(() => !document.querySelector('.status'), null, { timeout: 60_000 });
const r = await page.evaluate((before) => {
  const long = window.__long.slice(before).filter((t) => t.start >= window.__start);
  return {
    first: window.__first - window.__start,
    total: performance.now() - window.__start,
    long: long.map((t) => t.duration),
    heap: performance.memory?.usedJSHeapSize ?? 0,
    articles: document.querySelector('nav.articles h2')?.textContent,
  };
}, before);
await browser.close();
await server.close();
fs.rmSync(dir, { recursive: true, force: true });

const longest = Math.max(0, ...r.long);
console.log(`page benchmark: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${r.articles}), headless Chromium`);
console.log(`  first article shown   ${(r.first / 1000).toFixed(2)} s after the files were chosen`);
console.log(`  all files read        ${(r.total / 1000).toFixed(1)} s  (${(bytes / 1e6 / (r.total / 1000)).toFixed(1)} MB/s, entities included)`);
console.log(`  main-thread long tasks ${r.long.length} over 50 ms; ${r.long.filter((d) => d > 200).length} over 200 ms; longest ${longest.toFixed(0)} ms`);
console.log(`  JS heap               ${(r.heap / 1e6).toFixed(0)} MB`);
