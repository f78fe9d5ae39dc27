import { optionError } from './check-option.js';

/**
 * A non-empty list of API origins in exact form ('https://api.example.com'). Shared by page and worker;
 * the worker's build also insists on HTTPS (see resolveConfig), so the page need not carry that check.
 */
export function checkApiOrigins(value: unknown): string[] {
  if (!Array.isArray(value) || !value.length)
    optionError('apiOrigins', "give at least one, e.g. ['https://api.example.com'].");
  for (const o of value) {
    let origin;
    try {
      origin = new URL(o).origin;
    } catch {
      // Reported below.
    }
    if (origin !== o)
      optionError('apiOrigins', `${JSON.stringify(o)} is not an exact origin like 'https://api.example.com'.`);
  }
  return value;
}
