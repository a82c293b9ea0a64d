// Checks a build's subresource integrity: every `integrity` attribute of index.html against the
// file its href or src names. A wrong digest makes the browser refuse the file, and when that
// file is a module the page imports the app never starts, so a build carrying one must fail.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The mismatches of `dir`'s index.html, as messages; empty when every digest is right.
 * `publicUrl` is the prefix the build's links carry (`/`, or `/folio/` for Pages). */
export function integrityErrors(dir, publicUrl = '/') {
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const errors = [];
  let checked = 0;
  for (const [tag] of index.matchAll(/<(?:link|script)\b[^>]*\bintegrity="[^"]*"[^>]*>/g)) {
    const [, digest] = tag.match(/\bintegrity="([^"]*)"/);
    const url = (tag.match(/\b(?:href|src)="([^"]*)"/) ?? [])[1];
    if (!url) {
      errors.push(`${tag}: an integrity attribute with nothing to check it against`);
      continue;
    }
    const path = decodeURIComponent(url.split(/[?#]/)[0]);
    const relative = path.startsWith(publicUrl) ? path.slice(publicUrl.length) : path.replace(/^\.?\//, '');
    const file = join(dir, relative);
    if (!existsSync(file)) {
      errors.push(`${url}: named with an integrity digest, but the build has no such file`);
      continue;
    }
    const [algorithm, expected] = digest.split(/-(.*)/s);
    if (!['sha256', 'sha384', 'sha512'].includes(algorithm)) {
      errors.push(`${url}: unknown integrity algorithm ${algorithm}`);
      continue;
    }
    const actual = createHash(algorithm).update(readFileSync(file)).digest('base64');
    checked += 1;
    if (actual !== expected) {
      errors.push(`${url}: index.html says ${digest}, the file is ${algorithm}-${actual}`);
    }
  }
  if (checked === 0) errors.push('index.html has no integrity digest to check: not a Trunk release build?');
  return errors;
}
