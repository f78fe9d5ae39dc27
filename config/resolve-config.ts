import { checkApiOrigins } from '../protocol/check-api-origin.js';
import { checkInt, checkPath, optionError } from '../protocol/check-option.js';
import type { InjectorConfig, ResolvedConfig, ResolvedOfflineWrites, StaticRoutes } from './types.js';

/** An HTTP header name a browser lets script set (not authorization, not a forbidden or `sec-` name). */
function checkHeaderName(value: unknown): string {
  if (value === undefined) return '';
  const name = typeof value === 'string' ? value.toLowerCase() : '';
  if (
    !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name) ||
    /^(authorization|cookie|host|origin|referer|proxy-|sec-)/.test(name)
  ) {
    optionError(
      'requireHeader',
      `${JSON.stringify(value)} must be a header name script can set, e.g. 'x-bearer-worker'.`,
    );
  }
  return name;
}

function checkStaticRoutes(value: unknown): StaticRoutes {
  if (value === 'all' || value === 'cross-origin' || value === 'none') return value;
  return optionError('staticRoutes', `must be 'all', 'cross-origin' or 'none', got ${JSON.stringify(value)}.`);
}

function checkOfflineWrites(value: unknown, apiPathPrefix: string): ResolvedOfflineWrites | undefined {
  if (value === undefined || value === false) return undefined;
  if (value !== true && (typeof value !== 'object' || value === null || Array.isArray(value)))
    optionError('offlineWrites', 'must be true, false or an object.');
  const o = value === true ? {} : (value as Record<string, unknown>);
  for (const key of Object.keys(o)) {
    if (!['pathPrefix', 'onIdentityChange', 'maxEntries'].includes(key))
      optionError(`offlineWrites.${key}`, 'is not an option (pathPrefix, onIdentityChange, maxEntries).');
  }
  const pathPrefix = checkPath('offlineWrites.pathPrefix', o.pathPrefix ?? apiPathPrefix, true);
  // Only API requests reach the queue: a prefix outside apiPathPrefix would queue nothing.
  if (apiPathPrefix && pathPrefix !== apiPathPrefix && !pathPrefix.startsWith(apiPathPrefix + '/'))
    optionError(
      'offlineWrites.pathPrefix',
      `${JSON.stringify(pathPrefix)} must be under apiPathPrefix '${apiPathPrefix}'.`,
    );
  const onIdentityChange = o.onIdentityChange ?? 'drop';
  if (onIdentityChange !== 'drop' && onIdentityChange !== 'keep')
    optionError('offlineWrites.onIdentityChange', `must be 'drop' or 'keep', got ${JSON.stringify(onIdentityChange)}.`);
  return {
    pathPrefix,
    onIdentityChange,
    maxEntries: checkInt('offlineWrites.maxEntries', o.maxEntries, 100, 1, 10000),
  };
}

/** HTTPS, unless the server is on this machine: a token or a session cookie must never cross the network in clear. */
function checkHttps(origin: string, param = 'apiOrigins'): string {
  const { protocol, hostname } = new URL(origin);
  if (protocol !== 'https:' && !(protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname))) {
    optionError(param, `${origin} must use HTTPS (HTTP only for localhost).`);
  }
  return origin;
}

/** An exact origin like 'https://auth.example.com', or '' (undefined) for the app's own. */
function checkAuthOrigin(value: unknown): string {
  if (value === undefined) return '';
  let origin;
  try {
    origin = new URL(value as string).origin;
  } catch {
    // Reported below.
  }
  if (typeof value !== 'string' || origin !== value)
    optionError('authOrigin', `${JSON.stringify(value)} is not an exact origin like 'https://auth.example.com'.`);
  return checkHttps(value, 'authOrigin');
}

/** Validates worker config and fills defaults. Throws BearerWorkerError('invalid-options'). */
export function resolveConfig(config: InjectorConfig, defaultStaticRoutes: StaticRoutes = 'all'): ResolvedConfig {
  if (typeof config !== 'object' || config === null) optionError('config', 'must be an object.');
  const apiOrigins = checkApiOrigins(config.apiOrigins);
  apiOrigins.forEach((o) => checkHttps(o));
  const apiPathPrefix = checkPath('apiPathPrefix', config.apiPathPrefix ?? '', true);
  const offlineWrites = checkOfflineWrites(config.offlineWrites, apiPathPrefix);
  return {
    apiOrigins,
    apiPathPrefix,
    authOrigin: checkAuthOrigin(config.authOrigin),
    authBasePath: checkPath('authBasePath', config.authBasePath ?? '/api/auth', false),
    refreshMarginSeconds: checkInt('refreshMarginSeconds', config.refreshMarginSeconds, 180, 0, 86400),
    sessionTtlSeconds: checkInt('sessionTtlSeconds', config.sessionTtlSeconds, 60, 0, 3600),
    tokenTimeoutMs: checkInt('tokenTimeoutMs', config.tokenTimeoutMs, 5000, 100, 60000),
    maxTokenBytes: checkInt('maxTokenBytes', config.maxTokenBytes, 8192, 256, 65536),
    requireHeader: checkHeaderName(config.requireHeader),
    staticRoutes: checkStaticRoutes(config.staticRoutes ?? defaultStaticRoutes),
    inspector:
      config.inspector === undefined || typeof config.inspector === 'boolean'
        ? !!config.inspector
        : optionError('inspector', 'must be a boolean.'),
    ...(offlineWrites ? { offlineWrites } : {}),
  };
}
