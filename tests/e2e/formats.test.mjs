// End to end: the forms dumps come in — a zip, one gzip a file, JSON lines, CSV — give the page
// the same articles as the loose files give `folio`; decompression bombs are refused by name
// while the other files load. The files are tests/data/formats/, made by tests/formats.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { openPage, dropFiles, releaseBuild, root } from './browser.mjs';

const env = releaseBuild();
const data = join(root, 'tests/data/formats');
const COUNT = 1000;

/** The `folio` command built by `cargo test` (or a release build). */
function folioCommand() {
  for (const p of ['target/release/folio', 'target/debug/folio']) {
    if (existsSync(join(root, p))) return join(root, p);
  }
  execFileSync('cargo', ['build', '--quiet', '--bin', 'folio'], { cwd: root, stdio: 'inherit' });
  return join(root, 'target/debug/folio');
}

/** The corpus as loose files (from its JSON lines: the headline, a blank line, the body). */
async function looseFiles() {
  const lines = (await readFile(join(data, 'corpus.jsonl'), 'utf8')).trim().split('\n');
  return lines.map((line, i) => {
    const r = JSON.parse(line);
    return { name: `${String(i).padStart(4, '0')}.txt`, bytes: Buffer.from(`${r.title}\n\n${r.text}\n`) };
  });
}

/** Articles without what says where they came from, nor entities (the model may still be tagging). */
function comparable(collection) {
  return collection.articles.map((a) => {
    const strip = (b) => b.text;
    return {
      title: strip(a.title),
      title_derived: a.title_derived,
      captions: a.captions.map(strip),
      paragraphs: a.paragraphs.map(strip),
      variants: a.variants.map((v) => v.paragraphs.map(strip)),
      removed: a.removed.map((r) => [r.text, r.reason, r.line]),
    };
  });
}

/** Drops `files`, waits until every one is read, and returns the page's JSON export. */
async function readInPage(files) {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('[data-testid=article]').first().waitFor({ timeout: 60_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 120_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON', exact: true }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(errors, []);
  await page.close();
  return exported;
}

test('a zip, one gzip a file, JSON lines and CSV give the page the articles the loose files give folio', async () => {
  const loose = await looseFiles();
  const dir = mkdtempSync(join(tmpdir(), 'folio-formats-'));
  for (const f of loose) writeFileSync(join(dir, f.name), f.bytes);
  const batch = JSON.parse(
    execFileSync(folioCommand(), ['--no-entities', ...loose.map((f) => f.name)], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  );
  assert.equal(batch.articles.length, COUNT);
  const want = comparable(batch);
  const forms = {
    zip: [{ name: 'corpus.zip', bytes: await readFile(join(data, 'corpus.zip')) }],
    'gzip a file': loose.map((f) => ({ name: `${f.name}.gz`, bytes: gzipSync(f.bytes) })),
    'JSON lines': [{ name: 'corpus.jsonl', bytes: await readFile(join(data, 'corpus.jsonl')) }],
    CSV: [{ name: 'corpus.csv', bytes: await readFile(join(data, 'corpus.csv')) }],
  };
  for (const [form, files] of Object.entries(forms)) {
    const exported = await readInPage(files);
    assert.equal(exported.articles.length, COUNT, form);
    assert.deepEqual(comparable(exported), want, `${form}: not the same articles`);
    assert.ok(exported.files.every((f) => f.error === null), form);
  }
});

test('a zip bomb and a gzip bomb are refused by name and the other files load', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropFiles(page, '[data-testid=dropzone]', [
    { name: 'bomb.zip', bytes: await readFile(join(data, 'bomb.zip')) },
    { name: 'news.txt', bytes: Buffer.from('A Title of the News\n\nSome body text of the news.\n') },
    { name: 'bomb.gz', bytes: await readFile(join(data, 'bomb.gz')) },
  ]);
  await page.locator('[data-testid=article]').first().waitFor({ timeout: 30_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 60_000 });
  const alerts = (await page.locator('[role=alert]').allInnerTexts()).join('\n');
  assert.match(alerts, /bomb\.zip: refused: .*200 times/);
  assert.match(alerts, /bomb\.gz: refused: .*200 times/);
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), ['A Title of the News']);
  assert.deepEqual(errors, []);
  await page.close();
});
