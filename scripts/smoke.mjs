// `node scripts/smoke.mjs [DIST] [PUBLIC_URL]`: loads a finished build as a visitor would —
// served under PUBLIC_URL (default /), in headless Chromium — tries the sample and waits for
// its articles and highlights, and fails on any console error. The Pages workflow runs it on
// what it is about to deploy, after the integrity check: a build that never starts must not
// reach the site. CHROMIUM names the browser (default /usr/bin/chromium).
import { launch, openPage } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/serve.mjs';
import { integrityErrors } from './lib/integrity.mjs';

const [dir = 'dist', publicUrl = '/'] = process.argv.slice(2);
const wrong = integrityErrors(dir, publicUrl);
if (wrong.length) {
  for (const e of wrong) console.error(`smoke: integrity: ${e}`);
  process.exit(1);
}
const server = await serve(dir, publicUrl);
const browser = await launch();
let failed = false;
try {
  const { page, errors } = await openPage(browser, server.url);
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await page.locator('[data-testid=article]').nth(1).waitFor({ timeout: 30000 });
  await page.locator('[data-testid=reader] mark').first().waitFor({ timeout: 30000 });
  const articles = await page.locator('[data-testid=article]').count();
  if (errors.length) {
    failed = true;
    console.error(`smoke: console errors:\n${errors.join('\n')}`);
  } else {
    console.log(`smoke: ${server.url} starts, reads the sample (${articles} articles) and highlights it`);
  }
} catch (err) {
  failed = true;
  console.error(`smoke: the page at ${server.url} did not start: ${err.message}`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
