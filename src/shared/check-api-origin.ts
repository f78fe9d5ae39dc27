import { optionError } from './check-option.js';

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** An API origin in exact form ('https://api.example.com'), HTTPS unless it is this machine. Shared by page and worker. */
export function checkApiOrigin(value: unknown, param = 'apiOrigins'): string {
  const fail = (why: string): never => optionError(param, why);
  if (typeof value !== 'string') return fail('each origin must be a string.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${JSON.stringify(value)} is not a URL.`);
  }
  if (url.origin !== value) fail(`${JSON.stringify(value)} must be an exact origin such as 'https://api.example.com' (no path, no trailing slash).`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname))) {
    fail(`${JSON.stringify(value)} must use HTTPS (plain HTTP is allowed for localhost only).`);
  }
  return value;
}

/** A non-empty list of API origins. */
export function checkApiOrigins(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) optionError('apiOrigins', "give at least one API origin, e.g. ['https://api.example.com'].");
  return value.map((o) => checkApiOrigin(o));
}
