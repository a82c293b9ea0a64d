// End to end: the development server as `scripts/serve.sh` runs it (`trunk serve`, a debug
// build with live reload), opened in headless Chromium. Its console must be as clean as the
// release build's: nothing registers a service worker the build does not have.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { launch, openPage, dropFiles, root } from './browser.mjs';

/** A port nobody listens on. */
async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

const env = {};
before(async () => {
  env.port = await freePort();
  // Its own dist, so the release build the other tests serve is left alone.
  env.trunk = spawn(
    'trunk',
    ['serve', '--offline', '--port', String(env.port), '--dist', join(root, 'target', 'dist-serve')],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let log = '';
  env.trunk.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${env.port}/`;
  // The first debug build takes about a minute on two cores.
  for (let waited = 0; ; waited += 1) {
    if (env.trunk.exitCode !== null) throw new Error(`trunk serve exited:\n${log}`);
    if (waited > 600) throw new Error(`trunk serve did not answer in ten minutes:\n${log}`);
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('folio-web')) break;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  env.url = url;
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  if (env.trunk?.exitCode === null) process.kill(-env.trunk.pid, 'SIGTERM');
});

test('the development server page reads the seed with no console error', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const bytes = await readFile(join(root, 'assets', 'seed-sample.txt'));
  await dropFiles(page, '[data-testid=dropzone]', [{ name: 'seed-sample.txt', bytes }]);
  await page.locator('[data-testid=article]').nth(1).waitFor();
  await page.locator('[data-testid=reader] mark[data-label=PER]').first().waitFor({ timeout: 60000 });
  // No service worker: a development build has none to register.
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
