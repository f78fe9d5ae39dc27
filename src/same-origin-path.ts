/**
 * The one same-origin path parser behind `loginUrl`, `scope`, `scriptUrl` and `safeReturnTo`: the path
 * (and query, and with `keepHash` the fragment) that `input` names on `origin`, or null.
 *
 * The result always starts with exactly one '/', so wherever it is resolved it stays on `origin`.
 */
export function sameOriginPath(
  input: unknown,
  origin: string,
  { allowAbsolute = false, keepHash = false }: { allowAbsolute?: boolean; keepHash?: boolean } = {},
): string | null {
  if (typeof input !== 'string' || !input || input.length > 2048) return null;
  // URL parsers strip or reinterpret control characters and backslashes ('/\evil' is '//evil'): refuse.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(input)) return null;
  if (!allowAbsolute && input[0] !== '/') return null;
  let url: URL;
  try {
    url = new URL(input, origin);
  } catch {
    return null;
  }
  // Removing dot segments can leave '//evil' ('/.//evil', '/a/..//evil'): a path another host hides in.
  if (url.origin !== origin || url.pathname.startsWith('//')) return null;
  return url.pathname + url.search + (keepHash ? url.hash : '');
}
