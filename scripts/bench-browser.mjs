// Folio in a real browser (the release build in headless Chromium), two measures:
//
// 1. Folders of 1, 10 and 100 MB (FOLIO_PAGE_MB=1,10,100) in files of about 1 MB (or, with
//    FOLIO_PAGE_NEWS=folder, the first files of a folder of real news), chosen with
//    the page's file picker: time to the first article, time to the last file and MB/s for the
//    whole pipeline (entities included), the main thread's long tasks (PerformanceObserver) and
//    the JS heap at the end.
// 2. Entities: the same paragraphs (FOLIO_BENCH_WORDS words of the samples, default 200,000)
//    tagged by Folio in the page's worker and by the npm library compromise in a page of the
//    same browser, taking turns FOLIO_BENCH_RUNS times each (default 5); words per second
//    on each side's best run, the ratio, and the median of the turns' ratios.
//
//   node scripts/bench-browser.mjs       (builds dist/ if missing; needs scripts/setup.sh done)
//   FOLIO_PAGE_NEWS=/tmp/news FOLIO_PAGE_MB=12.5,25 FOLIO_BENCH_ENTITIES=0 node scripts/bench-browser.mjs
//   (FOLIO_PAGE_WORKERS=N opens the page with ?workers=N: N workers, one reading, the rest tagging)
//   (FOLIO_PAGE_SETTLE=S waits S seconds after the model is in before choosing the folder, 3 unless
//   told: the time a person takes, in which the workers rehearse; the CPU each kind of thread used
//   is printed under each folder)
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

import { newsFiles } from './lib/news.mjs';
import { sampleLines } from './lib/samples.mjs';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = (process.env.FOLIO_PAGE_MB ?? '1,10,100').split(',').map(Number);

if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  execFileSync('trunk', ['build', '--release', '--offline', '--features', 'hooks'], { cwd: root, stdio: 'inherit' });
}

/** The first files of the folder of real news FOLIO_PAGE_NEWS, up to `mb` MB. */
function newsFolder(mb) {
  return { ...newsFiles(process.env.FOLIO_PAGE_NEWS, mb), dir: null };
}

/** Writes a folder of about `mb` MB in files of about 1 MB; returns its files and size. */
function makeFolder(mb) {
  if (process.env.FOLIO_PAGE_NEWS) return newsFolder(mb);
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

  return { files, bytes, dir };
}

/** The sum of `read(pid)` over every Chromium process (the tab's renderer, its workers'
 * threads inside it, the browser, the GPU and utility processes): Linux's /proc. */
function overChromium(read) {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^[0-9]+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/.test(cmd.split('\0')[0])) continue;
      total += read(pid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Chromium's resident memory, in bytes. */
function chromiumRss() {
  return overChromium((pid) => {
    const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) * 1024 : 0;
  });
}

/** CPU seconds Chromium has used so far (user and system). */
function chromiumCpu() {
  return (
    overChromium((pid) => {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    }) / 100
  );
}

/** CPU seconds each kind of Chromium thread has used so far, by the thread's name as Linux
 * has it (`CrRendererMain` is the page's thread, `DedicatedWorker` the workers',
 * `ThreadPoolForeg` the renderer's and browser's helpers: compiling WebAssembly, reading files,
 * collecting garbage): where the tab's CPU goes, without a trace's own cost. */
function chromiumThreads() {
  const by = new Map();
  overChromium((pid) => {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        by.set(name, (by.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // The thread ended meanwhile.
      }
    }
    return 0;
  });
  return by;
}

/** The CPU each kind of thread used between two readings of `chromiumThreads`, largest first. */
function threadsBetween(before, after) {
  return [...after]
    .map(([name, s]) => [name, s - (before.get(name) ?? 0)])
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${s.toFixed(1)}`)
    .join(', ');
}

/** The browser's own cost of reading the folder's files as Folio reads them (sizes 32 to a
 * task, then groups of up to 64 files or 4 MB as one blob, one after another), in a page that
 * does nothing else: the part of the tab's time no page can save. */
async function readAlone(browser, url, { files }) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.setContent('<input type=file multiple>');
  await page.setInputFiles('input[type=file]', files);
  const cpu = chromiumCpu();
  const wall = await page.evaluate(async () => {
    const files = [...document.querySelector('input').files];
    const started = performance.now();
    const sizes = [];
    for (let i = 0; i < files.length; i += 32) {
      for (const f of files.slice(i, i + 32)) sizes.push(f.size);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    let read = 0;
    for (let i = 0; i < files.length; ) {
      let j = i;
      let bytes = 0;
      while (j < files.length && j - i < 64 && (j === i || bytes + sizes[j] <= 4 << 20)) bytes += sizes[j++];
      read += (await new Blob(files.slice(i, j)).arrayBuffer()).byteLength;
      i = j;
    }
    return performance.now() - started;
  });
  const used = chromiumCpu() - cpu;
  await page.close();
  return { wall, cpu: used };
}

/** Chooses the folder's files in a fresh page; returns what was measured. */
async function readFolder(browser, url, { files, bytes }) {
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
      const status = document.querySelector('.intake .status p')?.textContent ?? '';
      const read = /^Read (\d+) of (\d+) /.exec(status);
      if (window.__start && !window.__read && read && read[1] === read[2] && Number(read[2]) === window.__files) {
        window.__read = performance.now();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(url);
  // Measure reading, not the model's download: wait until the model is in.
  await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
    timeout: 60_000,
  });
  // A person chooses a folder a few seconds after the page is ready, not in the same
  // millisecond: the workers' rehearsal (`Session::rehearse`) runs then. FOLIO_PAGE_SETTLE
  // seconds, 3 unless told (0: the folder at once).
  await new Promise((r) => setTimeout(r, 1000 * Number(process.env.FOLIO_PAGE_SETTLE ?? 3)));
  // Chromium's memory, sampled four times a second while the folder is read: its peak.
  let peak = chromiumRss();
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 250);
  const cpu = chromiumCpu();
  const threads = chromiumThreads();
  await page.evaluate((n) => (window.__files = n), files.length);
  await page.setInputFiles('input[type=file]', files);
  // Done when the progress bar has gone (it shows while any file is unanswered).
  // With a pool, tagging goes on after the last file is read: done when no batch is out.
  await page.waitForFunction(
    () => document.querySelector('[data-testid=article]') && !document.querySelector('progress') && window.folioPool?.()[2] === 0,
    null,
    { timeout: 15 * 60_000, polling: 50 },
  );
  clearInterval(sampler);
  peak = Math.max(peak, chromiumRss());
  const used = chromiumCpu() - cpu;
  const byThread = threadsBetween(threads, chromiumThreads());
  const r = await page.evaluate(() => {
    const long = window.__long.filter((t) => t.start >= window.__start).map((t) => t.duration);
    return {
      first: window.__first - window.__start,
      total: performance.now() - window.__start,
      read: (window.__read ?? performance.now()) - window.__start,
      pool: window.folioPool?.() ?? [],
      long,
      heap: performance.memory?.usedJSHeapSize ?? 0,
      articles: document.querySelector('nav.articles h2')?.textContent,
    };
  });
  await page.close();
  return { ...r, files: files.length, bytes, peak, cpu: used, byThread };
}

const server = await serve(path.join(root, 'dist'));
const browser = await launch();
console.log('Folio in headless Chromium (release build), folders in files of about 1 MB:');
console.log('  size      files  articles            first article  all read   MB/s   long tasks >50/>200 ms (longest)  JS heap');
for (const mb of sizes) {
  const folder = makeFolder(mb);
  const workers = process.env.FOLIO_PAGE_WORKERS;
  const r = await readFolder(browser, workers ? `${server.url}?workers=${workers}` : server.url, folder);
  const longest = Math.max(0, ...r.long);
  console.log(
    `  ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB ${String(r.files).padStart(5)}  ${String(r.articles).padEnd(20)}` +
      ` ${(r.first / 1000).toFixed(2).padStart(8)} s  ${(r.total / 1000).toFixed(1).padStart(7)} s  ${(r.bytes / 1e6 / (r.total / 1000)).toFixed(2).padStart(5)}` +
      `   ${String(r.long.filter((d) => d > 50).length).padStart(3)} / ${r.long.filter((d) => d > 200).length} (${longest.toFixed(0)} ms)` +
      `              ${(r.heap / 1e6).toFixed(0)} MB` +
      `   ${(r.total / Number.parseInt(String(r.articles).replace(/[^0-9]/g, ''), 10)).toFixed(3)} ms/article` +
      `   Chromium peak ${(r.peak / 1e6).toFixed(0)} MB` +
      `   files read ${(r.read / 1000).toFixed(1)} s, ${r.pool[1] ?? 0} articles tagged by ${r.pool[0] ?? 0} tagging workers` +
      `   Chromium's CPU ${r.cpu.toFixed(1)} s (${(r.cpu / (r.total / 1000)).toFixed(2)} cores)`,
  );
  console.log(`           CPU seconds by thread: ${r.byThread}`);
  const alone = await readAlone(browser, server.url, folder);
  console.log(
    `           the browser alone reads these files in ${(alone.wall / 1000).toFixed(1)} s, using ${alone.cpu.toFixed(1)} s of CPU`,
  );
  // Only now: the browser alone reads the same files again.
  if (folder.dir) fs.rmSync(folder.dir, { recursive: true, force: true });
}
if (process.env.FOLIO_BENCH_ENTITIES === '0') {
  await browser.close();
  await server.close();
  process.exit(0);
}

// Entities: the same paragraphs through Folio's worker and through compromise.
const words = Number(process.env.FOLIO_BENCH_WORDS ?? 200_000);
const lines = sampleLines();
const paragraphs = [];
for (let i = 0, n = 0; n < words; i++) {
  paragraphs.push(lines[i % lines.length]);
  n += lines[i % lines.length].split(/\s+/).length;
}
const page = await browser.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.folioAnnotate && !document.querySelector('.entities')?.textContent.includes('Loading'));
await page.evaluate((p) => window.folioAnnotate(p.slice(0, 200)), paragraphs); // warm up
// compromise is injected as an inline script, which the page's policy would refuse.
const other = await browser.newPage({ bypassCSP: true });
await other.goto(server.url);
await other.addScriptTag({ path: path.join(root, 'node_modules/compromise/builds/compromise.js') });
const runCompromise = () =>
  other.evaluate((p) => {
    // eslint-disable-next-line no-undef
    const nlp = window.nlp;
    nlp(p[0]).people(); // warm up
    const t0 = performance.now();
    let entities = 0;
    for (const text of p) {
      const doc = nlp(text);
      entities += doc.people().length + doc.places().length + doc.organizations().length;
    }
    return { entities, millis: performance.now() - t0 };
  }, paragraphs);
// The two take turns, FOLIO_BENCH_RUNS each (default 5), and each side's best counts: one run
// of half a second is at the mercy of the machine's moment, and timing all of one side first
// would hand a slow minute to that side. The median of the turns' ratios is printed too.
const RUNS = Number(process.env.FOLIO_BENCH_RUNS ?? 5);
const fastest = (runs) => runs.reduce((a, b) => (b.millis < a.millis ? b : a));
const ours = [];
const theirs = [];
for (let r = 0; r < RUNS; r++) {
  ours.push(await page.evaluate((p) => window.folioAnnotate(p), paragraphs));
  theirs.push(await runCompromise());
}
const turnRatios = ours.map((o, i) => theirs[i].millis / o.millis).sort((a, b) => a - b);
await page.close();
await other.close();
await browser.close();
await server.close();
const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/compromise/package.json'))).version;
const [best, bestTheirs] = [fastest(ours), fastest(theirs)];
const rate = (r) => Math.round(words / (r.millis / 1000)).toLocaleString('en');
console.log(`\nEntities in the browser, ${words.toLocaleString('en')} words (${paragraphs.length} paragraphs of the samples), best of ${RUNS} taking turns:`);
console.log(`  Folio (the page's worker)  ${(best.millis / 1000).toFixed(2)} s  ${rate(best)} words/s  (${best.entities} entities, all ten labels)`);
console.log(`  compromise ${version}         ${(bestTheirs.millis / 1000).toFixed(2)} s  ${rate(bestTheirs)} words/s  (${bestTheirs.entities} people/places/organisations)`);
console.log(
  `  Folio is ${(bestTheirs.millis / best.millis).toFixed(1)}x faster on the best times; ` +
    `median of the turns ${turnRatios[turnRatios.length >> 1].toFixed(1)}x`,
);
