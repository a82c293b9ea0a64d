// The first files of a folder of real news, as the browser benchmarks choose them.
import fs from 'node:fs';
import path from 'node:path';

/** The first files of `dir` (a folder of real news as scripts/real-news.py writes it: one
 * article a file, or with --jsonl a hundred a dump), in reading order, up to `mb` MB; with
 * their size in bytes. */
export function newsFiles(dir, mb) {
  const files = [];
  let bytes = 0;
  for (const name of fs.readdirSync(dir).filter((n) => /\.(txt|jsonl)$/.test(n)).sort()) {
    const file = path.join(dir, name);
    const size = fs.statSync(file).size;
    if (bytes + size > mb * 1e6) break;
    files.push(file);
    bytes += size;
  }
  return { files, bytes };
}
