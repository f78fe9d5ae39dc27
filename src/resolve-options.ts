import { sameOriginPath } from './same-origin-path.js';
import { checkApiOrigins } from '../protocol/check-api-origin.js';
import { checkInt, checkPath, optionError } from '../protocol/check-option.js';
import type { SignedOutEvent } from '../protocol/protocol.js';
import type { Workbox } from 'workbox-window/Workbox.js';

export interface BearerWorkerOptions {
  /** The API origins the worker was built for; checked against the worker once it answers. */
  apiOrigins: string[];
  /** Where the worker script is served. Default '/sw.js'. */
  scriptUrl?: string;
  /** Service worker scope. Default '/'. Must cover `authBasePath`. */
  scope?: string;
  /** Better Auth's base path, as configured in the worker. Default '/api/auth'. */
  authBasePath?: string;
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
  /**
   * The app's own workbox-window `Workbox` for this worker, when the app registers it itself (plain
   * Workbox, or vite-plugin-pwa with `injectRegister: false`): the bridge never registers, it waits for
   * your `register()` and follows that instance's lifecycle, so there is one registration, not two.
   * Without it the bridge registers `scriptUrl` through a Workbox of its own.
   */
  workbox?: Pick<Workbox, 'addEventListener' | 'getSW' | 'messageSkipWaiting' | 'register'>;
  /**
   * Reload this tab once when a build it was told is `waiting` (onUpdate) takes over, so the page meets
   * the assets of the worker it now runs under (what prompting PWAs do). Default false: a build that
   * takes over at once (the default worker) never reloads a page.
   */
  reloadOnUpdate?: boolean;
  /**
   * The worker is built with `offlineWrites`: ask it to replay its queue when this page loads and whenever
   * the browser comes back online. Default false.
   */
  offlineWrites?: boolean;
}

export type ResolvedOptions = Required<Omit<BearerWorkerOptions, 'onSignedOut' | 'workbox'>> &
  Pick<BearerWorkerOptions, 'onSignedOut' | 'workbox'>;

/** A path on this page's own origin (absolute same-origin URLs are turned into paths). */
function samePath(param: string, value: unknown, fallback: string, origin: string): string {
  if (value === undefined) return fallback;
  return (
    sameOriginPath(value, origin, { allowAbsolute: true }) ??
    optionError(param, `${JSON.stringify(value)} is not a path on ${origin}.`)
  );
}

/** Checks page options at once, so a wrong setting fails at registration, not at the first request. */
export function resolveOptions(options: BearerWorkerOptions, origin: string): ResolvedOptions {
  if (typeof options !== 'object' || options === null) optionError('options', 'give an object with apiOrigins.');
  const { onSignedOut, redirect = true, workbox, reloadOnUpdate = false } = options;
  if (onSignedOut !== undefined && typeof onSignedOut !== 'function') optionError('onSignedOut', 'must be a function.');
  if (typeof redirect !== 'boolean') optionError('redirect', 'must be a boolean.');
  if (typeof reloadOnUpdate !== 'boolean') optionError('reloadOnUpdate', 'must be a boolean.');
  if (workbox !== undefined && typeof workbox?.addEventListener !== 'function')
    optionError('workbox', "must be workbox-window's Workbox.");
  const { offlineWrites = false } = options;
  if (typeof offlineWrites !== 'boolean') optionError('offlineWrites', 'must be a boolean.');
  const scriptUrl = samePath('scriptUrl', options.scriptUrl, '/sw.js', origin);
  if (!/\.m?js$/.test(scriptUrl.split('?')[0]!)) optionError('scriptUrl', 'must name a .js file.');
  return {
    apiOrigins: checkApiOrigins(options.apiOrigins),
    scriptUrl,
    scope: samePath('scope', options.scope, '/', origin),
    authBasePath: checkPath('authBasePath', options.authBasePath ?? '/api/auth', false),
    loginUrl: samePath('loginUrl', options.loginUrl, '/login', origin),
    onSignedOut,
    redirect,
    workbox,
    reloadOnUpdate,
    messageTimeoutMs: checkInt('messageTimeoutMs', options.messageTimeoutMs, 3000, 50, 60000),
    controlTimeoutMs: checkInt('controlTimeoutMs', options.controlTimeoutMs, 10000, 100, 120000),
    offlineWrites,
  };
}
