import { afterEach, describe, expect, it, vi } from 'vitest';

/** Just enough of a worker's global scope to install the injector and fire its install event. */
function fakeWorkerScope() {
  const listeners = new Map<string, (event: unknown) => void>();
  const scope = {
    location: new URL('https://app.example/sw.js'),
    registration: { scope: 'https://app.example/' },
    clients: { claim: vi.fn(async () => {}), matchAll: vi.fn(async () => []) },
    skipWaiting: vi.fn(async () => {}),
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
  };
  vi.stubGlobal('self', scope);
  // Chromium has URLPattern wherever it has addRoutes; Node 20 has neither.
  vi.stubGlobal('URLPattern', class {});
  return {
    // Imported once `self` exists: workbox's dev logger touches it when loaded.
    installTokenInjector: async (
      ...args: Parameters<typeof import('./install-token-injector.js').installTokenInjector>
    ) => (await import('./install-token-injector.js')).installTokenInjector(...args),
    install() {
      const added: unknown[][] = [];
      const event = { addRoutes: vi.fn(async (r: unknown[]) => void added.push(r)), waitUntil: vi.fn() };
      listeners.get('install')!(event);
      return added;
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('installTokenInjector', () => {
  it("adds no Static Routing rules by default: the host worker's own routes see every request", async () => {
    const scope = fakeWorkerScope();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect(scope.install()).toEqual([]);
  });

  it("adds the rules the host asks for with staticRoutes: 'cross-origin' keeps same-origin requests", async () => {
    const scope = fakeWorkerScope();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'], staticRoutes: 'cross-origin' });
    const [rules] = scope.install() as { condition: { urlPattern?: { hostname: string } }; source: string }[][];
    expect(rules![0]).toMatchObject({ condition: { urlPattern: { hostname: 'app.example' } }, source: 'fetch-event' });
    expect(rules!.some((r) => r.condition.urlPattern?.hostname === 'app.example' && r.source === 'network')).toBe(
      false,
    );
  });

  it('refuses a wrong staticRoutes with a coded error before touching the worker', async () => {
    const scope = fakeWorkerScope();
    await expect(
      scope.installTokenInjector({ apiOrigins: ['https://api.example'], staticRoutes: 'host' as 'none' }),
    ).rejects.toMatchObject({ code: 'invalid-options' });
  });
});
