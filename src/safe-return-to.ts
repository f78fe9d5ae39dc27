/**
 * A same-origin path to come back to after sign-in, or '/' when the input is anything else:
 * absolute URLs, scheme tricks ('javascript:'), protocol-relative '//evil' and '/\evil' all fall back.
 */
export function safeReturnTo(input: string | null | undefined, origin: string = globalThis.location?.origin ?? 'http://localhost'): string {
  if (typeof input !== 'string' || input.length > 2048 || !input.startsWith('/') || input.startsWith('//') || input.startsWith('/\\')) return '/';
  // Control characters and backslashes are stripped or reinterpreted by URL parsers: refuse them.
  if (/[\u0000-\u001f\u007f\\]/.test(input)) return '/';
  try {
    const url = new URL(input, origin);
    if (url.origin !== origin) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
