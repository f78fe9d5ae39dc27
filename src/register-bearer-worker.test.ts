import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerBearerWorker } from './register-bearer-worker.js';
import { BearerWorkerError } from '../protocol/bearer-worker-error.js';

const options = { apiOrigins: ['https://api.example.com'] };

afterEach(() => vi.unstubAllGlobals());

describe('registerBearerWorker during server rendering (no window)', () => {
  it('does not throw, registers nothing, and returns an inert handle', async () => {
    // A server runtime with a navigator (Node 21 and later have one): still nothing is registered.
    const register = vi.fn();
    vi.stubGlobal('navigator', { serviceWorker: { register } });
    const handle = registerBearerWorker(options);
    expect(register).not.toHaveBeenCalled();
    expect(handle.isControlled()).toBe(false);
    const unsubscribe = handle.onSignedOut(() => {});
    expect(unsubscribe).toBeTypeOf('function');
    unsubscribe();
  });

  it('rejects what needs the browser with server-rendering', async () => {
    const handle = registerBearerWorker(options);
    for (const pending of [
      handle.ready,
      handle.signOut(),
      handle.status(),
      handle.forgetToken(),
      handle.sessionChanged(),
    ]) {
      const error = await pending.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BearerWorkerError);
      expect((error as BearerWorkerError).code).toBe('server-rendering');
    }
  });

  it('does not hand the server handle to the browser: a call with a window registers for real', () => {
    registerBearerWorker(options);
    // A browser page without service workers: the browser path runs (and says why it cannot work).
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    vi.stubGlobal('location', new URL('http://localhost:3000/'));
    vi.stubGlobal('navigator', {});
    expect(() => registerBearerWorker(options)).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });

  it('can be imported on a server without touching browser globals', async () => {
    const touched: string[] = [];
    for (const name of ['window', 'document', 'navigator', 'location', 'self']) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get: () => void touched.push(name),
      });
    }
    try {
      vi.resetModules();
      const lib = await import('./index.js');
      expect(touched).toEqual([]);
      expect(lib.registerBearerWorker).toBeTypeOf('function');
    } finally {
      for (const name of ['window', 'document', 'navigator', 'location', 'self'])
        delete (globalThis as Record<string, unknown>)[name];
    }
  });
});
