import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { createApiMatcher, createAuthMatcher } from './route-matchers.js';

const config = resolveConfig({ apiOrigins: ['http://localhost:8000'], apiPathPrefix: '/api' });
const isApi = createApiMatcher(config, createAuthMatcher(config, 'http://localhost:5173'));
const isAuth = createAuthMatcher(config, 'http://localhost:5173');

// Node's Request cannot be built with mode 'navigate' or a destination, so fake just what the matcher reads.
function req(url: string, o: { mode?: RequestMode; destination?: RequestDestination; auth?: boolean } = {}) {
  const request = {
    mode: o.mode ?? 'cors',
    destination: o.destination ?? '',
    headers: new Headers(o.auth ? { authorization: 'Bearer page' } : {}),
  } as Request;
  return { url: new URL(url), request };
}

describe('API matcher', () => {
  it('matches script requests to the exact origin under the prefix', () => {
    expect(isApi(req('http://localhost:8000/api/v1/u/tasks'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api/v1/u/tasks', { mode: 'same-origin' }))).toBe(true);
  });

  it.each([
    ['another port', 'http://localhost:8001/api/x'],
    ['another scheme', 'https://localhost:8000/api/x'],
    ['a look-alike host', 'http://localhost.evil.test:8000/api/x'],
    ['userinfo trick', 'http://localhost:8000@evil.test/api/x'],
    ['a prefix look-alike path', 'http://localhost:8000/apix/x'],
    ['outside the prefix', 'http://localhost:8000/other'],
  ])('refuses %s', (_, url) => {
    expect(isApi(req(url))).toBe(false);
  });

  it('refuses navigations, no-cors subresources, element requests and requests with their own Authorization', () => {
    const url = 'http://localhost:8000/api/v1/u/tasks';
    expect(isApi(req(url, { mode: 'navigate', destination: 'document' }))).toBe(false);
    expect(isApi(req(url, { mode: 'no-cors', destination: 'image' }))).toBe(false);
    expect(isApi(req(url, { mode: 'cors', destination: 'image' }))).toBe(false);
    expect(isApi(req(url, { auth: true }))).toBe(false);
  });
});

describe('auth matcher', () => {
  it('matches same-origin Better Auth paths only', () => {
    expect(isAuth(req('http://localhost:5173/api/auth/get-session'))).toBe(true);
    expect(isAuth(req('http://localhost:5173/api/authx'))).toBe(false);
    expect(isAuth(req('http://localhost:8000/api/auth/token'))).toBe(false);
    // Navigations and no-cors too: the token endpoint must be refused however it is asked for.
    expect(isAuth(req('http://localhost:5173/api/auth/token', { mode: 'navigate', destination: 'iframe' }))).toBe(true);
    expect(isAuth(req('http://localhost:5173/api/auth/token', { mode: 'no-cors' }))).toBe(true);
  });
});

describe('auth matcher, Better Auth on its own origin', () => {
  const elsewhere = { ...config, authOrigin: 'http://localhost:3001' };
  const isAuthElsewhere = createAuthMatcher(elsewhere, 'http://localhost:5173');

  it("matches the auth origin's Better Auth paths, in every mode, and never another origin's", () => {
    expect(isAuthElsewhere(req('http://localhost:3001/api/auth/sign-in/email'))).toBe(true);
    expect(isAuthElsewhere(req('http://localhost:3001/API/auth/%74oken', { mode: 'no-cors' }))).toBe(true);
    expect(isAuthElsewhere(req('http://localhost:3001/other'))).toBe(false);
    expect(isAuthElsewhere(req('http://localhost:3002/api/auth/token'))).toBe(false);
  });

  it("still matches the app's own auth path (the bridge's page-load hint goes there)", () => {
    expect(isAuthElsewhere(req('http://localhost:5173/api/auth/x'))).toBe(true);
  });
});

describe('same-origin API', () => {
  it('never treats Better Auth paths as API paths, so the token endpoint stays refused and unauthorized', () => {
    const sameOrigin = resolveConfig({ apiOrigins: ['http://localhost:5173'], apiPathPrefix: '/api' });
    const api = createApiMatcher(sameOrigin, createAuthMatcher(sameOrigin, 'http://localhost:5173'));
    const auth = createAuthMatcher(sameOrigin, 'http://localhost:5173');
    expect(api(req('http://localhost:5173/api/v1/u/tasks'))).toBe(true);
    expect(api(req('http://localhost:5173/api/auth/token'))).toBe(false);
    expect(auth(req('http://localhost:5173/api/auth/token'))).toBe(true);
  });
});

describe('apiPathPrefix is a boundary', () => {
  it.each([
    'http://localhost:8000/api/%2e%2e/admin',
    'http://localhost:8000/api/%2E%2E/admin',
    'http://localhost:8000/api/..%2fadmin',
    'http://localhost:8000/api%2f..%2fadmin',
    'http://localhost:8000/api/x%5c..%5cadmin',
    'http://localhost:8000/api/..;/admin',
    'http://localhost:8000/api;x/tasks',
    'http://localhost:8000/api/%2e./admin',
    'http://localhost:8000/api/v1/%252e%252e/admin',
    'http://localhost:8000/api/v1/%25252e%25252e/admin',
    'http://localhost:8000/api/v1/%252e%252e%252fadmin',
    'http://localhost:8000/api/v1/..%c0%af..%c0%afadmin',
    'http://localhost:8000/api/v1/%c0%ae%c0%ae/admin',
    'http://localhost:8000/api/v1/%ff/%252e%252e/admin',
    'http://localhost:8000/api/v1/%2561dmin%ff',
    'http://localhost:8000/api/v1/%u002e%u002e/admin',
    'http://localhost:8000/api/v1/x%00/admin',
    'http://localhost:8000/api/v1/%ef%bc%8e%ef%bc%8e/admin',
    'http://localhost:8000/api/v1/%255c..%255cadmin',
    'http://localhost:8000/api/v1/%253b/admin',
    'http://localhost:8000/api/v1/100%',
    'http://localhost:8000/api/v1/%' + '25'.repeat(40) + '2e',
  ])('gives no token to %s', (url) => {
    expect(isApi(req(url))).toBe(false);
  });

  it('still authorizes plain paths under the prefix, dot segments the browser resolved included', () => {
    expect(isApi(req('http://localhost:8000/api/v1/u/../u/tasks'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api/v1/tasks%20list'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api/v1/caf%C3%A9/%E2%9C%93'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api/v1/file.v2.json'))).toBe(true);
    expect(isApi(req('http://localhost:8000/api/v1/a%2520b'))).toBe(true);
  });
});

describe('requireHeader', () => {
  it('authorizes only requests that carry the marker header', () => {
    const markedConfig = resolveConfig({ apiOrigins: ['http://localhost:8000'], requireHeader: 'X-Bearer-Worker' });
    const marked = createApiMatcher(markedConfig, createAuthMatcher(markedConfig, 'http://localhost:5173'));
    const url = new URL('http://localhost:8000/api/x');
    const base = { mode: 'cors', destination: '' } as const;
    expect(marked({ url, request: { ...base, headers: new Headers() } as Request })).toBe(false);
    expect(marked({ url, request: { ...base, headers: new Headers({ 'x-bearer-worker': '1' }) } as Request })).toBe(
      true,
    );
  });
});

describe('Better Auth paths under every spelling', () => {
  it.each([
    '/api/auth/token',
    '/api//auth/token',
    '//api/auth/token',
    '/API/AUTH/token',
    '/api/%61uth/token',
    '/api;x/auth/token',
    '/api/auth/%ff/..%2ftoken',
    '/api/auth/%2574oken%ff',
    '/%2561pi/auth/token',
    '/api/auth/%ef%bd%94oken',
    '/api/%' + '25'.repeat(40) + '61uth/token',
  ])('same-origin %s is Better Auth, never the API', (path) => {
    const sameOrigin = resolveConfig({ apiOrigins: ['http://localhost:5173'], apiPathPrefix: '' });
    expect(createAuthMatcher(sameOrigin, 'http://localhost:5173')(req('http://localhost:5173' + path))).toBe(true);
    expect(
      createApiMatcher(
        sameOrigin,
        createAuthMatcher(sameOrigin, 'http://localhost:5173'),
      )(req('http://localhost:5173' + path)),
    ).toBe(false);
  });
});
