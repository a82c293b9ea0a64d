// Where the tagger spends its time as WebAssembly, in V8 (the engine of the page's worker):
// builds examples/speed_probe for wasm32-wasip1 with SIMD, as the page's worker is built, runs
// it under Node's WASI with the CPU profiler, and prints the functions with the most time of
// their own.
//
//   node scripts/profile-wasm.mjs [MODEL]        (default models/ner.bin)
//
// The text is the lines of the repository's samples that the native speed probe reads. This
// is how the page's 15% in libm's fmaxf (f32::max in Viterbi) was found (models/README.md).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  const wasi = new WASI({ version: 'preview1', args: ['speed_probe', ...process.argv.slice(4)], preopens: { '/': '/' } });
  const module = await WebAssembly.compile(fs.readFileSync(process.argv[3]));
  wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
} else {
  await profile();
}

async function profile() {
const model = path.resolve(process.argv[2] ?? path.join(root, 'models/ner.bin'));
const installed = execFileSync('rustup', ['target', 'list', '--installed'], { encoding: 'utf8' });
if (!installed.split('\n').includes('wasm32-wasip1')) {
  execFileSync('rustup', ['target', 'add', 'wasm32-wasip1'], { stdio: 'inherit' });
}
execFileSync('cargo', ['build', '--release', '--quiet', '--target', 'wasm32-wasip1', '--example', 'speed_probe', '-p', 'folio'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RUSTFLAGS: '-C target-feature=+simd128' },
});
const wasm = path.join(root, 'target/wasm32-wasip1/release/examples/speed_probe.wasm');
const dumps = path.join(root, 'tests/data/dumps');
// UTF-8 dumps only (the probe reads text as UTF-8).
const texts = fs.readdirSync(dumps).filter((f) => f.endsWith('.txt') && !f.includes('latin1')).map((f) => path.join(dumps, f));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-profile-'));
execFileSync(process.execPath, ['--no-warnings', '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval', '200', fileURLToPath(import.meta.url), '--child', wasm, model, ...texts], { stdio: 'inherit' });
const profile = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const name = byId.get(id).callFrame.functionName || '(anonymous)';
  self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i]);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}
}
