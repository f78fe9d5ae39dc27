// Packs the package as npm publishes it (`npm pack`), into .pack/. Build first (`npm run build`): the
// prepack build is skipped here so that one `npm test` builds once.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PACK_DIR = fileURLToPath(new URL('../.pack/', import.meta.url));

/** @returns {{ tarball: string, files: string[] }} the tarball's path and the paths it holds */
export function packTarball() {
  mkdirSync(PACK_DIR, { recursive: true });
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', PACK_DIR], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out);
  return { tarball: PACK_DIR + info.filename, files: info.files.map((f) => f.path).sort() };
}
