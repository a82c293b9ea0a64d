// End to end: reading, searching, filtering, auditing and exporting in the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { openPage, dropFiles, keptFiles, releaseBuild, root } from './browser.mjs';

// The seed sample and the repository's generated dumps (tests/data/dumps): a clone has both.
const samples = join(root, 'assets');
const SEED = 'seed-sample.txt';
const TITLES = [
  'Leaders of Iraqi Pro-Iran Factions Head to Syria, Lebanon in Wake of Escalation in Gaza',
  'Mikati: Lebanon in State of War, Resistance, Government Doing Their Duty',
];
const env = releaseBuild();

/** The `folio` command built by `cargo test` (or a release build), for the batch output. */
function folioCommand() {
  for (const p of ['target/debug/folio', 'target/release/folio']) {
    if (existsSync(join(root, p))) return join(root, p);
  }
  execFileSync('cargo', ['build', '--quiet', '--bin', 'folio'], { cwd: root, stdio: 'inherit' });
  return join(root, 'target/debug/folio');
}

async function dropSeed(page) {
  const bytes = await readFile(join(samples, SEED));
  await dropFiles(page, '[data-testid=dropzone]', [{ name: SEED, bytes }]);
  await page.locator('[data-testid=article]').nth(1).waitFor();
}

test('the seed reads as two articles, with highlights that toggle, search, an entity filter and a JSON export equal to the batch output', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropSeed(page);
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), TITLES);

  const reader = page.locator('[data-testid=reader]');
  await reader.locator('mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  for (const label of ['PER', 'ORG', 'LOC']) {
    assert.ok((await reader.locator(`mark[data-label=${label}]`).count()) > 0, `no ${label} marks`);
  }

  // A label's toggle hides its marks, and shows them again.
  const per = page.locator('[data-testid=legend][data-label=PER]');
  await per.click();
  assert.equal(await per.getAttribute('aria-pressed'), 'false');
  assert.equal(await reader.locator('mark[data-label=PER]').count(), 0);
  assert.ok((await reader.locator('mark[data-label=LOC]').count()) > 0, 'other labels stay');
  await per.click();
  assert.ok((await reader.locator('mark[data-label=PER]').count()) > 0);

  // Search narrows the list.
  await page.locator('#search').fill('tyre');
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), [TITLES[1]]);
  await page.locator('#search').fill('');
  assert.equal(await page.locator('[data-testid=article]').count(), 2);

  // A click in the entity panel filters the list to the articles naming it, and marks it.
  await page.locator('[data-testid=entity] button', { hasText: 'Najib Mikati' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article]').length === 1);
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), [TITLES[1]]);
  assert.ok((await reader.locator('mark.selected').count()) >= 2, 'the mentions are marked');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=article]').count(), 2);

  // Export: the JSON is the batch interface's, entity for entity.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const batch = JSON.parse(execFileSync(folioCommand(), [SEED], { cwd: samples, encoding: 'utf8' }));
  assert.deepEqual(exported.articles, batch.articles);
  assert.deepEqual(exported.entities, batch.entities);
  assert.deepEqual(exported.files, batch.files);
  assert.deepEqual(exported.stats, batch.stats);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing in the search box renders the list again but not the open article', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropSeed(page);
  const reader = page.locator('[data-testid=reader]');
  await reader.locator('mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  // Wait until the page is at rest: highlights in, the entity index sent.
  let renders = await page.evaluate(() => window.folioRenders());
  for (let settled = 0; settled < 5; ) {
    await page.waitForTimeout(100);
    const now = await page.evaluate(() => window.folioRenders());
    settled = now === renders ? settled + 1 : 0;
    renders = now;
  }
  assert.ok(renders > 0, 'the reader rendered its blocks');
  // A word both articles have: the list is filtered (to both), the reader keeps its article.
  await page.locator('#search').pressSequentially('Lebanon', { delay: 20 });
  await page.waitForTimeout(200);
  assert.equal(await page.locator('[data-testid=article]').count(), 2);
  assert.equal(await page.evaluate(() => window.folioRenders()), renders, 'typing rendered the article again');
  // The counter does count: opening the other article renders its blocks.
  await page.locator('[data-testid=article] button').nth(1).click();
  await page.waitForTimeout(200);
  assert.ok((await page.evaluate(() => window.folioRenders())) > renders, 'opening an article renders it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the six sample dumps list every article of gold.json once, the near-duplicate as a variant, and the audit shows what was removed', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  const dir = join(root, 'tests', 'data', 'dumps');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('[data-testid=file]').nth(names.length - 1).waitFor();
  const gold = JSON.parse(await readFile(join(dir, 'gold.json'), 'utf8'));
  const titles = await page.locator('[data-testid=article] .title').allInnerTexts();
  assert.equal(titles.length, gold.articles.length);
  assert.deepEqual([...titles].sort(), gold.articles.map((a) => a.title).sort());

  // The article with a variant says so; its audit shows the copy beside it.
  const withVariant = page.locator('[data-testid=article]', { hasText: 'variant' });
  assert.equal(await withVariant.count(), 1);
  await withVariant.locator('button').click();
  await page.getByRole('button', { name: 'Audit' }).click();
  await page.locator('[data-testid=variant]').waitFor();
  // Removed lines, with their reasons, in the audit of an article that had repeats.
  const repeated = page.locator('[data-testid=article]', { hasNotText: ' 0 removed' }).first();
  await repeated.locator('button').click();
  await page.locator('[data-testid=removed]').first().waitFor();
  assert.match(await page.locator('[data-testid=audit]').innerText(), /repeated|duplicate|separator/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the keyboard moves between articles, opens the help and focuses the search; the URL keeps the open article', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropSeed(page);
  const reader = page.locator('[data-testid=reader] h2');
  await page.keyboard.press('j');
  assert.equal(await reader.innerText(), TITLES[1]);
  assert.match(page.url(), /#article-2$/);
  await page.keyboard.press('k');
  assert.equal(await reader.innerText(), TITLES[0]);
  await page.keyboard.press('?');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a reload restores the collection, and forgetting it empties the page for good', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropSeed(page);
  await page.keyboard.press('j');
  // The page keeps files a moment after reading them (a transaction for many at once).
  await page.waitForFunction(keptFiles, 1);
  await page.reload();
  await page.waitForSelector('[data-testid=dropzone]');
  await page.locator('[data-testid=article]').nth(1).waitFor();
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), TITLES);
  // The URL kept the open article.
  assert.equal(await page.locator('[data-testid=reader] h2').innerText(), TITLES[1]);
  await page.getByRole('button', { name: /Forget these files/ }).click();
  assert.equal(await page.locator('[data-testid=article]').count(), 0);
  // Reload only once the kept files are gone: a reload aborts a transaction still running.
  await page.waitForFunction(keptFiles, 0);
  await page.reload();
  await page.waitForSelector('[data-testid=dropzone]');
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('[data-testid=article]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasted text is read as a file of its own', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  const text = 'A Pasted Headline About Tyre\n\nNajib Mikati visited Tyre on Saturday.\n';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await page.locator('[data-testid=article]').first().waitFor();
  assert.equal(await page.locator('[data-testid=article] .title').innerText(), 'A Pasted Headline About Tyre');
  assert.match(await page.locator('[data-testid=file]').innerText(), /pasted text 1\.txt/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a hostile file stays text: nothing in its title, caption, body or name runs', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => {
    window.__ran = [];
  });
  const attack = (where) =>
    `<img src=x onerror="window.__ran.push('${where}')"><script>window.__ran.push('${where}')</script><a href="javascript:window.__ran.push('${where}')">x</a>`;
  const text = [
    `Breaking ${attack('title')} News Today`,
    '',
    `A photo ${attack('caption')}. (Reuters)`,
    '',
    `The body ${attack('body')} says Najib Mikati visited Tyre.`,
    '',
    'A second paragraph of the body, long enough to be one.',
    '',
  ].join('\n');
  const name = `<img src=x onerror="window.__ran.push('name')">.txt`;
  await dropFiles(page, '[data-testid=dropzone]', [{ name, bytes: Buffer.from(text) }]);
  await page.locator('[data-testid=article]').first().waitFor();
  await page.locator('[data-testid=reader] h2').waitFor();
  // Everything shows as the characters it is.
  assert.match(await page.locator('[data-testid=reader]').innerText(), /<script>window\.__ran\.push\('body'\)<\/script>/);
  assert.match(await page.locator('[data-testid=article] .title').innerText(), /<img src=x onerror=/);
  assert.match(await page.locator('[data-testid=file]').innerText(), /<img src=x onerror=/);
  for (const tag of ['img', 'script', 'a[href^="javascript"]']) {
    assert.equal(await page.locator(`main ${tag}`).count(), 0, `a ${tag} element was made from the file`);
  }
  // The links and handlers would have run by now; clicking around gives them every chance.
  await page.getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__ran), []);
  // The HTML export escapes it too.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'HTML page' }).click(),
  ]);
  const html = await readFile(await download.path(), 'utf8');
  assert.ok(!html.includes('<script>window'), 'the export holds a live script');
  assert.ok(html.includes('&lt;script&gt;window'), 'the export shows the script as text');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile and mistaken files each get a message naming them, and the page keeps working', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  let x = 0x2545f491;
  const random = Buffer.alloc(1 << 16, 0).map(() => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
  const files = [
    { name: 'random.bin', mimeType: 'application/octet-stream', buffer: random },
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1') },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    { name: 'bad-utf8.txt', mimeType: 'text/plain', buffer: Buffer.from('A Title Here\n\nCaf\xe9 au lait \xff\xfe and more text.\n', 'latin1') },
    { name: 'one-line.txt', mimeType: 'text/plain', buffer: Buffer.from('word '.repeat(4 << 20)) },
    { name: 'tiny-lines.txt', mimeType: 'text/plain', buffer: Buffer.from('x\n'.repeat(200_000)) },
    // Mixed encodings in the same drop: UTF-16 with its byte order mark, and Windows-1252.
    {
      name: 'utf16.txt',
      mimeType: 'text/plain',
      buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zürich Talks Resume\n\nDelegates met in Zürich on Monday.\n', 'utf16le')]),
    },
    { name: 'cp1252.txt', mimeType: 'text/plain', buffer: Buffer.from('S\xe3o Paulo Mayor Re-elected\n\nThe mayor of S\xe3o Paulo won \x93again\x94.\n', 'latin1') },
  ];
  await page.setInputFiles('input[type=file]', files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=file], [role=alert]').length >= n, files.length, {
    timeout: 120_000,
  });
  const alerts = (await page.locator('[role=alert]').allInnerTexts()).join('\n');
  for (const name of ['random.bin', 'empty.txt', 'archive.zip', 'photo.png']) {
    assert.match(alerts, new RegExp(name.replace('.', '\\.')), `no message for ${name}: ${alerts}`);
  }
  const read = (await page.locator('[data-testid=file]').allInnerTexts()).join('\n');
  for (const name of ['bad-utf8.txt', 'one-line.txt', 'tiny-lines.txt', 'utf16.txt', 'cp1252.txt']) {
    assert.match(read, new RegExp(name.replace('.', '\\.')));
  }
  // Each decoded as what it is.
  const titles = await page.locator('[data-testid=article] .title').allInnerTexts();
  assert.ok(titles.includes('Zürich Talks Resume'), JSON.stringify(titles));
  assert.ok(titles.includes('São Paulo Mayor Re-elected'), JSON.stringify(titles));
  // Still working: the sample loads after all that.
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('[data-testid=article] .title', { hasText: 'Mikati: Lebanon in State of War' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a panic in the core is reported, its worker restarts and the files come back', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropSeed(page);
  await page.waitForFunction(() => window.folioPanicForTest);
  await page.evaluate(() => window.folioPanicForTest());
  await page.locator('[role=alert]', { hasText: "Folio's core stopped" }).waitFor();
  // The kept files are read again by the new worker, with their highlights.
  await page.locator('[data-testid=article]').nth(1).waitFor();
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), TITLES);
  await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  // And it keeps working.
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file]').length >= 2);
  // The worker's own report of the panic is the only error expected on the console.
  assert.deepEqual(errors.filter((e) => !/panic|unreachable|RuntimeError/i.test(e)), []);
  await page.close();
});

test('the entity panel lists each person once, their surnames credited through the article that names them in full', async () => {
  // Four articles, each naming its people in full once and by surname after; two Blairs.
  const files = [
    ['a.txt', 'Blair wins the vote\n\nTony Blair said on Monday that the vote had been won. Blair thanked his party in London.\n\nLater Blair met reporters.\n'],
    ['b.txt', 'Cherie Blair speaks out\n\nCherie Blair spoke in London on Tuesday. Blair said she was proud of the work.\n'],
    ['c.txt', 'Howard attacks the government\n\nMichael Howard, the Conservative leader, spoke in Leeds. Howard said the government had failed, and Howard promised change.\n'],
    ['d.txt', 'Brown sets out the budget\n\nGordon Brown set out his budget on Wednesday. Brown said growth would be strong. Tony Blair backed Brown.\n'],
  ].map(([name, text]) => ({ name, bytes: Buffer.from(text) }));
  const { page, errors } = await openPage(env.browser, env.server.url);
  await dropFiles(page, '[data-testid=dropzone]', files);
  await page.locator('[data-testid=entity] button', { hasText: 'Michael Howard' }).waitFor({ timeout: 15000 });
  const names = (await page.locator('[data-testid=entity] button span[dir=auto]').allInnerTexts()).map((t) => t.trim());
  for (const person of ['Tony Blair', 'Cherie Blair', 'Michael Howard', 'Gordon Brown']) {
    assert.equal(names.filter((n) => n === person).length, 1, `${person} once: ${JSON.stringify(names)}`);
  }
  for (const surname of ['Blair', 'Howard', 'Brown']) {
    assert.ok(!names.includes(surname), `${surname} is no entry of its own: ${JSON.stringify(names)}`);
  }
  // A click on the person marks every mention of them, the surname alone included.
  await page.locator('[data-testid=entity] button', { hasText: 'Michael Howard' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=article]').length === 1);
  const reader = page.locator('[data-testid=reader]');
  assert.deepEqual(await reader.locator('mark.selected').allInnerTexts(), ['Howard', 'Michael Howard', 'Howard', 'Howard']);
  assert.deepEqual(errors, []);
  await page.close();
});
