// `npm run test:pack`: the tarball npm would publish, checked three ways: its file list (what must and
// must not ship), publint --strict, and @arethetypeswrong/cli with the ESM-only profile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { packTarball, ROOT } from './pack-tarball.mjs';

const { tarball, files } = packTarball();
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Only the build, the manifest, the README and the licence: no sources, tests, demo, bench or examples.
const stray = files.filter((f) => !/^(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(f));
assert.deepEqual(stray, [], 'files outside dist/*.js|*.d.ts, package.json, README.md, LICENSE');
const tests = files.filter((f) => /\.test\.|test-support|(^|\/)(demo|bench|examples|e2e|scripts)\//.test(f));
assert.deepEqual(tests, [], 'tests, test support, demo, bench, examples or scripts in the tarball');

// Everything the manifest points at is there: each export's import and types, the CLI, the prebuilt worker.
const targets = Object.values(pkg.exports).flatMap((e) => [e.import, e.types]);
for (const target of [...targets, ...Object.values(pkg.bin)]) assert.ok(files.includes(target.slice(2)), target);
const templates = ['', '.inspector', '.dev', '.dev.inspector'].map((v) => `dist/worker/default-worker${v}.js`);
for (const f of ['LICENSE', 'README.md', ...templates]) {
  assert.ok(files.includes(f), `${f} is missing from the tarball`);
}
// npx runs the bin with node only if it says so.
for (const bin of Object.values(pkg.bin)) {
  assert.match(readFileSync(new URL(`../${bin}`, import.meta.url), 'utf8'), /^#!\/usr\/bin\/env node\n/, bin);
}
// ESM only: no `require` condition anywhere, and the package says it is a module.
assert.equal(pkg.type, 'module');
assert.ok(!JSON.stringify(pkg.exports).includes('"require"'), 'a require condition in exports');
console.log(`tarball ${tarball.slice(ROOT.length)}: ${files.length} files, none stray`);

const run = (cmd, args) => execFileSync('npx', ['--no-install', cmd, ...args], { cwd: ROOT, stdio: 'inherit' });
run('publint', ['run', tarball, '--strict']);
run('attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']);
