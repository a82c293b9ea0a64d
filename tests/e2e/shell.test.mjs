// End to end: the release build in headless Chromium, driven as a person would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { openPage, dropFiles, releaseBuild, root } from './browser.mjs';

const SEED = 'seed-sample.txt';
const env = releaseBuild();

test('dropping the seed file shows its name, size and line count, with no console errors', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  const bytes = await readFile(join(root, 'assets', SEED));
  await dropFiles(page, '[data-testid=dropzone]', [{ name: SEED, bytes }]);
  const row = page.locator('[data-testid=file]');
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, new RegExp(SEED.replace('.', '\\.')));
  assert.match(text, /67 lines/);
  assert.match(text, /5\.6 KB/);
  assert.equal(await page.locator('[data-testid=article]').count(), 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file that is not text gets a message naming it, and the other files still load', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  await dropFiles(page, '[data-testid=dropzone]', [
    { name: 'photo.png', bytes: png },
    { name: 'notes.txt', bytes: Buffer.from('A Title Here\n\nSome body text.\n') },
  ]);
  await page.locator('[role=alert]').waitFor();
  assert.match(await page.locator('[role=alert]').innerText(), /photo\.png: this is a PNG image, not a text file/);
  await page.locator('[data-testid=file]').waitFor();
  assert.match(await page.locator('[data-testid=file]').innerText(), /notes\.txt/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sample button loads the seed without a file', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('[data-testid=article]').first().waitFor();
  const titles = await page.locator('[data-testid=article] .title').allInnerTexts();
  assert.deepEqual(titles, [
    'Leaders of Iraqi Pro-Iran Factions Head to Syria, Lebanon in Wake of Escalation in Gaza',
    'Mikati: Lebanon in State of War, Resistance, Government Doing Their Duty',
  ]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('articles show at once and highlights follow when the entity model arrives', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const reader = page.locator('[data-testid=reader]');
  await reader.locator('h2').waitFor();
  // The model downloads after the first paint; marks come when it is read.
  await reader.locator('mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  const marks = await reader.locator('mark').evaluateAll((ms) => ms.map((m) => [m.textContent, m.dataset.label]));
  for (const want of [['Syria', 'LOC'], ['Nouri al-Maliki', 'PER'], ['Quds Force', 'ORG'], ['Iraqi', 'MISC']]) {
    assert.ok(marks.some(([t, l]) => t === want[0] && l === want[1]), `${want} not in ${JSON.stringify(marks)}`);
  }
  assert.ok(!marks.some(([t]) => t === 'Wake'), 'the title case headline made a name of "Wake"');
  // The second article opens from the list; the entity panel lists Najib Mikati once.
  await page.locator('[data-testid=article] button').nth(1).click();
  await reader.getByText('Caretaker Prime Minister Najib Mikati said').waitFor();
  const entities = await page.locator('[data-testid=entity]').allInnerTexts();
  assert.equal(entities.filter((e) => e.startsWith('Najib Mikati')).length, 1, JSON.stringify(entities));
  assert.deepEqual(errors, []);
  await page.close();
});
