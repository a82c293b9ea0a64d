// The text the benchmarks tag: every line of three or more words of the seed sample and of the
// repository's sample dumps (tests/data/dumps, WikiGold's articles in every layout). Both are
// in the repository, so a clone measures what the README reports without ../shared.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// UTF-8 where the file is, Windows-1252 otherwise (one dump is).
const decode = (bytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
};

/** The sample files, the seed first, as absolute paths. */
export function sampleFiles() {
  const dumps = path.join(root, 'tests/data/dumps');
  return [path.join(root, 'assets/seed-sample.txt')].concat(
    fs
      .readdirSync(dumps)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(dumps, f)),
  );
}

/** Every trimmed line of three or more words of the sample files, in order. */
export function sampleLines() {
  return sampleFiles()
    .flatMap((f) => decode(fs.readFileSync(f)).split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => l.split(/\s+/).length >= 3);
}
