// docs/nextjs.md shows examples/next-fastapi's files: each code block whose first line is a `// <path>`
// comment naming one of the example's files is that file, whole. `node scripts/nextjs-guide.mjs` rewrites
// those blocks from the example; examples/nextjs-guide.test.ts fails when they differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
export const GUIDE = new URL('docs/nextjs.md', ROOT);
export const EXAMPLE = new URL('examples/next-fastapi/', ROOT);
const BLOCK = /(```[a-z]*\n)(\/\/ ([\w./[\]-]+)[^\n]*\n[\s\S]*?)(```)/g;

/** @returns {{ path: string, code: string }[]} the guide's blocks that name a file of the example */
export function guideBlocks(markdown = readFileSync(GUIDE, 'utf8')) {
  return [...markdown.matchAll(BLOCK)]
    .filter((m) => existsSync(new URL(m[3], EXAMPLE)))
    .map((m) => ({ path: m[3], code: m[2] }));
}

/** The example's file as a block shows it. */
export const exampleFile = (path) => readFileSync(new URL(path, EXAMPLE), 'utf8').replace(/\n*$/, '\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = readFileSync(GUIDE, 'utf8').replace(BLOCK, (whole, open, _code, path, close) =>
    existsSync(new URL(path, EXAMPLE)) ? open + exampleFile(path) + close : whole,
  );
  writeFileSync(GUIDE, text);
  console.log('synced docs/nextjs.md from examples/next-fastapi');
}
