// Trunk pre-build hook: empties the snippets folder of wasm-bindgen's output, which Trunk
// shares between builds and between the page's and the worker's pipelines. wasm-bindgen only
// adds to it, and Trunk copies all of it into the build, with a modulepreload link for each
// file: a module renamed or moved would otherwise ship forever, stale, with the page.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const target = process.env.CARGO_TARGET_DIR ?? join(process.env.TRUNK_SOURCE_DIR ?? '.', 'target');
for (const profile of ['debug', 'release']) {
  rmSync(join(target, 'wasm-bindgen', profile, 'snippets'), { recursive: true, force: true });
}
