// Headless Debian Chromium through playwright-core (no browser download: CHROMIUM or /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from './serve.mjs';

/** The repository's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** For a test file: serves the release build (dist/) on loopback and launches Chromium before
 * its tests, closes both after; returns `{ server, browser }`, filled in by then. */
export function releaseBuild() {
  const env = {};
  before(async () => {
    env.server = await serve(join(root, 'dist'));
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records console errors and uncaught exceptions in `errors`, and the content
 * security policy's violations in `window.__violations`. `options` go to `newPage` (the
 * accessibility checks set `bypassCSP`: axe-core is injected as an inline script). */
export async function openPage(browser, url, options = {}) {
  const page = await browser.newPage(options);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  await page.waitForSelector('[data-testid=dropzone]');
  return { page, errors };
}

/** Drops files on `selector` with a real DataTransfer, as a person dragging from a file manager. */
export async function dropFiles(page, selector, files) {
  await page.evaluate(
    ({ selector, files }) => {
      const target = document.querySelector(selector);
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: 'text/plain' }));
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { selector, files: files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') })) },
  );
}

/** In the page: whether IndexedDB keeps `count` files (for `page.waitForFunction`): a record
 * holds one file, or the `names` of files read together. */
export function keptFiles(count) {
  return new Promise((resolve) => {
    const open = indexedDB.open('folio', 1);
    // As the page makes it, should this come first.
    open.onupgradeneeded = () => open.result.createObjectStore('files', { autoIncrement: true });
    open.onsuccess = () => {
      const request = open.result.transaction('files', 'readonly').objectStore('files').getAll();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result.reduce((n, r) => n + (r.names ? r.names.length : 1), 0) === count);
      };
    };
  });
}

/** The `folio` command built for the tests (debug if built, else release). */
export function folioBinary() {
  return ['target/debug/folio', 'target/release/folio'].map((p) => join(root, p)).find((p) => {
    try {
      execFileSync(p, ['--version']);
      return true;
    } catch {
      return false;
    }
  });
}
