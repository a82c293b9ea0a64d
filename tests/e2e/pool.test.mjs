// End to end: a pool of workers (`?workers=N`) reads the same collection as one worker and as
// `folio`: the samples and over 2,000 files of real text (WikiGold's sentences, written as
// short articles that overlap their neighbours, with exact copies among them), dropped with
// 1, 2 and 4 workers, exported as JSON, compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { folioBinary, openPage, dropFiles, releaseBuild } from './browser.mjs';
import { sampleFiles, sentences } from './dated.mjs';

const env = releaseBuild();

/** The files: the sample dumps and the seed, then an article a WikiGold sentence (its title
 * the sentence's first words, its body that sentence and the two after: neighbours overlap),
 * and every fourth one again under another name. */
function collection() {
  const files = sampleFiles();
  const s = sentences();
  for (let i = 0; i + 2 < s.length; i++) {
    const title = s[i].split(' ').slice(0, 8).join(' ');
    const text = `${title}\n\n${s[i]}\n\n${s[i + 1]} ${s[i + 2]}\n`;
    files.push({ name: `wikigold-${String(i).padStart(4, '0')}.txt`, bytes: Buffer.from(text) });
    if (i % 4 === 3) files.push({ name: `copy-${String(i).padStart(4, '0')}.txt`, bytes: Buffer.from(text) });
  }
  return files;
}

/** Drops the files on a page with `workers` workers, waits until all are read, exports JSON. */
async function exportWith(files, workers) {
  const { page, errors } = await openPage(env.browser, `${env.server.url}?workers=${workers}`);
  // The model first, so that every article goes through the pool.
  await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
    timeout: 60_000,
  });
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('.files .status', { hasText: `${files.length} files in all` }).waitFor({ timeout: 180_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON' }).click(),
  ]);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  // The pool did some of the tagging (one worker has no pool), and nothing waits.
  const [taggers, pooled, waiting] = await page.evaluate(() => window.folioPool());
  assert.equal(taggers, workers - 1);
  assert.equal(waiting, 0, `workers=${workers}: articles still waiting`);
  if (workers > 1) assert.ok(pooled > 0, `workers=${workers}: the pool tagged nothing`);
  assert.deepEqual(errors, [], `workers=${workers}`);
  await page.close();
  return json;
}

/** What `folio` makes of the files. */
function folioBatch(files) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-pool-'));
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  const folio = folioBinary();
  const batch = JSON.parse(
    execFileSync(folio, files.map((f) => f.name), { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }),
  );
  rmSync(dir, { recursive: true, force: true });
  return batch;
}

function assertSame(exported, batch, what) {
  assert.equal(exported.articles.length, batch.articles.length, `${what}: articles`);
  assert.deepEqual(exported.articles, batch.articles, `${what}: articles`);
  assert.deepEqual(exported.entities, batch.entities, `${what}: entities`);
  assert.deepEqual(exported.stats, batch.stats, `${what}: stats`);
  assert.deepEqual(exported.files, batch.files, `${what}: files`);
}

const files = collection();
let batch = null;

test('one, two and four workers read the same collection, and folio reads it too', async () => {
  assert.ok(files.length >= 2000, `${files.length} files`);
  batch ??= folioBatch(files);
  assert.ok(batch.articles.some((a) => a.sources.length > 1), 'copies merged');
  assert.ok(batch.entities.length > 1000, 'names found');
  for (const workers of [1, 2, 4]) {
    assertSame(await exportWith(files, workers), batch, `workers=${workers}`);
  }
});

test('a tagging worker that dies is replaced, its batches tagged again, and nothing is lost', async () => {
  batch ??= folioBatch(files);
  const { page, errors } = await openPage(env.browser, `${env.server.url}?workers=2`);
  await page.waitForFunction(() => !document.querySelector('.entities')?.textContent.includes('Loading'), null, {
    timeout: 60_000,
  });
  await dropFiles(page, '[data-testid=dropzone]', files);
  // Once the tagger has answered, it dies with batches out (the reader keeps them).
  await page.waitForFunction(() => window.folioPool()[1] > 0, null, { timeout: 120_000, polling: 10 });
  await page.evaluate(() => window.folioPanicForTest('tagger'));
  const before = await page.evaluate(() => window.folioPool()[1]);
  await page.locator('.files .status', { hasText: `${files.length} files in all` }).waitFor({ timeout: 180_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
  const [taggers, pooled, waiting] = await page.evaluate(() => window.folioPool());
  assert.equal(taggers, 1);
  assert.equal(waiting, 0);
  assert.ok(pooled > before, `the new tagger tagged nothing (${before} before the panic, ${pooled} after)`);
  // No alert: the collection was kept, and no file is named as failed.
  assert.equal(await page.locator('[role=alert]').count(), 0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON' }).click(),
  ]);
  assertSame(JSON.parse(readFileSync(await download.path(), 'utf8')), batch, 'after a tagger panic');
  // The tagger's own report of its panic is the only error expected on the console.
  assert.deepEqual(errors.filter((e) => !/panic|unreachable|RuntimeError/i.test(e)), []);
  await page.close();
});
