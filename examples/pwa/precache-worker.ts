// precache-worker.ts: after `vite build`, builds src/sw.ts into dist/sw.js with the build's files as its
// precache manifest (self.__WB_MANIFEST), the way workbox's injectManifest does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'vite';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
  );

export function precacheWorker(options: { entry: string; define: Record<string, string> }): Plugin {
  let outDir = '';
  return {
    name: 'precache-worker',
    apply: 'build',
    configResolved: (config) => void (outDir = config.build.outDir),
    async closeBundle() {
      const manifest = files(outDir)
        .filter((f) => !f.endsWith('sw.js'))
        .map((f) => ({
          url: '/' + relative(outDir, f),
          revision: createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 16),
        }));
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: {
          ...options.define,
          'self.__WB_MANIFEST': JSON.stringify(manifest),
          'process.env.NODE_ENV': '"production"',
        },
        build: {
          outDir,
          emptyOutDir: false,
          lib: { entry: options.entry, formats: ['iife'], name: 'sw', fileName: () => 'sw.js' },
        },
      });
    },
  };
}
