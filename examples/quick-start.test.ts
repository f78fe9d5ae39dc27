// The quick starts (README.md's dev setup, docs/quick-start.md's every file) are examples/vite-react's
// code, and the examples use the packages the root installs.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script
import { exampleFile, fileBlocks, quickStartLocations } from '../scripts/quick-start.mjs';

const ALL = [
  'server/api.ts',
  'server/auth.ts',
  'server/better-auth-vite.ts',
  'server/production.ts',
  'src/auth-client.ts',
  'src/auth-worker.ts',
  'src/query-client.ts',
  'vite.config.ts',
];
/** What a dev setup needs: Better Auth, serving it beside Vite, the worker's build, the page. */
const DEV = [
  'server/auth.ts',
  'server/better-auth-vite.ts',
  'src/auth-worker.ts',
  'src/query-client.ts',
  'vite.config.ts',
];
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe.each(
  (quickStartLocations() as { file: URL; start: number; end: number; full: boolean }[]).map((l) => ({
    ...l,
    name: l.file.pathname.split('/').slice(-2).join('/'),
  })),
)('the quick start in $name', ({ file, start, end, full }) => {
  const section = readFileSync(file, 'utf8').slice(start, end);
  const blocks = fileBlocks(section) as { path: string; code: string }[];

  it('shows the files a Vite app needs, each exactly as examples/vite-react has it (node scripts/quick-start.mjs)', () => {
    expect(blocks.map((b) => b.path).sort()).toEqual((full ? ALL : DEV).sort());
    for (const { path, code } of blocks) expect(code, path).toBe(exampleFile(path));
  });

  it('installs every package its code imports (a Vite React app brings react, react-dom and vite)', () => {
    const installs = [...section.matchAll(/^npm install (.+)$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/).filter((w) => !w.startsWith('-')),
    );
    const imported = new Set(
      blocks.flatMap(({ code }) =>
        [...code.matchAll(/(?:from |import\()'([^'.][^']*)'/g)].map((m) => packageOf(m[1]!)),
      ),
    );
    const provided = new Set([...installs, 'react', 'react-dom', 'vite', ...builtinModules.map((m) => `node:${m}`)]);
    expect([...imported].filter((p) => !provided.has(p))).toEqual([]);
    const example = readJson('./vite-react/package.json');
    const declared = { ...example.dependencies, ...example.devDependencies };
    expect(installs.filter((p) => !(p in declared))).toEqual([]);
  });
});

describe('the examples', () => {
  const root = readJson('../package.json');
  const rootVersions: Record<string, string> = { ...root.dependencies, ...root.devDependencies };
  const examples = readdirSync(new URL('.', import.meta.url), { withFileTypes: true }).filter(
    (d) => d.isDirectory() && readdirSync(new URL(`./${d.name}/`, import.meta.url)).includes('package.json'),
  );

  it.each(examples.map((d) => d.name))(
    '%s declares the ranges the root installs (they resolve from its node_modules) and bearer-worker from npm',
    (name) => {
      const pkg = readJson(`./${name}/package.json`);
      expect(pkg.dependencies['bearer-worker']).toBe(`^${root.version}`);
      for (const [dep, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
        if (dep !== 'bearer-worker') expect(`${dep}@${range}`).toBe(`${dep}@${rootVersions[dep]}`);
      }
    },
  );
});
