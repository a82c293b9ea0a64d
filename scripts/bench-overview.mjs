// The Overview in a real browser (the tests' release build in headless Chromium), on a folder
// of real news (FOLIO_OVERVIEW_NEWS, as scripts/real-news.py writes it; the first
// FOLIO_OVERVIEW_FILES files, default 10,000): the page is opened on the Overview
// (`#overview`), the files are chosen with its file picker, and it measures
//
// - how long after the last file is read the Overview draws its numbers, and how long after
//   the last article is tagged it draws them again with every name;
// - how long a click on a bar takes to narrow the list (a name, the first pair, the busiest
//   span of the timeline): from the click to the list's new count;
// - the page thread's tasks over 50 ms (PerformanceObserver) from the last file read to the
//   end, and during the clicks.
//
//   FOLIO_OVERVIEW_NEWS=/tmp/news100 node scripts/bench-overview.mjs
//   (FOLIO_OVERVIEW_WORKERS=N opens the page with ?workers=N; builds dist/ with the tests'
//   hooks if it is missing)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.FOLIO_OVERVIEW_NEWS;
if (!dir) throw new Error('set FOLIO_OVERVIEW_NEWS to a folder of real news (scripts/real-news.py)');
const count = Number(process.env.FOLIO_OVERVIEW_FILES ?? 10_000);
const workers = Number(process.env.FOLIO_OVERVIEW_WORKERS ?? 2);
if (!fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  execFileSync('trunk', ['build', '--release', '--offline', '--features', 'hooks'], { cwd: root, stdio: 'inherit' });
}
const files = fs
  .readdirSync(dir)
  .filter((n) => /\.(txt|jsonl)$/.test(n))
  .sort()
  .slice(0, count)
  .map((n) => path.join(dir, n));

const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__drawn = [];
  new MutationObserver(() => {
    const status = document.querySelector('.intake .status p')?.textContent ?? '';
    const read = /^Read (\d+) of (\d+) /.exec(status);
    if (!window.__read && read && read[1] === read[2] && Number(read[2]) === window.__files) {
      window.__read = performance.now();
    }
    // Each time the Overview draws other numbers: its names' counts, as a signature.
    const names = [...document.querySelectorAll('[data-testid^=names-] rect[data-count]')]
      .map((r) => r.getAttribute('data-count'))
      .join(',');
    const heading = document.querySelector('[data-testid=overview] h2')?.textContent ?? '';
    const sign = `${heading}|${names}`;
    if (heading && window.__drawn.at(-1)?.sign !== sign) window.__drawn.push({ at: performance.now(), sign });
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
});
await page.goto(`${server.url}?workers=${workers}#overview`);
await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
  timeout: 60_000,
});
await page.evaluate((n) => (window.__files = n), files.length);
await page.setInputFiles('input[type=file]', files);
// Read: the progress says so; tagged: nothing waits.
await page.waitForFunction(() => window.__read, null, { timeout: 15 * 60_000, polling: 50 });
await page.waitForFunction(() => window.folioPool?.()[2] === 0 && !document.querySelector('progress'), null, {
  timeout: 15 * 60_000,
  polling: 20,
});
const tagged = await page.evaluate(() => performance.now());
// The last drawing: once nothing changes for two seconds.
let last = 0;
for (;;) {
  await page.waitForTimeout(500);
  const n = await page.evaluate(() => window.__drawn.length);
  if (n === last) break;
  last = n;
}
await page.waitForTimeout(1500);
const { read, drawn, articles } = await page.evaluate(() => ({
  read: window.__read,
  drawn: window.__drawn,
  articles: document.querySelector('.articles h2').textContent,
}));
const first = drawn.find((d) => d.at >= read);
const final = drawn.at(-1);
const longAfterRead = await page.evaluate(
  (from) => window.__long.filter((t) => t.start >= from && t.duration > 50).map((t) => Math.round(t.duration)),
  read,
);

/** Clicks what `selector` finds (the first), and times until the list's heading changes. */
async function click(selector) {
  return page.evaluate(async (selector) => {
    const target = document.querySelector(selector);
    if (!target) return null;
    const heading = document.querySelector('.articles h2');
    // Narrowed when the list counts what the bar counts.
    const want = `(${target.getAttribute('data-count')} of`;
    const from = performance.now();
    const changed = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (heading.textContent.includes(want)) {
          watch.disconnect();
          resolve(performance.now());
        }
      });
      watch.observe(heading, { childList: true, subtree: true, characterData: true });
    });
    target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    target.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const at = await Promise.race([changed, new Promise((r) => setTimeout(() => r(null), 5000))]);
    const long = window.__long.filter((t) => t.start >= from && t.duration > 50).map((t) => Math.round(t.duration));
    return { ms: at && at - from, list: heading.textContent, long };
  }, selector);
}
const clicks = {};
clicks.name = await click('[data-testid^=names-] rect[data-name]');
await page.waitForTimeout(1500);
clicks.pair = await click('[data-testid=together] rect[data-name]');
await page.waitForTimeout(500);
const busiest = await page.evaluate(() => {
  const bars = [...document.querySelectorAll('[data-testid=timeline] rect[data-start]')];
  const best = bars.sort((a, b) => b.getAttribute('data-count') - a.getAttribute('data-count'))[0];
  return best?.getAttribute('data-start');
});
clicks.span = busiest ? await click(`[data-testid=timeline] rect[data-start="${busiest}"]`) : null;

const ms = (x) => (x == null ? 'n/a' : `${Math.round(x)} ms`);
console.log(`${files.length} files of ${dir}, ${workers} worker(s): ${articles}`);
console.log(`overview drawn after the last file was read: ${ms(first && first.at - read)}`);
console.log(`overview drawn again after the last article was tagged: ${ms(Math.max(0, final.at - tagged))} (tagging ended ${ms(tagged - read)} after the last file; the page learns it by polling every 20 ms)`);
console.log(`tasks over 50 ms on the page's thread from the last file read: ${longAfterRead.length} (${longAfterRead.join(', ')})`);
for (const [what, c] of Object.entries(clicks)) {
  console.log(`click on ${what}: list narrowed in ${ms(c?.ms)} (${c?.list}); tasks over 50 ms: ${c?.long.length ?? 'n/a'}`);
}
await browser.close();
await server.close();
