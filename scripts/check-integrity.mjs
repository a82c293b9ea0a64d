// `node scripts/check-integrity.mjs [DIST] [PUBLIC_URL]`: fails if any integrity digest in
// DIST/index.html (default dist) does not match the file it names. The release build's
// post-build hook runs the same check; this is for a finished build (the Pages workflow, and
// scripts/release-builds.sh).
import { integrityErrors } from './lib/integrity.mjs';

const [dir = 'dist', publicUrl = '/'] = process.argv.slice(2);
const errors = integrityErrors(dir, publicUrl);
if (errors.length) {
  for (const e of errors) console.error(`integrity: ${e}`);
  process.exit(1);
}
console.log(`integrity: every digest in ${dir}/index.html matches its file`);
