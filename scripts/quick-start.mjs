// The README's quick start is examples/vite-react's code. Each code block in it that starts with a
// `// <path>` comment line is that file of the example, whole. `node scripts/quick-start.mjs` rewrites
// those blocks from the example; examples/quick-start.test.ts fails when they differ.
// Where: README.md between <!-- quick-start --> and <!-- /quick-start --> if it has the marker, else
// docs/notes/quick-start.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
export const EXAMPLE = new URL('examples/vite-react/', ROOT);
const BLOCK = /(```[a-z]*\n)(\/\/ ([\w./-]+)[^\n]*\n[\s\S]*?)(```)/g;

/** @returns {{ file: URL, start: number, end: number }} where the quick start lives */
export function quickStartLocation() {
  const readme = new URL('README.md', ROOT);
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- quick-start -->');
  if (start >= 0) {
    const end = text.indexOf('<!-- /quick-start -->', start);
    return { file: readme, start, end: end < 0 ? text.length : end };
  }
  const doc = new URL('docs/notes/quick-start.md', ROOT);
  return { file: doc, start: 0, end: existsSync(doc) ? readFileSync(doc, 'utf8').length : 0 };
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
  const { file, start, end } = quickStartLocation();
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, start) + syncBlocks(text.slice(start, end)) + text.slice(end));
  console.log(`synced the quick start in ${file.pathname.slice(ROOT.pathname.length)} from examples/vite-react`);
}
