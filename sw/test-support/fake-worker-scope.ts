// Test support: just enough of a worker's global scope to run the real installTokenInjector in Node.
import { vi } from 'vitest';

/** An empty Cache Storage: nothing a stopped worker left. */
const emptyCaches = { open: async () => ({ match: async () => undefined, put: async () => {} }) };

/**
 * Installs a fake worker global scope (`self`, `location`, `caches`) and returns what drives it: the
 * injector's installation, its fetch listener and its install event. `caches` stands in for Cache Storage,
 * where the worker keeps its "a session was seen" marker and token backoff (default: empty).
 */
export function fakeWorkerScope(caches: Pick<CacheStorage, 'open'> | object = emptyCaches) {
  const listeners = new Map<string, (event: unknown) => void>();
  /** What the worker handed to `event.waitUntil`. */
  const pending: Promise<unknown>[] = [];
  const scope = {
    location: new URL('https://app.example/sw.js'),
    registration: { scope: 'https://app.example/' },
    clients: { claim: vi.fn(async () => {}), matchAll: vi.fn(async () => []) },
    skipWaiting: vi.fn(async () => {}),
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    // Workbox's development logs stay quiet.
    __WB_DISABLE_DEV_LOGS: true,
  };
  vi.stubGlobal('self', scope);
  vi.stubGlobal('location', scope.location);
  vi.stubGlobal('caches', caches);
  // Chromium has URLPattern wherever it has addRoutes; Node 20 has neither.
  vi.stubGlobal('URLPattern', class {});
  return {
    skipWaiting: scope.skipWaiting,
    // Imported once `self` exists: workbox's dev logger touches it when loaded.
    installTokenInjector: async (
      ...args: Parameters<typeof import('../install-token-injector.js').installTokenInjector>
    ) => (await import('../install-token-injector.js')).installTokenInjector(...args),
    /** A page's fetch of `url`, through the worker's fetch listener; resolves to what it answered. */
    fetch(url: string, clientId = 'page-1') {
      return new Promise<Response>((resolve, reject) =>
        listeners.get('fetch')!({
          request: new Request(url),
          clientId,
          respondWith: (r: Promise<Response>) => r.then(resolve, reject),
          waitUntil: (p: Promise<unknown>) => void pending.push(p),
        }),
      );
    },
    /** Resolves once everything the worker handed to `waitUntil` so far has settled. */
    async settle() {
      while (pending.length) await Promise.allSettled(pending.splice(0));
    },
    install() {
      const added: unknown[][] = [];
      const event = { addRoutes: vi.fn(async (r: unknown[]) => void added.push(r)), waitUntil: vi.fn() };
      listeners.get('install')!(event);
      return added;
    },
  };
}
