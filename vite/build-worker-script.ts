import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, version as viteVersion, type Plugin } from 'vite';
import { resolveConfig } from '../sw/resolve-config.js';
import type { InjectorConfig, ResolvedConfig } from '../sw/types.js';

// Source entry in this repo, compiled entry in the published package.
const entry = ['../sw/default-worker.ts', '../sw/default-worker.js']
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p));

function packageVersion(): string {
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'bearer-worker' && pkg.version) return pkg.version;
    } catch {
      // Try the next place.
    }
  }
  return '0.0.0';
}

/**
 * workbox-routing code the worker never runs. Router and Route methods it never calls (it registers its own
 * routes once; no default or catch handler, no cache listener, nothing unregistered): tree-shaking keeps every
 * method of a class, so they are cut from the module source as it loads (tsc output: a method starts and ends
 * at four spaces of indent). A method not found, in another workbox version, is left alone: the worker is only
 * bigger, never broken. And workbox's `_version.js` modules, `try { self['workbox:routing:7.4.0'] && _() }
 * catch {}`: a version marker that does nothing at run time. vite/build-worker-script.test.ts runs the result.
 */
const UNUSED_WORKBOX_METHODS: Record<string, string[]> = {
  Router: ['routes', 'addFetchListener', 'addCacheListener', 'setDefaultHandler', 'setCatchHandler', 'unregisterRoute'],
  Route: ['setCatchHandler'],
};

/**
 * Code inside the methods the worker does run that is dead for it (a pattern that does not match exactly once,
 * in another workbox version, is left alone: the worker is only bigger, never broken):
 * - the default handler map and the catch-handler wrapping: never filled without the setters cut above;
 * - params and their clean-up: our matchers return booleans and our handlers read no params;
 * - the check for http(s) URLs: browsers send a worker fetch events for those only, and our matchers compare
 *   origins anyway;
 * - the base URL for the request's: a Request's URL is always absolute;
 * - `sameOrigin` for the matchers: ours compare origins themselves;
 * - the try/catch around `handler.handle()`: our handlers are async functions, which reject, never throw;
 * - normalizeHandler's branch for `{ handle }` objects and Route's default method: we pass functions and a method.
 */
const DEAD_WORKBOX_CODE: Record<string, Array<RegExp | [RegExp, string]>> = {
  normalizeHandler: [[/if \(handler && typeof handler === 'object'\) \{[\s\S]*?\n {4}\}\n {4}else \{/, '{']],
  Route: [[/\(match, handler, method = defaultMethod\)/, '(match, handler, method)']],
  Router: [
    /\n {8}this\._defaultHandlerMap = new Map\(\);/,
    /\n {8}if \(!url\.protocol\.startsWith\('http'\)\) \{[\s\S]*?\n {8}\}/,
    [/new URL\(request\.url, location\.href\)/, 'new URL(request.url)'],
    /\n {16}params = matchResult;/,
    /\n {8}const sameOrigin = url\.origin === location\.origin;/,
    /\n {12}sameOrigin,(?=\n {12}url,)/,
    [/findMatchingRoute\(\{ url, sameOrigin, request, event, \}\)/, 'findMatchingRoute({ url, request, event, })'],
    [/route\.match\(\{ url, sameOrigin, request, event \}\)/, 'route.match({ url, request, event })'],
    /\n {8}const method = request\.method;/,
    /\n {8}if \(!handler && this\._defaultHandlerMap\.has\(method\)\) \{\n[\s\S]*?\n {8}\}(?=\n)/,
    [
      /\n {8}let responsePromise;\n {8}try \{\n {12}(responsePromise = handler\.handle\(.*\);)\n {8}\}\n {8}catch \(err\) \{\n[^\n]*\n {8}\}/,
      '\n        const $1',
    ],
    /\n {8}const catchHandler = route && route\.catchHandler;\n {8}if \([\s\S]*?\n {8}\}(?=\n {8}return responsePromise;)/,
    /\n {16}if \(Array\.isArray\(params\) && params\.length === 0\) \{[\s\S]*?\n {16}\}(?=(?:\n {16}\/\/.*)*\n {16}return \{ route, params \};)/,
    /\n {12}let params;/,
    [/return \{ route, params \};/, 'return { route };'],
    [/const \{ params, route \} = this\.findMatchingRoute\(/, 'const { route } = this.findMatchingRoute('],
    [/handler\.handle\(\{ url, request, event, params \}\)/, 'handler.handle({ url, request, event })'],
  ],
};

const trimWorkbox: Plugin = {
  name: 'bearer-worker:trim-workbox',
  transform(code, id) {
    if (/workbox-(core|routing)[\\/]_version\.js$/.test(id)) return '';
    const file = /workbox-routing[\\/](?:utils[\\/])?(Router|Route|normalizeHandler)\.js$/.exec(id)?.[1];
    if (!file) return null;
    let out = code;
    for (const method of UNUSED_WORKBOX_METHODS[file] ?? []) {
      const start = out.search(new RegExp(`\\n    (?:get )?${method}\\(`));
      const end = out.indexOf('\n    }\n', start);
      if (start >= 0 && end >= 0) out = out.slice(0, start) + out.slice(end + 6);
    }
    for (const dead of DEAD_WORKBOX_CODE[file] ?? []) {
      const [pattern, replacement] = dead instanceof RegExp ? [dead, ''] : dead;
      if (out.match(new RegExp(pattern.source, 'g'))?.length === 1) out = out.replace(pattern, replacement);
    }
    return out;
  },
};

/**
 * Property names the minifier renames in the worker: ours end in `_` (`session.tokenFor_`, `token.hardExpiry_`),
 * workbox's private ones start with it (`router._routes`). Never a protocol, status or config field, a DOM name
 * or a name the unit tests read: those keep their spelling. Rolldown (Vite 8 and later) mangles in its one minify
 * pass over the whole bundle, so every use gets the same new name; with older Vites the names stay as they are,
 * which is only bigger. vite/build-worker-script.test.ts checks the minified worker still speaks the protocol.
 */
const MANGLED_PROPERTIES = /^_[a-z]|[a-z]_$/i;

/**
 * One minified classic script (IIFE) from a browser entry, in memory. The worker below is built with it;
 * so are the bench's page script and the bridge whose size the bench reports. `worker: true` (the default
 * worker) trims workbox-routing and, when minified, mangles the `_` names (above).
 */
export async function buildClassicScript(
  entry: string,
  name: string,
  options: { define?: Record<string, string>; minify?: boolean; worker?: boolean } = {},
): Promise<string> {
  const minify = options.minify ?? true;
  const mangle = options.worker && minify && Number(viteVersion.split('.')[0]) >= 8;
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { ...options.define, 'process.env.NODE_ENV': '"production"' },
    plugins: options.worker ? [trimWorkbox] : [],
    build: {
      write: false,
      emptyOutDir: false,
      minify,
      sourcemap: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` },
      ...(mangle && {
        rolldownOptions: {
          output: {
            minify: {
              compress: { treeshake: { propertyReadSideEffects: false } },
              mangleProps: { include: MANGLED_PROPERTIES },
            },
          },
        },
      }),
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
  compiled?: Pick<ResolvedConfig, 'apiPathPrefix' | 'requireHeader' | 'staticRoutes'>,
): Promise<string> {
  if (!entry) throw new Error('bearer-worker: the worker entry (sw/default-worker) is missing from the package.');
  return buildClassicScript(entry, 'bearerWorker', {
    minify,
    worker: true,
    define: {
      __BEARER_WORKER_CONFIG__: expressions.config,
      __BEARER_WORKER_BUILD__: expressions.build,
      __BEARER_WORKER_INSPECTOR__: String(inspector),
      // Development builds log each decision to the console; production builds carry none of it.
      __BEARER_WORKER_DEV__: String(dev),
      // With a literal config, these of its values as constants too (sw/compiled-config.ts).
      ...(compiled && {
        __BEARER_WORKER_API_PATH_PREFIX__: JSON.stringify(compiled.apiPathPrefix),
        __BEARER_WORKER_REQUIRE_HEADER__: JSON.stringify(compiled.requireHeader),
        __BEARER_WORKER_STATIC_ROUTES__: JSON.stringify(compiled.staticRoutes),
      }),
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
  const json = JSON.stringify(resolved);
  const buildId = `${packageVersion()}+${createHash('sha256').update(json).digest('hex').slice(0, 10)}`;
  // Values compiled in as constants (the inspector flag, sw/compiled-config.ts) stay out of the config literal:
  // the worker never reads them from it.
  const { inspector, apiPathPrefix, requireHeader, staticRoutes, ...runtime } = resolved;
  return buildDefaultWorker(
    { config: JSON.stringify(runtime), build: JSON.stringify(buildId) },
    inspector,
    options.minify,
    options.dev,
    { apiPathPrefix, requireHeader, staticRoutes },
  );
}
