// End to end: the page as shipped — offline after one visit, installable, and under a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { serve } from './serve.mjs';
import { openPage, dropFiles, releaseBuild, root } from './browser.mjs';

const env = releaseBuild();

test('after one visit the page opens offline and reads a dropped file', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  // Wait until the service worker has cached the build and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid=dropzone]');
  const seed = await readFile(join(root, 'assets', 'seed-sample.txt'));
  await dropFiles(page, '[data-testid=dropzone]', [{ name: 'offline.txt', bytes: seed }]);
  await page.locator('[data-testid=article]').nth(1).waitFor();
  // The model came from the cache too.
  await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  await page.context().setOffline(false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page links a manifest with icons, so it can be installed', async () => {
  const { page } = await openPage(env.browser, env.server.url);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(href, env.server.url).href)).json();
  assert.equal(manifest.start_url, './');
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, env.server.url).href);
    assert.equal(response.status(), 200, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  await page.close();
});

test('built for a sub-path (as the Pages workflow builds it), the page works there', async () => {
  // scripts/test.sh builds dist-pages/ with scripts/build-pages.sh /folio/, the workflow's step.
  const sub = await serve(join(root, 'dist-pages'), '/folio/');
  try {
    const { page, errors } = await openPage(env.browser, sub.url);
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await page.locator('[data-testid=article]').nth(1).waitFor();
    await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 15000 });
    const html = await (await page.request.get(sub.url)).text();
    assert.match(html, /\/folio\/folio-web-[0-9a-f]+\.js/, 'assets are linked under the sub-path');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await sub.close();
  }
});

test('the page carries its content security policy and nothing it does violates it', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  for (const directive of ["object-src 'none'", "base-uri 'none'", "'wasm-unsafe-eval'"]) {
    assert.ok(policy.includes(directive), `${directive} in ${policy}`);
  }
  assert.ok(!policy.includes('unsafe-inline'), policy);
  // Everything the page does: the worker, the model, reading, highlighting, the audit, exports.
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 15000 });
  await page.getByRole('button', { name: 'Audit' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML page' }).click()]);
  assert.ok(await download.path());
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page people get carries none of the hooks the tests and benchmarks call', async () => {
  // dist-pages/ is the production build (scripts/build-pages.sh); dist/ the tests' own, with
  // the `hooks` feature. The names are looked for in every file of each, the wasm included.
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const files = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  const hooks = ['folioAnnotate', 'folioPanicForTest', 'folioRenders', 'folioPool'];
  const found = (dir) => {
    const text = files(join(root, dir)).map((f) => readFileSync(f).toString('latin1')).join('\n');
    return hooks.filter((h) => text.includes(h));
  };
  assert.deepEqual(found('dist-pages'), [], 'the production build has none');
  assert.deepEqual(found('dist'), hooks, 'the test build has them all (so the search can find them)');
  // And the production page has none of them on `window`.
  const sub = await serve(join(root, 'dist-pages'), '/folio/');
  try {
    const { page } = await openPage(env.browser, sub.url);
    assert.deepEqual(await page.evaluate((hooks) => hooks.filter((h) => h in window), hooks), []);
    await page.close();
  } finally {
    await sub.close();
  }
});
