// The release build's integrity check: it passes on the build, and fails on a build whose
// index.html carries a wrong digest (the fault that once made a page that never started).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

import { root } from './browser.mjs';
import { integrityErrors } from '../../scripts/lib/integrity.mjs';

test('every integrity digest of the release build matches its file, and a wrong one is caught', () => {
  assert.deepEqual(integrityErrors(join(root, 'dist')), []);
  assert.deepEqual(integrityErrors(join(root, 'dist-pages'), '/folio/'), []);
  const copy = mkdtempSync(join(tmpdir(), 'folio-integrity-'));
  try {
    cpSync(join(root, 'dist'), copy, { recursive: true });
    const index = join(copy, 'index.html');
    const html = readFileSync(index, 'utf8');
    // The digest of the empty string, which a build once wrote for a six-line module.
    const empty = 'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb';
    const edited = html.replace(/(rel="modulepreload"[^>]*integrity=")[^"]*/, `$1${empty}`);
    assert.notEqual(edited, html, 'the build has a module with a digest');
    writeFileSync(index, edited);
    const errors = integrityErrors(copy);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /index\.html says sha384-OLBg/);
    // The command-line check fails on it too, as the Pages workflow would.
    assert.throws(() => execFileSync('node', [join(root, 'scripts/check-integrity.mjs'), copy], { stdio: 'pipe' }));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
