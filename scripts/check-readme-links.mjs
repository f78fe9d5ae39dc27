// The README as npm shows it: a relative link works there only if its target ships in the tarball.
// `node scripts/check-readme-links.mjs` lists every relative link or image whose target is not in the
// package, with the absolute GitHub URL to use instead; exit code 1 if there is any.
import { readFileSync } from 'node:fs';
import { packTarball } from './pack-tarball.mjs';

const REPO = 'https://github.com/bearer-worker/bearer-worker';
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const { files } = packTarball();
const broken = [];
for (const m of readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
  const [, image, target] = m;
  if (/^(https?:|mailto:|#)/.test(target)) continue;
  const path = target.replace(/^\.\//, '').split('#')[0];
  if (files.includes(path)) continue;
  const line = readme.slice(0, m.index).split('\n').length;
  broken.push(`README.md:${line}: ${target} → ${REPO}/${image ? 'raw' : 'blob'}/main/${path}`);
}
console.log(broken.length ? broken.join('\n') : 'README.md: every relative link ships in the package');
process.exitCode = broken.length ? 1 : 0;
