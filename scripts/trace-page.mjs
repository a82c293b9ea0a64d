// Where the tab's time goes while it reads a folder: a Chrome trace of the release build
// (dist/, built with --features hooks) reading the first FOLIO_PAGE_MB MB of FOLIO_PAGE_NEWS
// with ?workers=FOLIO_PAGE_WORKERS, summed per thread (busy time of top-level tasks) and, on
// the page's thread, per kind of work (script, style and layout, paint, garbage collection).
//
//   FOLIO_PAGE_NEWS=/tmp/news100 FOLIO_PAGE_MB=10 FOLIO_PAGE_WORKERS=2 node scripts/trace-page.mjs [out.json]
//
// FOLIO_TRACE_WARM=N reads the folder's last N files first, untraced (the code then already
// optimised: what is left is what every folder costs); FOLIO_PAGE_SETTLE as in bench-browser.
// The trace records WebAssembly's compiling (`wasm.TopTierCompilation` on the renderer's
// helper threads): how this found the compiling that `Session::rehearse` moves out of a read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { newsFiles } from './lib/news.mjs';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mb = Number(process.env.FOLIO_PAGE_MB ?? 10);
const dir = process.env.FOLIO_PAGE_NEWS;
const workers = process.env.FOLIO_PAGE_WORKERS ?? '2';
const out = process.argv[2] ?? path.join(process.env.TMPDIR ?? '/tmp', 'folio-trace.json');

const { files, bytes } = newsFiles(dir, mb);

const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}?workers=${workers}`);
await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
  timeout: 60_000,
});
if (process.env.FOLIO_TRACE_WARM) {
  // Experiment: a first folder (the last files of the news folder) read before the traced one.
  const all = fs.readdirSync(dir).filter((n) => /\.(txt|jsonl)$/.test(n)).sort();
  const warm = all.slice(-Number(process.env.FOLIO_TRACE_WARM)).map((n) => path.join(dir, n));
  await page.setInputFiles('input[type=file]', warm);
  await page.waitForFunction(
    () => document.querySelector('[data-testid=article]') && !document.querySelector('progress') && window.folioPool?.()[2] === 0,
    null,
    { timeout: 15 * 60_000, polling: 50 },
  );
  await new Promise((r) => setTimeout(r, 5000));
}
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await browser.startTracing(page, {
  path: out,
  categories: [
    'toplevel',
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'v8',
    'v8.execute',
    'blink',
    'disabled-by-default-v8.gc',
    '__metadata',
    'v8.wasm',
    'disabled-by-default-v8.wasm.detailed',
    'disabled-by-default-v8.compile',
    'Blob',
    'disabled-by-default-file',
  ],
});
// A person chooses a folder a few seconds after the page is ready, not in the same
// millisecond: the workers' rehearsal (`Session::rehearse`) runs then. FOLIO_PAGE_SETTLE
// seconds, 3 unless told (0: the folder at once).
await new Promise((r) => setTimeout(r, 1000 * Number(process.env.FOLIO_PAGE_SETTLE ?? 3)));
const started = Date.now();
await page.setInputFiles('input[type=file]', files);
await page.waitForFunction(
  () => document.querySelector('[data-testid=article]') && !document.querySelector('progress') && window.folioPool?.()[2] === 0,
  null,
  { timeout: 15 * 60_000, polling: 50 },
);
const wall = (Date.now() - started) / 1000;
await browser.stopTracing();
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
await server.close();

const { traceEvents } = JSON.parse(fs.readFileSync(out, 'utf8'));
const names = new Map();
for (const e of traceEvents) {
  if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  if (e.ph === 'M' && e.name === 'process_name') names.set(`${e.pid}`, e.args.name);
}
// Busy time per thread: top-level tasks only (nested complete events are inside them).
const busy = new Map();
const kinds = new Map();
const top = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask', 'TaskQueueManager::ProcessTaskFromWorkQueue']);
for (const e of traceEvents) {
  if (e.ph !== 'X' || !e.dur) continue;
  const key = `${e.pid}:${e.tid}`;
  const thread = `${names.get(`${e.pid}`) ?? e.pid} / ${names.get(key) ?? e.tid}`;
  if (top.has(e.name)) busy.set(thread, (busy.get(thread) ?? 0) + e.dur / 1000);
  if (names.get(key) === 'CrRendererMain' || /Worker/.test(names.get(key) ?? '')) {
    const k = `${names.get(key)} ${e.name}`;
    kinds.set(k, (kinds.get(k) ?? 0) + e.dur / 1000);
  }
}
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${workers} workers: ${wall.toFixed(1)} s`);
console.log('busy per thread (ms, top-level tasks):');
for (const [t, ms] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${ms.toFixed(0).padStart(7)}  ${t}`);
console.log('the page\'s and the workers\' threads, by event (ms, nested events counted in each):');
for (const [k, ms] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${ms.toFixed(0).padStart(7)}  ${k}`);

// The page thread's JavaScript and WebAssembly by function (self time from V8's sampler).
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}
for (const [id, ms] of dt) {
  const f = byId.get(id).callFrame;
  const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + ms);
}
console.log("the page thread's functions by self time (ms):");
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
