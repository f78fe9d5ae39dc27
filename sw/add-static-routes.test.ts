import { describe, expect, it } from 'vitest';
import { addStaticRoutes, staticRoutes } from './add-static-routes.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { InjectorConfig } from '../config/types.js';

const APP = 'https://app.example';
const rules = (config: InjectorConfig, defaultMode?: 'all' | 'cross-origin' | 'none') =>
  staticRoutes(resolveConfig(config, defaultMode), APP);
const summary = (config: InjectorConfig, defaultMode?: 'all' | 'cross-origin' | 'none') =>
  rules(config, defaultMode).map((r) => [
    r.condition.requestMode ?? r.condition.urlPattern?.hostname,
    r.condition.urlPattern?.pathname,
    r.source,
  ]);

describe('staticRoutes', () => {
  it("'all' (default): auth path and its other spellings to the worker, then navigations, no-cors, the API", () => {
    const all = rules({ apiOrigins: ['https://api.example:8443'], apiPathPrefix: '/api' });
    expect(summary({ apiOrigins: ['https://api.example:8443'], apiPathPrefix: '/api' })).toEqual([
      ['app.example', '/api/auth*', 'fetch-event'],
      ['app.example', '/*%*', 'fetch-event'],
      ['app.example', '/*;*', 'fetch-event'],
      ['app.example', '//*', 'fetch-event'],
      ['app.example', '/*//*', 'fetch-event'],
      ['navigate', undefined, 'network'],
      ['no-cors', undefined, 'network'],
      ['api.example', '/api*', 'fetch-event'],
      ['*', '/*', 'network'],
    ]);
    // /API/Auth/token reaches the worker too (servers that ignore case would answer it as the token endpoint).
    expect(all[0]!.condition.urlPattern).toMatchObject({ protocol: 'https', port: '', ignoreCase: 'true' });
    for (const r of all.slice(1, 5)) {
      expect(r.condition.urlPattern).toMatchObject({ protocol: 'https', hostname: 'app.example', port: '' });
      expect(r.condition.urlPattern!.ignoreCase).toBeUndefined();
    }
    expect(all[7]!.condition.urlPattern).toMatchObject({ protocol: 'https', port: '8443', search: '*', hash: '*' });
  });

  it("'cross-origin': every same-origin request reaches the fetch event, so a host worker's routes keep working", () => {
    expect(summary({ apiOrigins: ['https://api.example'], staticRoutes: 'cross-origin' })).toEqual([
      ['app.example', '/*', 'fetch-event'],
      ['no-cors', undefined, 'network'],
      ['api.example', '/*', 'fetch-event'],
      ['*', '/*', 'network'],
    ]);
    // No navigation rule: a same-origin navigation is the host's (offline shell).
    expect(rules({ apiOrigins: ['https://api.example'], staticRoutes: 'cross-origin' })).not.toContainEqual(
      expect.objectContaining({ condition: { requestMode: 'navigate' } }),
    );
  });

  it('Better Auth on another origin: every request to it reaches the worker, in both modes, before no-cors', () => {
    const authOrigin = 'https://auth.example';
    const all = summary({ apiOrigins: ['https://api.example'], authOrigin });
    // After the navigation rule: the auth origin's navigations are its own, never this worker's.
    expect(all.slice(5, 8)).toEqual([
      ['navigate', undefined, 'network'],
      ['auth.example', '/*', 'fetch-event'],
      ['no-cors', undefined, 'network'],
    ]);
    expect(summary({ apiOrigins: ['https://api.example'], authOrigin, staticRoutes: 'cross-origin' })).toEqual([
      ['app.example', '/*', 'fetch-event'],
      ['auth.example', '/*', 'fetch-event'],
      ['no-cors', undefined, 'network'],
      ['api.example', '/*', 'fetch-event'],
      ['*', '/*', 'network'],
    ]);
    // The app's own origin named as the auth origin adds nothing.
    expect(summary({ apiOrigins: ['https://api.example'], authOrigin: APP })).toEqual(
      summary({ apiOrigins: ['https://api.example'] }),
    );
  });

  it("'none': no rules at all; installTokenInjector's default", () => {
    expect(rules({ apiOrigins: ['https://api.example'], staticRoutes: 'none' })).toEqual([]);
    expect(rules({ apiOrigins: ['https://api.example'] }, 'none')).toEqual([]);
    // An explicit choice beats the entry's default.
    expect(rules({ apiOrigins: ['https://api.example'], staticRoutes: 'all' }, 'none')).toHaveLength(9);
  });

  it('refuses an unknown mode with a coded error', () => {
    for (const staticRoutes of ['All', 'same-origin', true, 1] as unknown as 'all'[]) {
      expect(() => resolveConfig({ apiOrigins: ['https://api.example'], staticRoutes })).toThrow(
        expect.objectContaining({
          code: 'invalid-options',
          message: expect.stringMatching(/^invalid-options: staticRoutes:/),
        }),
      );
    }
  });

  it('escapes pattern syntax in paths and hostnames', () => {
    const r = rules({ apiOrigins: ['https://[::1]:9000'], apiPathPrefix: '/v(1)', authBasePath: '/auth:x' });
    expect(r[0]!.condition.urlPattern!.pathname).toBe('/auth\\:x*');
    expect(r[7]!.condition.urlPattern).toMatchObject({ hostname: '\\[\\:\\:1\\]', pathname: '/v\\(1\\)*' });
  });

  it('never uses a relative pathname, which Chromium resolves against the worker directory', () => {
    // A worker at /app/sw.js would read '*' as '/app/*': the catch-all would miss the rest of the site,
    // and with an empty prefix the API rule would miss the API.
    for (const mode of ['all', 'cross-origin'] as const) {
      const r = rules({ apiOrigins: ['https://api.example'], staticRoutes: mode });
      for (const { condition } of r) if (condition.urlPattern) expect(condition.urlPattern.pathname).toMatch(/^\//);
      expect(r.at(-2)!.condition.urlPattern!.pathname).toBe('/*');
    }
  });
});

/**
 * Which rule a same-origin request meets first, as Chromium decides for a worker served at `script`: a
 * pathname that does not start with '/' is resolved against the script's directory (the bug this guards).
 */
function firstRule(all: ReturnType<typeof rules>, url: string, mode: RequestMode, script: string) {
  const u = new URL(url);
  return all.find(({ condition: { urlPattern: p, requestMode } }) => {
    if (requestMode) return requestMode === mode;
    if (p!.hostname !== '*' && p!.hostname !== u.hostname) return false;
    const path = p!.pathname!.startsWith('/') ? p!.pathname! : new URL('.', script).pathname + p!.pathname;
    const source = path.replace(/\\(.)|\*|[^\\*]/g, (m, escaped?: string) =>
      m === '*' ? '.*' : (escaped ?? m).replace(/[.?+^$|()[\]{}/]/g, '\\$&'),
    );
    return new RegExp(`^${source}$`, p!.ignoreCase ? 'i' : '').test(u.pathname);
  })?.source;
}

describe('static routes for a worker served below the site root', () => {
  const all = rules({ apiOrigins: ['https://api.example'], apiPathPrefix: '/api/v1' });
  it.each([
    '/api;x/auth/token',
    '/%61pi/auth/token',
    '/api/auth/%74oken',
    '//api/auth/token',
    '/api//auth/token',
    '/API/Auth/token',
    '/api/auth/token',
  ])('sends %s from a page to the worker, whatever folder the worker is served from', (path) => {
    for (const script of [`${APP}/sw.js`, `${APP}/app/sw.js`, `${APP}/a/b/c/sw.js`]) {
      for (const mode of ['cors', 'no-cors', 'navigate'] as const) {
        expect(firstRule(all, APP + path, mode, script), `${mode} ${path} with ${script}`).toBe('fetch-event');
      }
    }
  });

  it('still sends plain same-origin requests to the network, and API calls to the worker', () => {
    for (const script of [`${APP}/sw.js`, `${APP}/app/sw.js`]) {
      expect(firstRule(all, `${APP}/app/page.js`, 'cors', script)).toBe('network');
      expect(firstRule(all, 'https://api.example/api/v1/tasks', 'cors', script)).toBe('fetch-event');
    }
  });
});

describe('addStaticRoutes', () => {
  const install = (config: InjectorConfig, defaultMode?: 'all' | 'cross-origin' | 'none') => {
    const added: unknown[][] = [];
    const waited: Promise<unknown>[] = [];
    const event = {
      addRoutes: (r: unknown[]) => (added.push(r), Promise.resolve()),
      waitUntil: (p: Promise<unknown>) => waited.push(p),
    } as unknown as ExtendableEvent;
    addStaticRoutes(event, resolveConfig(config, defaultMode), APP);
    return { added, waited };
  };

  it('adds nothing in "none" mode', () => {
    const { added, waited } = install({ apiOrigins: ['https://api.example'] }, 'none');
    expect(added).toEqual([]);
    expect(waited).toEqual([]);
  });

  it('turns the ignore-case pattern into a URLPattern with ignoreCase (where the browser has URLPattern)', () => {
    const made: unknown[] = [];
    class FakeUrlPattern {
      constructor(
        readonly init: unknown,
        readonly options: unknown,
      ) {
        made.push(this);
      }
    }
    (globalThis as { URLPattern?: unknown }).URLPattern = FakeUrlPattern;
    try {
      const { added, waited } = install({ apiOrigins: ['https://api.example'] });
      expect(waited).toHaveLength(1);
      const [first, second] = added[0] as Array<{ condition: { urlPattern: unknown } }>;
      expect(first!.condition.urlPattern).toBeInstanceOf(FakeUrlPattern);
      expect(first!.condition.urlPattern).toMatchObject({
        init: { hostname: 'app.example', pathname: '/api/auth*' },
        options: { ignoreCase: true },
      });
      expect((first!.condition.urlPattern as { init: object }).init).not.toHaveProperty('ignoreCase');
      expect(second!.condition.urlPattern).toMatchObject({ pathname: '/*%*' });
      expect(made).toHaveLength(1);
    } finally {
      delete (globalThis as { URLPattern?: unknown }).URLPattern;
    }
  });
});
