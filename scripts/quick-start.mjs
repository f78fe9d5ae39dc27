// The quick starts are examples/vite-react's code: README.md's (between <!-- quick-start --> and
// <!-- /quick-start -->, the files a dev setup needs) and docs/quick-start.md (every file, production
// included). Each code block in them that starts with a `// <path>` comment line is that file of the
// example, whole. `node scripts/quick-start.mjs` rewrites those blocks from the example;
// examples/quick-start.test.ts fails when they differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
export const EXAMPLE = new URL('examples/vite-react/', ROOT);
const BLOCK = /(```[a-z]*\n)(\/\/ ([\w./-]+)[^\n]*\n[\s\S]*?)(```)/g;

/** @returns {{ file: URL, start: number, end: number, full: boolean }[]} where the quick starts live */
export function quickStartLocations() {
  const readme = new URL('README.md', ROOT);
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- quick-start -->');
  const end = text.indexOf('<!-- /quick-start -->', start);
  const doc = new URL('docs/quick-start.md', ROOT);
  return [
    { file: readme, start: Math.max(start, 0), end: start < 0 ? 0 : end < 0 ? text.length : end, full: false },
    { file: doc, start: 0, end: existsSync(doc) ? readFileSync(doc, 'utf8').length : 0, full: true },
  ];
}

/** @returns {{ path: string, code: string }[]} the blocks that name an example file */
export function fileBlocks(markdown) {
  return [...markdown.matchAll(BLOCK)].map((m) => ({ path: m[3], code: m[2] }));
}

/** The example's file as a block shows it. */
export const exampleFile = (path) => readFileSync(new URL(path, EXAMPLE), 'utf8');

/** Rewrites every file block from the example; returns the new text. */
export function syncBlocks(markdown) {
  return markdown.replace(BLOCK, (_, open, _code, path, close) => open + exampleFile(path) + close);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file, start, end } of quickStartLocations()) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, start) + syncBlocks(text.slice(start, end)) + text.slice(end));
    console.log(`synced the quick start in ${file.pathname.slice(ROOT.pathname.length)} from examples/vite-react`);
  }
}
