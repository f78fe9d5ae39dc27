// The modern module, not the package's ES5 build: same code without Babel's helpers (~0.4 kB less).
import { Workbox } from 'workbox-window/Workbox.js';
import type { BearerWorker } from './bearer-worker.js';
import { createBridge } from './create-bridge.js';
import { resolveOptions, type BearerWorkerOptions } from './resolve-options.js';
import { BearerWorkerError } from './shared/bearer-worker-error.js';

const registered = new Map<string, BearerWorker>();

/**
 * Registers the worker once per page and returns the bridge to it. Throws BearerWorkerError on bad
 * options or where service workers are unavailable; everything later rejects `ready` with a code.
 */
export function registerBearerWorker(options: BearerWorkerOptions): BearerWorker {
  const opts = resolveOptions(options, globalThis.location?.origin ?? '');
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !globalThis.isSecureContext) {
    throw new BearerWorkerError('unsupported', 'needs HTTPS or localhost');
  }
  const existing = registered.get(opts.scriptUrl);
  if (existing) return existing;
  const scriptURL = new URL(opts.scriptUrl, location.href).href;
  const handle = createBridge(opts, {
    container: navigator.serviceWorker,
    location,
    isOurs: (sw): sw is ServiceWorker => sw instanceof ServiceWorker && sw.scriptURL === scriptURL,
    register: () => new Workbox(scriptURL, { scope: opts.scope, updateViaCache: 'none' }).register({ immediate: true }),
  });
  registered.set(opts.scriptUrl, handle);
  return handle;
}
