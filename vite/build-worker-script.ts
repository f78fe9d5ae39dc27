import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { workerBuildId } from '../config/worker-build-id.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { InjectorConfig } from '../config/types.js';

// Source entry in this repo, compiled entry in the published package.
const entry = ['../sw/default-worker.ts', '../sw/default-worker.js']
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p));

/**
 * One minified classic script (IIFE) from a browser entry, in memory. The worker below is built with it;
 * so are the bench's page script and the bridge whose size the bench reports.
 */
export async function buildClassicScript(
  entry: string,
  name: string,
  options: { define?: Record<string, string>; minify?: boolean } = {},
): Promise<string> {
  const minify = options.minify ?? true;
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { ...options.define, 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      emptyOutDir: false,
      minify,
      sourcemap: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const chunk = outputs[0]?.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error(`bearer-worker: the ${name} build produced no code.`);
  return chunk.code;
}

/**
 * The default worker bundle. `config` and `build` are JavaScript expressions: JSON literals here, free
 * names in the worker prebuilt for `bearer-worker build` (scripts/build-worker-templates.ts).
 */
export function buildDefaultWorker(
  expressions: { config: string; build: string },
  inspector: boolean,
  minify?: boolean,
  dev = false,
  offline = false,
): Promise<string> {
  if (!entry) throw new Error('bearer-worker: the worker entry (sw/default-worker) is missing from the package.');
  return buildClassicScript(entry, 'bearerWorker', {
    minify,
    define: {
      __BEARER_WORKER_CONFIG__: expressions.config,
      __BEARER_WORKER_BUILD__: expressions.build,
      __BEARER_WORKER_INSPECTOR__: String(inspector),
      // Development builds log each decision to the console; production builds carry none of it.
      __BEARER_WORKER_DEV__: String(dev),
      // The offline queue is compiled in only where the config enables it.
      __BEARER_WORKER_OFFLINE__: String(offline),
    },
  });
}

/**
 * Builds the default worker as one classic script with the config compiled in. For non-Vite builds:
 * write the result to a file your server serves at the worker's URL.
 */
export async function buildWorkerScript(
  config: InjectorConfig,
  options: { minify?: boolean; dev?: boolean } = {},
): Promise<string> {
  const resolved = resolveConfig(config);
  const buildId = workerBuildId(resolved);
  return buildDefaultWorker(
    { config: JSON.stringify(resolved), build: JSON.stringify(buildId) },
    resolved.inspector,
    options.minify,
    options.dev,
    !!resolved.offlineWrites,
  );
}
