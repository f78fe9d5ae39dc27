import type { ResolvedConfig } from '../config/types.js';

type UrlPatternInit = Record<string, string>;
/** `ignoreCase` is ours: the worker turns such a pattern into `new URLPattern(init, { ignoreCase: true })`. */
type Pattern = UrlPatternInit & { ignoreCase?: 'true' };
interface RouterRule<P = Pattern> {
  condition: { urlPattern?: P; requestMode?: RequestMode };
  source: 'network' | 'fetch-event';
}
type InstallEventWithRoutes = ExtendableEvent & { addRoutes?: (rules: RouterRule<unknown>[]) => Promise<void> };
declare const URLPattern: (new (init: UrlPatternInit, options: { ignoreCase: boolean }) => unknown) | undefined;

const esc = (s: string) => s.replace(/[\\:*?+(){}[\]]/g, '\\$&');

/**
 * Every component spelled out: Chromium fills missing ones from the worker's own URL. The pathname always
 * starts with '/': a relative one ('*') is resolved against the worker's directory, so '*' would mean
 * '/app/*' for a worker at /app/sw.js and silently stop matching the rest of the site.
 */
function pattern(origin?: string, pathname = '/*'): Pattern {
  const url = origin ? new URL(origin) : undefined;
  return {
    protocol: url ? url.protocol.slice(0, -1) : '*',
    username: '*',
    password: '*',
    hostname: url ? esc(url.hostname) : '*',
    port: url ? url.port : '*',
    pathname,
    search: '*',
    hash: '*',
  };
}

/**
 * Same-origin paths a lenient server might read as Better Auth's though they are spelled otherwise:
 * percent-encoded (`/%61pi/auth/token`), `;` parameters, empty segments (`//api/auth/token`,
 * `/api/auth//token`). Absolute, like every pathname here: a worker served from /app/sw.js would read
 * '*%*' as '/app/*%*' and let `/%61pi/auth/token` reach the network. '/*//*' needs at least three
 * characters, so a leading `//` has a pattern of its own. Checked in Chromium by demo/e2e/boundaries.
 */
const ODD_SPELLINGS = ['/*%*', '/*;*', '//*', '/*//*'];

/**
 * Static Routing API rules (matched in order, first match wins), by `config.staticRoutes`:
 * - 'all' (the default worker): everything that can never get a token goes straight to the network
 *   without waking the worker. Better Auth's path, in any letter case, and same-origin paths that could be
 *   another spelling of it come first, whatever the mode: the worker refuses the token endpoint to
 *   no-cors fetches and iframes too.
 * - 'cross-origin' (a host worker with same-origin routes only): every same-origin request reaches the
 *   fetch event (the host's precache and offline shell keep working); other origins than the API's go to
 *   the network.
 * - 'none' (installTokenInjector's default): no rules; the host worker sees every request.
 */
export function staticRoutes(config: ResolvedConfig, origin: string): RouterRule[] {
  const mode = config.staticRoutes;
  const prefix = config.apiPathPrefix;
  const worker = (urlPattern: Pattern): RouterRule => ({ condition: { urlPattern }, source: 'fetch-event' });
  const network = (condition: RouterRule['condition']): RouterRule => ({ condition, source: 'network' });
  const rest = [
    // Better Auth on another origin: all of it wakes the worker (it sees sign-ins and refuses the token there).
    ...(config.authOrigin && config.authOrigin !== origin ? [worker(pattern(config.authOrigin))] : []),
    network({ requestMode: 'no-cors' }),
    // A superset of the worker's exact prefix check ('/api' also lets '/apix' in; the worker sends that on untouched).
    ...config.apiOrigins.map((o) => worker(pattern(o, prefix ? esc(prefix) + '*' : '/*'))),
    network({ urlPattern: pattern() }),
  ];
  return mode === 'none'
    ? []
    : mode === 'cross-origin'
      ? [worker(pattern(origin)), ...rest]
      : [
          worker({ ...pattern(origin, esc(config.authBasePath) + '*'), ignoreCase: 'true' }),
          ...ODD_SPELLINGS.map((p) => worker(pattern(origin, p))),
          network({ requestMode: 'navigate' }),
          ...rest,
        ];
}

/** Installs the rules where the browser has the API; elsewhere the fetch handler decides alone. */
export function addStaticRoutes(e: InstallEventWithRoutes, config: ResolvedConfig, origin: string): void {
  const rules = staticRoutes(config, origin);
  if (!e.addRoutes || !rules.length || typeof URLPattern !== 'function') return;
  const compiled = rules.map((r) => {
    const { ignoreCase, ...init } = r.condition.urlPattern ?? {};
    return ignoreCase ? { condition: { urlPattern: new URLPattern(init, { ignoreCase: true }) }, source: r.source } : r;
  });
  e.waitUntil(e.addRoutes(compiled).catch(() => {}));
}
