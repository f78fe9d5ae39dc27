import type { StaticRoutes } from './types.js';

declare const __BEARER_WORKER_REQUIRE_HEADER__: string | undefined;
declare const __BEARER_WORKER_STATIC_ROUTES__: StaticRoutes | undefined;

/*
 * Config values the default worker's build compiles in as constants, from the same resolved config it compiles
 * in whole (vite/build-worker-script.ts), so the minifier drops the code for the values not chosen. Undefined
 * everywhere else (the CLI's prebuilt worker, installTokenInjector in your own worker): the config decides at
 * run time. Use as `REQUIRE_HEADER ?? config.requireHeader`.
 */
export const REQUIRE_HEADER =
  typeof __BEARER_WORKER_REQUIRE_HEADER__ === 'string' ? __BEARER_WORKER_REQUIRE_HEADER__ : undefined;
export const STATIC_ROUTES =
  typeof __BEARER_WORKER_STATIC_ROUTES__ === 'string' ? __BEARER_WORKER_STATIC_ROUTES__ : undefined;
