/**
 * A same-origin path to come back to after sign-in, or '/' when the input is anything else:
 * absolute URLs, scheme tricks ('javascript:'), protocol-relative '//evil' and '/\evil' all fall back.
 */
export function safeReturnTo(
  input: string | null | undefined,
  origin: string = globalThis.location?.origin ?? 'http://localhost',
): string {
  try {
    // Control characters and backslashes are stripped or reinterpreted by URL parsers: refuse them.
    // '//evil' parses to another origin and is refused by the origin check.
    if (
      typeof input === 'string' &&
      input.length <= 2048 &&
      input[0] === '/' &&
      !/[\u0000-\u001f\u007f\\]/.test(input)
    ) {
      const url = new URL(input, origin);
      if (url.origin === origin) return url.pathname + url.search + url.hash;
    }
  } catch {
    // Unparseable: fall back.
  }
  return '/';
}
