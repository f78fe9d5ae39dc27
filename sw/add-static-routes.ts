import type { ResolvedConfig } from './types.js';

type UrlPatternInit = Record<'protocol' | 'username' | 'password' | 'hostname' | 'port' | 'pathname' | 'search' | 'hash', string>;
interface RouterRule {
  condition: { urlPattern?: UrlPatternInit; requestMode?: RequestMode };
  source: 'network' | 'fetch-event';
}
type InstallEventWithRoutes = ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };

/** Every component spelled out: Chromium fills missing ones from the worker's own URL. */
function pattern(url: URL, pathPrefix: string): UrlPatternInit {
  const esc = (s: string) => s.replace(/[\\:*?+(){}[\]]/g, '\\$&');
  return {
    protocol: url.protocol.slice(0, -1),
    username: '*',
    password: '*',
    hostname: esc(url.hostname),
    port: url.port,
    // A superset of the worker's exact prefix check ('/api' also lets '/apix' in; the worker sends that on untouched).
    pathname: esc(pathPrefix) + '*',
    search: '*',
    hash: '*',
  };
}

/**
 * Static Routing API: requests that can never get a token go straight to the network without waking
 * the worker (a stopped worker stays stopped). Rules are matched in order; the first match wins.
 */
export function staticRoutes(config: ResolvedConfig, origin: string): RouterRule[] {
  const any: UrlPatternInit = { protocol: '*', username: '*', password: '*', hostname: '*', port: '*', pathname: '*', search: '*', hash: '*' };
  return [
    // First, whatever the mode: the worker must refuse the token endpoint to no-cors fetches and iframes too.
    { condition: { urlPattern: pattern(new URL(origin), config.authBasePath) }, source: 'fetch-event' },
    { condition: { requestMode: 'navigate' }, source: 'network' },
    { condition: { requestMode: 'no-cors' }, source: 'network' },
    ...config.apiOrigins.map((o): RouterRule => ({ condition: { urlPattern: pattern(new URL(o), config.apiPathPrefix) }, source: 'fetch-event' })),
    { condition: { urlPattern: any }, source: 'network' },
  ];
}

/** Installs the rules where the browser has the API; elsewhere the fetch handler decides alone. */
export function addStaticRoutes(event: ExtendableEvent, config: ResolvedConfig, origin: string): void {
  const e = event as InstallEventWithRoutes;
  if (typeof e.addRoutes !== 'function') return;
  e.waitUntil(e.addRoutes(staticRoutes(config, origin)).catch(() => {}));
}
