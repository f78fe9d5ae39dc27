import type { StaticRoutes } from './types.js';

declare const __BEARER_WORKER_API_PATH_PREFIX__: string | undefined;
declare const __BEARER_WORKER_REQUIRE_HEADER__: string | undefined;
declare const __BEARER_WORKER_STATIC_ROUTES__: StaticRoutes | undefined;

/*
 * Config values the default worker's build compiles in as constants (vite/build-worker-script.ts), so the
 * minifier drops the code for the values not chosen (no marker header: no header checks; 'all': no other
 * static-routing modes; a path prefix: no prefix-less branches); that build leaves them out of the config
 * object it compiles in. Undefined everywhere else (the CLI's prebuilt worker, installTokenInjector in your own worker):
 * the config decides at run time. Always read as `REQUIRE_HEADER ?? config.requireHeader`.
 */
export const API_PATH_PREFIX =
  typeof __BEARER_WORKER_API_PATH_PREFIX__ === 'string' ? __BEARER_WORKER_API_PATH_PREFIX__ : undefined;
export const REQUIRE_HEADER =
  typeof __BEARER_WORKER_REQUIRE_HEADER__ === 'string' ? __BEARER_WORKER_REQUIRE_HEADER__ : undefined;
export const STATIC_ROUTES =
  typeof __BEARER_WORKER_STATIC_ROUTES__ === 'string' ? __BEARER_WORKER_STATIC_ROUTES__ : undefined;
