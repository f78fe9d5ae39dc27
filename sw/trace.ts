import { INSPECTOR } from './inspector.js';

declare const __BEARER_WORKER_DEV__: boolean | undefined;

/**
 * True in development builds (the Vite plugin's dev server, `dev: true` in buildWorkerScript, or your own
 * bundler defining `__BEARER_WORKER_DEV__: true`): the worker logs each decision to the console as
 * `[bearer-worker] <decision> <detail>`. Production builds drop that code and its strings.
 */
export const DEV = typeof __BEARER_WORKER_DEV__ === 'boolean' && __BEARER_WORKER_DEV__;

/** Whether decisions are recorded at all: for the inspector's event log, the console, or both. */
export const TRACE = INSPECTOR || DEV;
