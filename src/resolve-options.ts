import { checkApiOrigins } from './shared/check-api-origin.js';
import { checkInt, optionError as fail } from './shared/check-option.js';
import type { SignedOutEvent } from './shared/protocol.js';

export interface BearerWorkerOptions {
  /** The API origins the worker was built for; checked against the worker once it answers. */
  apiOrigins: string[];
  /** Where the worker script is served. Default '/sw.js'. */
  scriptUrl?: string;
  /** Service worker scope. Default '/'. */
  scope?: string;
  /** Same-origin login page. Default '/login'. */
  loginUrl?: string;
  /** App clean-up before the redirect (clear query caches, stores…). */
  onSignedOut?: (event: SignedOutEvent) => void | Promise<void>;
  /** Go to the login page after a sign-out. Default true. */
  redirect?: boolean;
  /** How long to wait for the worker to answer a message. Default 3000. */
  messageTimeoutMs?: number;
  /** How long `ready` waits for this page to be controlled. Default 10000. */
  controlTimeoutMs?: number;
}

export type ResolvedOptions = Required<Omit<BearerWorkerOptions, 'onSignedOut'>> & Pick<BearerWorkerOptions, 'onSignedOut'>;

/** A path on this page's own origin (absolute same-origin URLs are turned into paths). */
function samePath(param: string, value: unknown, fallback: string, origin: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') fail(param, 'must be a non-empty string.');
  if (value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\\]/.test(value)) fail(param, `${JSON.stringify(value)} is not a same-origin path.`);
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fail(param, `${JSON.stringify(value)} is not a URL.`);
  }
  if (url.origin !== origin) fail(param, `${JSON.stringify(value)} is on another origin; it must be on ${origin}.`);
  return url.pathname + url.search;
}

/** Checks page options at once, so a wrong setting fails at registration, not at the first request. */
export function resolveOptions(options: BearerWorkerOptions, origin: string): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object with at least apiOrigins.');
  if (options.onSignedOut !== undefined && typeof options.onSignedOut !== 'function') fail('onSignedOut', 'must be a function.');
  if (options.redirect !== undefined && typeof options.redirect !== 'boolean') fail('redirect', 'must be a boolean.');
  const scriptUrl = samePath('scriptUrl', options.scriptUrl, '/sw.js', origin);
  if (!/\.m?js$/.test(new URL(scriptUrl, origin).pathname)) fail('scriptUrl', `${JSON.stringify(scriptUrl)} must name a .js file.`);
  return {
    apiOrigins: checkApiOrigins(options.apiOrigins),
    scriptUrl,
    scope: samePath('scope', options.scope, '/', origin),
    loginUrl: samePath('loginUrl', options.loginUrl, '/login', origin),
    onSignedOut: options.onSignedOut,
    redirect: options.redirect ?? true,
    messageTimeoutMs: checkInt('messageTimeoutMs', options.messageTimeoutMs, 3000, 50, 60000),
    controlTimeoutMs: checkInt('controlTimeoutMs', options.controlTimeoutMs, 10000, 100, 120000),
  };
}
