import type { BearerWorker } from './bearer-worker.js';
import { createBridge } from './create-bridge.js';
import { resolveOptions, type BearerWorkerOptions } from './resolve-options.js';
import { BearerWorkerError } from '../protocol/bearer-worker-error.js';

const registered = new Map<string, BearerWorker>();

/**
 * The handle during server rendering (Next.js renders client components on the server too): nothing is
 * registered and nothing throws, so a render never fails on it; what needs the browser rejects with
 * `server-rendering`. The browser's own call, in the hydrated page, registers for real.
 */
function serverRenderingHandle(): BearerWorker {
  const fail = () => Promise.reject(new BearerWorkerError('server-rendering', 'register in the browser (useEffect)'));
  const ready = fail();
  ready.catch(() => {});
  return {
    ready,
    signOut: fail,
    status: fail,
    forgetToken: fail,
    sessionChanged: fail,
    onSignedOut: () => () => {},
    onUpdate: () => () => {},
    isControlled: () => false,
    queueStatus: fail,
    replayQueue: fail,
    onQueueChanged: () => () => {},
  };
}

/**
 * Registers the worker once per page and returns the bridge to it. Throws BearerWorkerError on bad
 * options or where service workers are unavailable; everything later rejects `ready` with a code.
 * On a server (no `window`) it returns an inert handle instead (see serverRenderingHandle).
 */
export function registerBearerWorker(options: BearerWorkerOptions): BearerWorker {
  if (typeof window === 'undefined' || typeof document === 'undefined') return serverRenderingHandle();
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
    // Loaded here, not at the top: importing it touches `self`, and this module is imported on servers.
    workbox: opts.workbox
      ? Promise.resolve(opts.workbox)
      : import('workbox-window/Workbox.js').then(
          ({ Workbox }) => new Workbox(scriptURL, { scope: opts.scope, updateViaCache: 'none' }),
        ),
    // Called as a plain function: the page's fetch throws "Illegal invocation" on any other `this`.
    fetch: (input, init) => fetch(input, init),
    interactions: window,
    reload: () => location.reload(),
    onOnline: (listener) => addEventListener('online', listener),
    // A getter: reading sessionStorage throws where the page may not use storage (sandboxed frames).
    memory: () => sessionStorage,
  });
  registered.set(opts.scriptUrl, handle);
  return handle;
}
