// End to end: the Overview draws what `folio --format overview` prints for the same files (the
// samples and 2,400 dated articles over two years, dated by all four sources in mixed forms),
// and each bar narrows the list to exactly the articles its count counts; a context line opens
// its article with the mention marked and in view; the URL keeps the view and the span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { folioBinary, openPage, dropFiles, releaseBuild, root } from './browser.mjs';
import { datedFiles, sampleFiles } from './dated.mjs';

const env = releaseBuild();

function collection() {
  return sampleFiles().concat(datedFiles(2400));
}

/** What `folio --format overview` prints for the files. */
function folioOverview(files, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-overview-'));
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  const folio = folioBinary();
  const out = JSON.parse(
    execFileSync(folio, ['--format', 'overview', ...args, ...files.map((f) => f.name)], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/** The bars the page draws. */
async function drawn(page) {
  return page.evaluate(() => {
    const bars = (sel, attrs) =>
      [...document.querySelectorAll(sel)].map((e) => attrs.map((a) => e.getAttribute(`data-${a}`)));
    return {
      timeline: bars('[data-testid=timeline] rect[data-start]', ['start', 'end', 'count']),
      names: bars('[data-testid^=names-] rect[data-name]', ['name', 'label', 'count']),
      pairs: bars('[data-testid=together] rect[data-name]', ['name', 'count']),
    };
  });
}

/** The list's count, from its heading (`Articles (12 of 2411)`). */
async function listed(page) {
  const heading = await page.locator('.articles h2').textContent();
  return Number(heading.match(/\((\d+)/)[1]);
}

test('the overview draws what folio prints, and every bar narrows the list to its count', async () => {
  const files = collection();
  const want = folioOverview(files);
  assert.ok(want.articles >= 2000, `${want.articles} articles`);
  const years = new Set(want.timeline.bins.filter((b) => b.count > 0).map((b) => b.start.slice(0, 4)));
  assert.ok(years.has('2019') && years.has('2020'), [...years].join(' '));
  const expected = {
    timeline: want.timeline.bins.map((b) => [b.start, b.end, String(b.count)]),
    names: want.names.map((n) => [n.name, n.label, String(n.articles)]),
    pairs: want.together.pairs.map((p) => [p.name, String(p.count)]),
  };

  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
    timeout: 60_000,
  });
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('.files .status', { hasText: `${files.length} files in all` }).waitFor({ timeout: 180_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
  await page.keyboard.press('o');
  await page.locator('[data-testid=overview] [data-testid=timeline] svg[role=img]').waitFor({ timeout: 30_000 });
  assert.match(await page.evaluate(() => location.hash), /^#overview/);
  // Every chart is a picture with a name.
  for (const svg of await page.locator('[data-testid=overview] svg[role=img]').all()) {
    assert.ok((await svg.getAttribute('aria-label'))?.length > 0);
  }
  // Once every article is tagged, the page draws exactly the command's numbers.
  let got;
  for (let i = 0; i < 300; i++) {
    got = await drawn(page);
    if (JSON.stringify(got) === JSON.stringify(expected)) break;
    await page.waitForTimeout(200);
  }
  assert.deepEqual(got.timeline, expected.timeline, 'timeline');
  assert.deepEqual(got.names, expected.names, 'names');
  assert.deepEqual(got.pairs, expected.pairs, 'pairs');

  // A span of the timeline: the busiest bar, clicked.
  const busiest = want.timeline.bins.reduce((a, b) => (b.count > a.count ? b : a));
  await page.locator(`[data-testid=timeline] rect[data-start="${busiest.start}"]`).click({ force: true });
  await page.waitForFunction((n) => document.querySelector('.articles h2').textContent.includes(`(${n} of`), busiest.count);
  assert.equal(await listed(page), busiest.count);
  assert.equal(await page.evaluate(() => location.hash), `#overview;${busiest.start};${busiest.end}`);

  // From the keyboard: the whole span of the timeline, chosen in its two lists.
  const dated = want.timeline.bins.reduce((n, b) => n + b.count, 0);
  const picker = page.locator('[data-testid=timeline] .span-picker');
  await picker.locator('select').first().selectOption('0');
  await picker.locator('select').last().selectOption(String(want.timeline.bins.length - 1));
  await picker.getByRole('button', { name: 'Narrow' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('.articles h2').textContent.includes(`(${n} of`), dated);
  assert.equal(await listed(page), dated);

  // A name: the list narrows to the articles naming it.
  const name = want.names.find((n) => n.label === 'ORG') ?? want.names[0];
  await page.locator(`[data-testid^=names-] rect[data-key="${name.key}"]`).click({ force: true });
  await page.waitForFunction((n) => document.querySelector('.articles h2').textContent.includes(`(${n} of`), name.articles);
  assert.equal(await listed(page), name.articles);

  // A pair: the articles naming both (the chosen name is now the one clicked).
  await page.locator('[data-testid=together] h3', { hasText: name.name }).waitFor();
  const theirs = folioOverview(files, ['--name', name.key]).together.pairs;
  assert.deepEqual((await drawn(page)).pairs, theirs.map((p) => [p.name, String(p.count)]), 'pairs of the chosen');
  const pair = page.locator('[data-testid=together] rect[data-name]').first();
  const count = theirs[0].count;
  await pair.click({ force: true });
  await page.waitForFunction((n) => document.querySelector('.articles h2').textContent.includes(`(${n} of`), count);
  assert.equal(await listed(page), count);

  // A context line opens its article with the mention marked, in view.
  const line = page.locator('[data-testid=context]').first();
  const word = await line.locator('.word').textContent();
  await line.click();
  const mark = page.locator('[data-testid=reader] [data-testid=context-mark]');
  await mark.waitFor();
  assert.equal(await mark.textContent(), word);
  assert.ok(await mark.isVisible());
  const box = await mark.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `the mention is in view: ${JSON.stringify(box)}`);

  // Exports: the timeline's numbers as CSV, and the whole overview as one self-contained page.
  await page.keyboard.press('o');
  await page.locator('[data-testid=overview]').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-table=timeline]').click()]);
  const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
  assert.deepEqual(rows, expected.timeline);
  const [html] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Overview as HTML' }).click(),
  ]);
  const saved = readFileSync(await html.path(), 'utf8');
  assert.ok(saved.startsWith('<!DOCTYPE html>') && saved.includes('<svg') && saved.includes("default-src 'none'"));
  assert.ok(!/<script/i.test(saved), 'nothing runs in the saved page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with 3,000 files dropped, the list and the reader are in view, side by side, and the 500th article opens in view', async () => {
  const files = datedFiles(3000);
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.setViewportSize({ width: 1400, height: 900 });
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('.files .status', { hasText: `${files.length} files in all` }).waitFor({ timeout: 180_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
  const box = (sel) =>
    page.evaluate((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r && { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    }, sel);
  const inView = (b) => b && b.top >= 0 && b.bottom <= 900 && b.left >= 0 && b.right <= 1400;
  const first = await box('[data-testid=article]');
  const reader = await box('[data-testid=reader] h2');
  assert.ok(inView(first), `first article: ${JSON.stringify(first)}`);
  assert.ok(inView(reader), `reader: ${JSON.stringify(reader)}`);
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0);
  await page.screenshot({ path: join(root, 'docs', 'screenshots', 'thousands.png') });
  // The 500th article of the list, scrolled to in the list and opened.
  await page.evaluate(() => {
    const list = document.querySelector('.list-scroller');
    list.scrollTop = 499 * 88 - 200;
  });
  const row = page.locator('[data-testid=article]').filter({ hasText: /^Story 499:/ });
  await row.waitFor();
  const title = await row.locator('.title').innerText();
  await row.locator('button').click();
  await page.locator('[data-testid=reader] h2', { hasText: title }).waitFor();
  assert.ok(inView(await box('[data-testid=reader] h2')), 'the opened title is in view');
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0, 'the page itself never scrolled');
  // Keys step on, and the list follows the open article.
  for (let i = 0; i < 20; i++) await page.keyboard.press('j');
  assert.ok(inView(await box('[data-testid=article][aria-current=true]')), 'the open row stays in view');
  assert.deepEqual(errors, []);
  await page.close();
});
