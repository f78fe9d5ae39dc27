declare const __BEARER_WORKER_OFFLINE__: boolean | undefined;

/**
 * True in workers built with `offlineWrites`: only they carry the offline queue. Everywhere else the
 * minifier drops the queue's hooks and the bundler leaves its files out, so the default worker pays nothing
 * for it. Custom workers get it by defining `__BEARER_WORKER_OFFLINE__: true`. (Undefined outside our
 * build: `typeof` keeps that safe.)
 */
export const OFFLINE = typeof __BEARER_WORKER_OFFLINE__ === 'boolean' && __BEARER_WORKER_OFFLINE__;
