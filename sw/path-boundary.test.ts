import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBackoffStore, noMarker } from './test-support/fake-stack.js';
import { resolveConfig } from '../config/resolve-config.js';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { createAuthHandler } from './create-auth-handler.js';
import { createApiMatcher, createAuthMatcher } from './route-matchers.js';
import { Session } from './session.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import { createWorkerState } from './worker-state.js';

// Models of how servers read a request path, to check the worker against. Each returns the path the
// server routes, or null where it refuses the request (400).

/** %XX as bytes (a latin1 string), as nginx and Go decode; null on a bad escape. */
function bytesStrict(p: string): string | null {
  return /%(?![\da-f]{2})/i.test(p)
    ? null
    : p.replace(/%([\da-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Python's urllib.parse.unquote: UTF-8 runs, invalid bytes become U+FFFD, bad escapes stay as they are. */
function pythonUnquote(p: string): string {
  return p.replace(/(%[\da-f]{2})+/gi, (run) => {
    const bytes = Uint8Array.from(run.match(/%../g)!, (e) => parseInt(e.slice(1), 16));
    return new TextDecoder().decode(bytes);
  });
}

/** Dot segments resolved and empty segments merged (posixpath.normpath, path.Clean, nginx). */
function clean(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return '/' + out.join('/');
}

const node = (p: string) => {
  try {
    return clean(decodeURIComponent(p));
  } catch {
    return null;
  }
};
const python = (p: string) => clean(pythonUnquote(p));
const go = (p: string) => {
  const d = bytesStrict(p);
  return d === null ? null : clean(d);
};
/** nginx decodes and normalises, then passes the decoded path on to an app server that decodes again. */
const nginxThen = (app: (p: string) => string | null) => (p: string) => {
  const d = bytesStrict(p);
  if (d === null) return null;
  // nginx re-encodes only what must be (here: '%', ' ', controls and non-ASCII) before proxying.
  const forwarded = clean(d).replace(
    // eslint-disable-next-line no-control-regex -- control characters are what nginx escapes
    /[%\s\u0000-\u001f\u007f-\u00ff]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'),
  );
  return app(forwarded);
};
/** A proxy that decodes once and forwards raw, in front of an app that decodes again. */
const doubleDecode = (p: string) => {
  try {
    return clean(decodeURIComponent(decodeURIComponent(p)));
  } catch {
    return null;
  }
};
const backslashes = (p: string) => {
  const d = node(p);
  return d === null ? null : clean(d.replace(/\\/g, '/'));
};
const semicolons = (p: string) => {
  const d = node(p.replace(/;[^/]*/g, ''));
  return d;
};

const SERVERS = {
  node,
  python,
  go,
  'nginx+node': nginxThen(node),
  'nginx+python': nginxThen(python),
  'nginx+go': nginxThen(go),
  doubleDecode,
  backslashes,
  semicolons,
};

const hex = (c: string) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0');
/** A fullwidth form's UTF-8, percent-encoded ('．' for '.', 'ｔ' for 't'): NFKC folds it back. */
const fullwidth = (c: string) => encodeURIComponent(String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const DOTS = ['.', '..', '%2e', '%2E', '.%2e', '%2e%2e', '%252e', '%25252e', '%c0%ae', '%u002e', fullwidth('.')];
const SLASHES = [
  '%2f',
  '%2F',
  '%252f',
  '%25252f',
  '%5c',
  '%255c',
  '\\',
  '%c0%af',
  '%e0%80%af',
  '%c1%9c',
  fullwidth('/'),
];
const PLAIN = ['admin', 'x', 'v1', 'A', '%41', '%2561', '%20', 'é'];
const JUNK = ['%ff', '%fe', '%00', '%0a', '%25', '%', ';', ';x', '%3b', '%253b', '', '?', '#'];
const atom = fc.oneof(
  { arbitrary: fc.constantFrom(...DOTS), weight: 4 },
  { arbitrary: fc.constantFrom(...SLASHES), weight: 3 },
  { arbitrary: fc.constantFrom(...PLAIN), weight: 2 },
  { arbitrary: fc.constantFrom(...JUNK), weight: 2 },
);
const segment = fc.array(atom, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));

/** Paths near the prefix, heavy in dots, separators and bad escapes at every encoding depth. */
const path = fc
  .tuple(fc.constantFrom('/api/v1/', '/api/v1', '/api/', '/', '//', '/api/v1/x/'), fc.array(segment, { maxLength: 5 }))
  .map(([start, segs]) => start + segs.join('/'));

const spellChar = (c: string) =>
  fc.oneof(
    { arbitrary: fc.constant(c), weight: 12 },
    { arbitrary: fc.constantFrom(c.toUpperCase(), hex(c), '%25' + hex(c).slice(1)), weight: 3 },
    { arbitrary: fc.constantFrom('%2525' + hex(c).slice(1), fullwidth(c)), weight: 1 },
  );
const spellWord = (w: string) =>
  fc.tuple(...w.split('').map(spellChar), fc.constantFrom('', '', ';x', ';')).map((a) => a.join(''));
const spellSep = fc.constantFrom(
  '/',
  '/',
  '/',
  '/',
  '/',
  '//',
  '/./',
  '/x/../',
  '/%2e/',
  '%2f',
  '%252f',
  '%5c',
  '/x%ff/..%2f',
  '/x/%2e%2e/',
  '/%252e/',
  '/%ff%2f',
  '/x/%252e%252e/',
  '/' + fullwidth('.') + '/',
);
/** Spellings of /api/auth/token: each letter as it is, upper case, encoded once, twice, thrice or fullwidth. */
const tokenPath = fc
  .tuple(
    spellSep,
    spellWord('api'),
    spellSep,
    spellWord('auth'),
    spellSep,
    spellWord('token'),
    fc.constantFrom('', '/', '//', '?x', ';x', '%ff'),
  )
  .map((parts) => '/' + parts.join('').replace(/^\//, ''));

const APP = 'http://localhost:5173';
const API = 'http://localhost:8000';
const PREFIX = '/api/v1';
const config = resolveConfig({ apiOrigins: [API], apiPathPrefix: PREFIX });
const isApi = createApiMatcher(config, createAuthMatcher(config, APP));
const request = { mode: 'cors', destination: '', headers: new Headers() } as Request;
const under = (p: string, base: string) => p === base || p.startsWith(base + '/');

describe('the API path prefix, against models of Node, Python, Go and nginx', () => {
  it('a path that gets a token is read under the prefix by every server (or refused by it)', () => {
    let authorized = 0;
    fc.assert(
      fc.property(path, (raw) => {
        // What the browser sends: its own URL parser goes first (dot segments, %2e, backslashes).
        const url = new URL(API + raw);
        if (!isApi({ url, request })) return;
        authorized++;
        for (const [name, read] of Object.entries(SERVERS)) {
          const routed = read(url.pathname);
          if (routed !== null) expect(under(routed, PREFIX), `${name} reads ${url.pathname} as ${routed}`).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    // The property was not vacuous: many generated paths did get a token.
    expect(authorized).toBeGreaterThan(200);
  });

  it('plain paths under the prefix still get a token (the boundary refuses only what is ambiguous)', () => {
    const plain = fc
      .array(fc.stringMatching(/^[\w\-.~ éü✓]{1,12}$/), { maxLength: 5 })
      .filter((segs) => segs.every((s) => s !== '.' && s !== '..'));
    fc.assert(
      fc.property(plain, (segs) => {
        const url = new URL(PREFIX + '/' + segs.map(encodeURIComponent).join('/'), API);
        expect(isApi({ url, request }), url.pathname).toBe(true);
      }),
    );
  });
});

describe("Better Auth's token endpoint, against the same models", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('any spelling a server (case-sensitive or not) reads as the token endpoint is refused by the worker', async () => {
    const upstream = vi.fn(async () => Response.json({ token: 'eyJ.secret.x' }));
    vi.stubGlobal('fetch', upstream);
    const session = new Session(180, 60, Date.now, noMarker(), memoryBackoffStore());
    const handle = createAuthHandler(
      '/api/auth',
      session,
      {} as SignOutCoordinator,
      createWorkerState(),
      async () => {},
    );
    const isAuth = createAuthMatcher(config, APP);
    let tokenSpellings = 0;
    await fc.assert(
      fc.asyncProperty(tokenPath, async (raw) => {
        const url = new URL(APP + raw);
        const readsAsToken = Object.values(SERVERS).some((read) => {
          const routed = read(url.pathname);
          return routed !== null && /^\/api\/auth\/token\/?$/i.test(routed);
        });
        if (!readsAsToken) return;
        tokenSpellings++;
        expect(isAuth({ url, request }), url.pathname).toBe(true);
        const res = await handle({
          request: new Request(url),
          event: { waitUntil: () => {} } as unknown as ExtendableEvent,
        });
        expect(res.headers.get(WORKER_ERROR_HEADER), url.pathname).toBe('token-endpoint-blocked');
      }),
      { numRuns: 5000 },
    );
    expect(upstream).not.toHaveBeenCalled();
    expect(tokenSpellings).toBeGreaterThan(100);
  });
});
