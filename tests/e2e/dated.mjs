// A folder of dated articles for the Overview's tests and benchmark: WikiGold's sentences (in
// the repository, CC BY 4.0) as short articles over two years, each dated by one of the four
// sources Folio reads, in the forms scrapers write: a record's date field in a JSON lines dump
// (ISO 8601, RFC 2822, Unix seconds, `December 7, 2020`, `7 Dec 2020`, `2020/12/07`), a
// dateline (with and without its year), a date line among the first lines, a file's name;
// and some undated. Deterministic: the same `n` gives the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { root } from './browser.mjs';

/** WikiGold's sentences as text, in order: those of more than `longerThan` words. */
export function sentences(longerThan = 0) {
  const out = [];
  let words = [];
  const end = () => {
    if (words.length > longerThan) out.push(words.join(' ').replace(/ ([,.;:!?)'])/g, '$1').replace(/\( /g, '('));
    words = [];
  };
  for (const line of readFileSync(join(root, 'data/wikigold/wikigold.conll'), 'utf8').split('\n')) {
    const token = line.split(' ')[0];
    if (!line.trim() || token === '-DOCSTART-') end();
    else words.push(token);
  }
  end();
  return out;
}

/** The repository's sample dumps and the seed, as the end-to-end tests drop them. */
export function sampleFiles() {
  const dumps = join(root, 'tests/data/dumps');
  const files = readdirSync(dumps)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dumps, name)) }));
  files.push({ name: 'seed-sample.txt', bytes: readFileSync(join(root, 'assets/seed-sample.txt')) });
  return files;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const PLACES = ['LONDON', 'PARIS', 'NEW YORK', 'BERLIN', 'TOKYO', 'NAIROBI', 'MADRID', 'SYDNEY'];

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');

/** `n` articles as files `{ name, bytes }`; every file's articles dated over 2019-2020. */
export function datedFiles(n, seed = 7) {
  const s = sentences(8);
  const next = random(seed);
  const pick = (k) => Math.floor(next() * k);
  const files = [];
  let records = [];
  const flush = () => {
    if (records.length) {
      files.push({ name: `feed-${String(files.length).padStart(4, '0')}.jsonl`, bytes: Buffer.from(records.join('\n') + '\n') });
      records = [];
    }
  };
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2019, 0, 1) + pick(730) * 86400e3 + 10 * 3600e3);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
    const month = MONTHS[m];
    // Four sentences drawn at random: no two articles are copies.
    const first = pick(s.length);
    const body = `${s[first]} ${s[pick(s.length)]}\n\n${s[pick(s.length)]} ${s[pick(s.length)]}`;
    const title = `Story ${i}: ${s[first].split(' ').slice(0, 6).join(' ').replace(/[^\p{L}\p{N}]+$/u, '')}`;
    const form = pick(6);
    switch (i % 5) {
      case 0: {
        const date = [
          day.toISOString(),
          `${DAYS[day.getUTCDay()]}, ${pad(d)} ${month.slice(0, 3)} ${y} 10:00:00 GMT`,
          String(Math.floor(day.getTime() / 1000)),
          `${month} ${d}, ${y}`,
          `${d} ${month.slice(0, 3)} ${y}`,
          `${y}/${pad(m + 1)}/${pad(d)}`,
        ][form];
        records.push(JSON.stringify({ title, text: body, date }));
        if (records.length === 50) flush();
        break;
      }
      case 1: {
        const place = PLACES[pick(PLACES.length)];
        const line = [
          `${place}, ${month.slice(0, 3)} ${d}, ${y} (Reuters) - `,
          `${month.slice(0, 3)}. ${d}, ${y} — `,
          `${place}, ${d} ${month} ${y} - `,
        ][form % 3];
        files.push({ name: `wire-${i}.txt`, bytes: Buffer.from(`${title}\n\n${line}${body}\n`) });
        break;
      }
      case 2: {
        const line = [
          `Published: ${month} ${d}, ${y}`,
          `Updated ${d} ${month} ${y} 14:05`,
          `By Jane Doe | ${month} ${d}, ${y}`,
          `Posted ${y}-${pad(m + 1)}-${pad(d)}`,
        ][form % 4];
        files.push({ name: `post-${i}.txt`, bytes: Buffer.from(`${title}\n\n${line}\n\n${body}\n`) });
        break;
      }
      case 3: {
        const name = form % 2 ? `${y}-${pad(m + 1)}-${pad(d)}-story-${i}.txt` : `${y}${pad(m + 1)}${pad(d)}_${i}.txt`;
        files.push({ name, bytes: Buffer.from(`${title}\n\n${body}\n`) });
        break;
      }
      default: {
        // Undated, or a dateline without its year (month and day only: shown, not placed).
        const line = form === 0 ? `${PLACES[pick(PLACES.length)]}, ${month.slice(0, 3)} ${d} (Reuters) - ` : '';
        files.push({ name: `note-${i}.txt`, bytes: Buffer.from(`${title}\n\n${line}${body}\n`) });
      }
    }
  }
  flush();
  return files;
}
