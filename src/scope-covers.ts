/**
 * Whether a worker registered with `scope` controls every request under `basePath` (scope matching is
 * a plain prefix match on the URL). A worker that does not cover Better Auth's path cannot guard its
 * token endpoint: an iframe of `${basePath}/token` would reach the network and show the JWT.
 */
export function scopeCovers(scope: string, basePath: string, origin: string): boolean {
  return new URL(`${basePath}/`, origin).href.startsWith(new URL(scope, origin).href);
}
