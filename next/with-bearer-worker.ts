import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderWorkerScript } from '../cli/render-worker-script.js';
import { optionError } from '../protocol/check-option.js';
import type { InjectorConfig } from '../config/types.js';
import { apiBaseUrlConfig } from './api-base-url-config.js';

export interface NextBearerWorkerOptions extends Partial<InjectorConfig> {
  /**
   * The base URL the app's API calls start with, e.g. 'http://localhost:8000/api': its origin becomes
   * `apiOrigins`, its path `apiPathPrefix`. Default: `process.env.NEXT_PUBLIC_API_BASE_URL` (Next loads
   * `.env*` files before it reads next.config). Ignored when `apiOrigins` is given.
   */
  apiBaseUrl?: string;
  /** The worker's file in `publicDir`, served at `/<fileName>`. Default 'sw.js'. */
  fileName?: string;
  /** Next's public folder. Default `public` in the folder `next` runs in. */
  publicDir?: string;
}

interface HeaderRule {
  source: string;
  headers: Array<{ key: string; value: string }>;
}

/** What this wrapper reads of a Next config; everything else passes through untouched. */
type HeadersFunction = () => HeaderRule[] | Promise<HeaderRule[]>;

type NextConfigFunction<C> = (phase: string, context: { defaultConfig: C }) => C | Promise<C>;

/** Said in the file's first line, so whoever opens public/sw.js knows where it comes from. */
const GENERATED_BY = 'withBearerWorker (bearer-worker/next) from next.config';

/** next's PHASE_* constants (next/constants), spelled out so this module does not load Next. */
const DEV_PHASE = 'phase-development-server';
const PRODUCTION_PHASES = ['phase-production-build', 'phase-production-server', 'phase-export'];

function workerConfig(options: NextBearerWorkerOptions): InjectorConfig {
  const { apiBaseUrl = process.env.NEXT_PUBLIC_API_BASE_URL, fileName: _, publicDir: __, ...config } = options;
  if (config.apiOrigins) return config as InjectorConfig;
  if (!apiBaseUrl) {
    optionError('apiBaseUrl', 'set NEXT_PUBLIC_API_BASE_URL (in .env.local, say) or pass apiBaseUrl or apiOrigins.');
  }
  return { ...apiBaseUrlConfig(apiBaseUrl), ...config };
}

/** Writes the file only when its content changes, so a running dev server sees no needless change. */
function writeIfChanged(file: string, code: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === code) return;
  writeFileSync(file, code);
}

/**
 * Wraps a Next.js config: writes the configured worker to `public/sw.js` whenever Next loads its config,
 * a development build (logs each decision on the console) for `next dev`, the minified production build
 * for `next build` and `next start` (so a dev worker left in `public/` never reaches production), and
 * serves it with `Cache-Control: no-cache` so browsers check for a new worker on every load. No bundler
 * runs: the worker is prebuilt into this package and only its config is filled in.
 *
 * Config errors (no API base URL, an http origin that is not localhost) throw BearerWorkerError
 * 'invalid-options' when Next loads the config, so they fail `next dev` and `next build` at once.
 */
export function withBearerWorker<C extends object>(
  nextConfig: C | NextConfigFunction<C> = {} as C,
  options: NextBearerWorkerOptions = {},
): NextConfigFunction<C> {
  const fileName = options.fileName ?? 'sw.js';
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.m?js$/.test(fileName)) {
    optionError('fileName', `${JSON.stringify(fileName)} must be a plain file name like 'sw.js'.`);
  }
  const config = workerConfig(options);
  // Checked now, so a wrong option fails here and not in the first phase that writes the worker.
  renderWorkerScript(config);

  return async (phase, context) => {
    const resolved = typeof nextConfig === 'function' ? await nextConfig(phase, context) : nextConfig;
    const dev = phase === DEV_PHASE;
    if (dev || PRODUCTION_PHASES.includes(phase)) {
      const dir = resolve(options.publicDir ?? 'public');
      mkdirSync(dir, { recursive: true });
      writeIfChanged(join(dir, fileName), renderWorkerScript(config, { dev, generatedBy: GENERATED_BY }));
    }
    return {
      ...resolved,
      async headers() {
        const own = (await (resolved as { headers?: HeadersFunction }).headers?.()) ?? [];
        return [
          ...own,
          {
            source: `/${fileName}`,
            headers: [
              // Revalidate on every load, so a new worker is found at once (browsers cap a worker's HTTP
              // cache at 24 h anyway); Next's default for public files would allow a stale one.
              { key: 'Cache-Control', value: 'no-cache' },
              { key: 'Content-Type', value: 'text/javascript; charset=utf-8' },
            ],
          },
        ];
      },
    };
  };
}
