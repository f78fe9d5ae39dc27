// Installs bearer-worker into each example from the tarball `npm pack` makes, as `npm install` would
// (node_modules/bearer-worker/). The examples' other packages resolve from the root's node_modules, so
// nothing is downloaded or compiled per app. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { packTarball } from '../scripts/pack-tarball.mjs';

export const EXAMPLES = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/package.json`, import.meta.url)))
  .map((d) => d.name);

export function installTarball() {
  const { tarball } = packTarball();
  for (const name of EXAMPLES) {
    const dir = new URL(`${name}/node_modules/bearer-worker/`, import.meta.url);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir.pathname, '--strip-components=1']);
  }
  return tarball;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(`installed ${installTarball()} into ${EXAMPLES.join(', ')}`);
