import type { Plugin } from 'vite';
import { optionError } from '../protocol/check-option.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { InjectorConfig } from '../config/types.js';
import { buildWorkerScript } from './build-worker-script.js';

export interface BearerWorkerPluginOptions extends InjectorConfig {
  /** Output file name, served from the site root. Default 'sw.js'. */
  fileName?: string;
}

/**
 * Serves (dev) and emits (build) the configured worker. Config is checked when Vite loads the plugin,
 * so a wrong option fails the build, not the first request.
 */
export function bearerWorker(options: BearerWorkerPluginOptions): Plugin {
  const { fileName = 'sw.js', ...config } = options ?? ({} as BearerWorkerPluginOptions);
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.m?js$/.test(fileName)) {
    optionError('fileName', `${JSON.stringify(fileName)} must be a plain file name like 'sw.js'.`);
  }
  resolveConfig(config);
  let dev: Promise<string> | undefined;
  let base = '/';
  return {
    name: 'bearer-worker',
    configResolved(c) {
      base = c.base.endsWith('/') ? c.base : c.base + '/';
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== base + fileName) return next();
        dev ??= buildWorkerScript(config, { minify: false, dev: true });
        dev.then(
          (code) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.setHeader('cache-control', 'no-cache');
            res.end(code);
          },
          (err: unknown) => {
            dev = undefined;
            next(err);
          },
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await buildWorkerScript(config) });
    },
  };
}

export { buildWorkerScript } from './build-worker-script.js';
