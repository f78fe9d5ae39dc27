import { sameOriginPath } from './same-origin-path.js';

/**
 * A same-origin path to come back to after sign-in, or '/' when the input is anything else:
 * absolute URLs, scheme tricks ('javascript:'), protocol-relative '//evil' and '/\evil', and paths
 * whose dot segments collapse into '//evil' all fall back.
 */
export function safeReturnTo(
  input: string | null | undefined,
  origin: string = globalThis.location?.origin ?? 'http://localhost',
): string {
  return sameOriginPath(input, origin, { keepHash: true }) ?? '/';
}
