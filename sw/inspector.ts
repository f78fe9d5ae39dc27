declare const __BEARER_WORKER_INSPECTOR__: boolean | undefined;

/**
 * True in workers built with `inspector: true`: only they keep counters and the event log that
 * `status()` reports. Everywhere else the minifier drops that code and its strings, the way workbox
 * strips its logging from production builds. (Undefined outside our build: `typeof` keeps that safe.)
 */
export const INSPECTOR = typeof __BEARER_WORKER_INSPECTOR__ === 'boolean' && __BEARER_WORKER_INSPECTOR__;
