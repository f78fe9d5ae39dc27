import { optionError } from '../protocol/check-option.js';

/**
 * The worker's `apiOrigins` and `apiPathPrefix` from the base URL the app's fetch calls start with
 * (`NEXT_PUBLIC_API_BASE_URL=http://localhost:8000/api` → `['http://localhost:8000']` and `'/api'`), so
 * the page and the worker read one setting.
 */
export function apiBaseUrlConfig(apiBaseUrl: string): { apiOrigins: string[]; apiPathPrefix?: string } {
  let url: URL;
  try {
    url = new URL(apiBaseUrl);
  } catch {
    return optionError(
      'apiBaseUrl',
      `${JSON.stringify(apiBaseUrl)} is not an absolute URL like 'https://api.example.com/api'.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    optionError('apiBaseUrl', `${JSON.stringify(apiBaseUrl)} must be an origin and a path, nothing else.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { apiOrigins: [url.origin], ...(path && { apiPathPrefix: path }) };
}
