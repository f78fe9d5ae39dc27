import type { ResolvedConfig } from './types.js';

type UrlPatternInit = Record<string, string>;
interface RouterRule {
  condition: { urlPattern?: UrlPatternInit; requestMode?: RequestMode };
  source: 'network' | 'fetch-event';
}
type InstallEventWithRoutes = ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };

const esc = (s: string) => s.replace(/[\\:*?+(){}[\]]/g, '\\$&');

/**
 * Every component spelled out: Chromium fills missing ones from the worker's own URL. The pathname always
 * starts with '/': a relative one ('*') is resolved against the worker's directory, so '*' would mean
 * '/app/*' for a worker at /app/sw.js and silently stop matching the rest of the site.
 */
function pattern(origin?: string, pathPrefix = ''): UrlPatternInit {
  const p: UrlPatternInit = {};
  for (const k of ['protocol', 'username', 'password', 'hostname', 'port', 'search', 'hash']) p[k] = '*';
  p.pathname = '/*';
  if (origin) {
    const url = new URL(origin);
    p.protocol = url.protocol.slice(0, -1);
    p.hostname = esc(url.hostname);
    p.port = url.port;
    // A superset of the worker's exact prefix check ('/api' also lets '/apix' in; the worker sends that on untouched).
    if (pathPrefix) p.pathname = esc(pathPrefix) + '*';
  }
  return p;
}

/**
 * Static Routing API: requests that can never get a token go straight to the network without waking
 * the worker (a stopped worker stays stopped). Rules are matched in order; the first match wins.
 */
export function staticRoutes(config: ResolvedConfig, origin: string): RouterRule[] {
  const worker = (origin: string, path: string): RouterRule => ({
    condition: { urlPattern: pattern(origin, path) },
    source: 'fetch-event',
  });
  return [
    // First, whatever the mode: the worker must refuse the token endpoint to no-cors fetches and iframes too.
    worker(origin, config.authBasePath),
    { condition: { requestMode: 'navigate' }, source: 'network' },
    { condition: { requestMode: 'no-cors' }, source: 'network' },
    ...config.apiOrigins.map((o) => worker(o, config.apiPathPrefix)),
    { condition: { urlPattern: pattern() }, source: 'network' },
  ];
}

/** Installs the rules where the browser has the API; elsewhere the fetch handler decides alone. */
export function addStaticRoutes(event: ExtendableEvent, config: ResolvedConfig, origin: string): void {
  const e = event as InstallEventWithRoutes;
  if (e.addRoutes) e.waitUntil(e.addRoutes(staticRoutes(config, origin)).catch(() => {}));
}
