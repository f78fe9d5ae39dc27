/**
 * The demo app's Content-Security-Policy: no inline script, no eval, requests only to the app, the API
 * and the second Better Auth. Vite's dev client keeps its HMR socket on the app's port (`ws:`), and the
 * demo loads its CSS with <link>, so neither needs inline code. The worker itself needs none (see
 * demoServers).
 */
export function contentSecurityPolicy(opts: {
  appOrigin: string;
  apiOrigin: string;
  /** Better Auth on its own origin (the auth-origin test page calls it). */
  authOrigin?: string;
  dev: boolean;
}): string {
  const hmr = opts.dev ? ` ${opts.appOrigin.replace(/^http/, 'ws')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${opts.apiOrigin}${opts.authOrigin ? ' ' + opts.authOrigin : ''}${hmr}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
