import { canonicalPath, isPlainPath, isUnder } from './canonical-path.js';
import type { ResolvedConfig } from '../config/types.js';

interface MatchInput {
  url: URL;
  request: Request;
}

/** Whether a same-origin path is Better Auth's, however it is spelled (see canonicalPath); unsettled ones are. */
function createAuthPathTest(authBasePath: string): (pathname: string) => boolean {
  const base = canonicalPath(authBasePath)!;
  return (pathname) => {
    const path = canonicalPath(pathname);
    return path === undefined || isUnder(path, base);
  };
}

/**
 * API requests that get a token: exact origin, path prefix (a boundary: the path must read the same to
 * every server, see isPlainPath, or a proxy may route it outside the prefix), made by script (fetch/XHR: not
 * navigations, not <img>/<script>/form posts), no Authorization of their own, and, with `requireHeader`,
 * the app's marker header (markup such as <link rel=preload as=fetch> cannot set one). Better Auth's own
 * paths never do (`isAuth`: createAuthMatcher's), even when the API shares the app's origin and prefix.
 */
export function createApiMatcher(config: ResolvedConfig, isAuth: (input: MatchInput) => boolean) {
  const origins = new Set(config.apiOrigins);
  const prefix = config.apiPathPrefix;
  const marker = config.requireHeader;
  return ({ url, request }: MatchInput): boolean =>
    origins.has(url.origin) &&
    (!prefix || (isUnder(url.pathname, prefix) && isPlainPath(url.pathname))) &&
    !isAuth({ url, request }) &&
    (request.mode === 'cors' || request.mode === 'same-origin') &&
    request.destination === '' &&
    !request.headers.has('authorization') &&
    (!marker || request.headers.has(marker));
}

/**
 * Better Auth requests the worker watches (session changes) and filters (token, set-auth-jwt), on
 * `config.authOrigin`. Every mode, navigations included: a `no-cors` fetch or an iframe of a same-origin
 * token endpoint would be readable by page script if it bypassed the worker, and a page's `cors` fetch of
 * another auth origin is readable too (its CORS answers the app with credentials). The app's own origin
 * always counts as well: the bridge's page-load hint goes there, and an app may proxy Better Auth.
 */
export function createAuthMatcher(config: ResolvedConfig, origin: string): (input: MatchInput) => boolean {
  const isAuth = createAuthPathTest(config.authBasePath);
  return ({ url }) => (url.origin === origin || url.origin === config.authOrigin) && isAuth(url.pathname);
}
