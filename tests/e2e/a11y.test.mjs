// End to end: accessibility in both themes (axe-core), and the README's screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { openPage, releaseBuild, root } from './browser.mjs';

const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');
const env = releaseBuild();

/** Serious and critical axe-core violations on the page as it is now. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const scheme of ['light', 'dark']) {
  test(`no serious accessibility violations in the ${scheme} theme, with the sample open; screenshot`, async () => {
    const { page, errors } = await openPage(env.browser, env.server.url, { bypassCSP: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: scheme });
    // Let the theme's colour transitions finish before contrast is measured.
    await page.waitForTimeout(400);
    assert.deepEqual(await violations(page), [], 'the empty page');
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 15000 });
    assert.deepEqual(await violations(page), [], 'the sample open');
    await page.getByRole('button', { name: 'Audit' }).click();
    assert.deepEqual(await violations(page), [], 'the audit');
    await page.getByRole('button', { name: 'Text', exact: true }).click();
    const dir = join(root, 'docs', 'screenshots');
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${scheme}.png`) });
    // The Overview, its charts and then their tables; and at phone width, no sideways scroll.
    await page.keyboard.press('o');
    await page.locator('[data-testid=overview] [data-testid=timeline] svg[role=img]').waitFor({ timeout: 15000 });
    await page.waitForTimeout(400);
    assert.deepEqual(await violations(page), [], 'the overview');
    await page.locator('[data-testid=overview]').screenshot({ path: join(dir, `overview-${scheme}.png`) });
    for (const table of await page.locator('[data-testid=overview] .chart-head .toggle', { hasText: 'Table' }).all()) {
      await table.click();
    }
    assert.deepEqual(await violations(page), [], 'the overview as tables');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForTimeout(200);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(scroll <= width, `phone width scrolls sideways: ${scroll} > ${width}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the theme switch overrides the system and is remembered', async () => {
  const { page } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ colorScheme: 'light' });
  const theme = page.locator('[data-testid=theme]');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await theme.click(); // Light
  await theme.click(); // Dark
  assert.match(await theme.innerText(), /Dark/);
  assert.notEqual(await background(), light);
  await page.reload();
  await page.waitForSelector('[data-testid=dropzone]');
  assert.match(await page.locator('[data-testid=theme]').innerText(), /Dark/);
  assert.notEqual(await background(), light);
  await page.close();
});

test('on a phone-sized screen the page fits its width and reads top to bottom', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('[data-testid=reader] h2').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  // One column: the list comes before the reader.
  const list = await page.locator('nav.articles').boundingBox();
  const reader = await page.locator('[data-testid=reader]').boundingBox();
  assert.ok(list.y < reader.y && reader.x < 40, JSON.stringify({ list, reader }));
  assert.deepEqual(errors, []);
  await page.close();
});
