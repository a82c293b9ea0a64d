// End to end: the page's limits — a folder of ten thousand small files, with a few that are not
// text among them, and a file of a gigabyte.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, keptFiles, releaseBuild } from './browser.mjs';

const env = releaseBuild();
const COUNT = 10_000;

/** Waits until the page says every file is read, and returns what it says. */
async function allRead(page) {
  const status = page.locator('.files .status');
  await status.filter({ hasText: `${COUNT} files in all` }).waitFor({ timeout: 180_000 });
  await page.locator('progress').waitFor({ state: 'detached', timeout: 180_000 });
  return status.innerText();
}

test('ten thousand small files all read, the ones that are not text named, and the page keeps working', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  // Made in the page: ten thousand files through the test's connection would take longer
  // than reading them. Each is a short report of its own; a NUL-laden "zip", an empty file
  // and an image sit among them.
  await page.evaluate((count) => {
    const words = ['minister', 'council', 'harbour', 'reported', 'said', 'village', 'market', 'storm', 'election', 'river'];
    const dt = new DataTransfer();
    const bad = {
      2500: new File([new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0])], 'archive.zip'),
      5000: new File([], 'empty.txt'),
      7500: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13])], 'photo.png'),
    };
    for (let i = 0; i < count; i++) {
      if (bad[i]) dt.items.add(bad[i]);
      let body = '';
      for (let p = 0; p < 3; p++) {
        let line = `Paragraph ${p} of report ${i}:`;
        for (let w = 0; w < 25; w++) line += ` ${words[(i * 7 + p * 3 + w * ((i % 5) + 1)) % 10]}${w % 7 ? '' : i}`;
        body += `${line}.\n\n`;
      }
      const text = `Report number ${i} from the Northern Desk\n\n${body}`;
      dt.items.add(new File([text], `report-${String(i).padStart(5, '0')}.txt`, { type: 'text/plain' }));
    }
    // The progress's first words, kept for the check below.
    new MutationObserver((_, observer) => {
      const status = document.querySelector('.intake .status p');
      if (status) {
        window.firstProgress = status.textContent;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
    const target = document.querySelector('[data-testid=dropzone]');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, COUNT);
  // The progress counts every file dropped from its first words, though their sizes are read
  // and they are sent a slice at a time.
  await page.waitForFunction(() => window.firstProgress, null, { timeout: 30_000 });
  assert.match(await page.evaluate(() => window.firstProgress), new RegExp(`^Read \\d+ of ${COUNT + 3} file`));

  assert.match(await allRead(page), new RegExp(`^${COUNT} files in all`));
  const alerts = (await page.locator('[role=alert]').allInnerTexts()).join('\n');
  for (const name of ['archive.zip', 'empty.txt', 'photo.png']) assert.match(alerts, new RegExp(name));
  assert.doesNotMatch(alerts, /report-\d+/, 'no report is refused');
  // Every report is an article of its own, all in one list that scrolls through them: only the
  // rows in view are drawn, and the last is there at the end of the scroll.
  assert.match(await page.locator('.articles h2').innerText(), new RegExp(`\\(${COUNT}\\)`, 'i'));
  const drawn = await page.locator('[data-testid=article]').count();
  assert.ok(drawn > 0 && drawn < 100, `${drawn} rows drawn`);
  await page.evaluate(() => {
    const list = document.querySelector('.list-scroller');
    list.scrollTop = list.scrollHeight;
  });
  await page.locator('[data-testid=article]').last().filter({ hasText: 'Report number ' }).waitFor();
  const last = await page.locator('[data-testid=article] .title').last().innerText();
  assert.match(last, new RegExp(`Report number ${COUNT - 1} `));

  // The page keeps working: search finds one report among them all, and it opens.
  await page.locator('#search').fill('number 7777 ');
  await page.locator('[data-testid=article]').first().filter({ hasText: 'Report number 7777 ' }).waitFor();
  assert.equal(await page.locator('[data-testid=article]').count(), 1);
  await page.locator('[data-testid=article] button, [data-testid=article] a').first().click();
  assert.equal(await page.locator('[data-testid=reader] h2').innerText(), 'Report number 7777 from the Northern Desk');

  // And a reload reads them all again from this browser.
  await page.waitForFunction(keptFiles, COUNT + 3, { timeout: 60_000 });
  await page.reload();
  await page.waitForSelector('[data-testid=dropzone]');
  assert.match(await allRead(page), new RegExp(`^${COUNT} files in all`));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file of a gigabyte is refused by name before it is read, and the file beside it loads', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.evaluate(() => {
    // Sixteen views of one 64 MB buffer: the page must look at the size, not the bytes.
    const chunk = new Uint8Array(64 << 20).fill(0x41);
    const dt = new DataTransfer();
    dt.items.add(new File(Array(16).fill(chunk), 'everything.txt', { type: 'text/plain' }));
    dt.items.add(new File(['Small Report Title\n\nA short paragraph about Paris.\n'], 'small.txt'));
    const target = document.querySelector('[data-testid=dropzone]');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
  await page.locator('[data-testid=article]').first().waitFor();
  assert.deepEqual(await page.locator('[data-testid=article] .title').allInnerTexts(), ['Small Report Title']);
  const alerts = (await page.locator('[role=alert]').allInnerTexts()).join('\n');
  assert.match(alerts, /everything\.txt: the file is 1024 MB; the page reads files of up to 256 MB/);
  assert.deepEqual(errors, []);
  await page.close();
});
