/** How many decoding passes a path may need; one still changing after that is refused (or, for Better Auth's paths, treated as one). */
const MAX_PASSES = 32;

/**
 * An encoded separator or dot, a dot segment, a backslash, a `;` parameter or a control character: at any
 * decoding depth, a server may read such a path as another one.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const AMBIGUOUS = /%2f|%5c|%2e|[;\\\u0000-\u001f\u007f]|(^|\/)\.\.?(\/|$)/i;

/**
 * Whether every server reads `pathname` as the path it looks like: it percent-decodes cleanly (valid
 * UTF-8, no stray `%`) again and again to a fixed point, and no step (nor its NFKC form) holds anything
 * AMBIGUOUS. Overlong UTF-8 (`%c0%af`), bad escapes (`%ff`), double-encoded dots (`%252e`) fail; so does a
 * literal `%` (`%25`), which a server decoding twice would misread.
 */
export function isPlainPath(pathname: string): boolean {
  let p = pathname;
  for (let i = 0; i < MAX_PASSES; i++) {
    if (AMBIGUOUS.test(p) || AMBIGUOUS.test(p.normalize('NFKC'))) return false;
    let next: string;
    try {
      next = decodeURIComponent(p);
    } catch {
      return false;
    }
    if (next === p) return true;
    p = next;
  }
  return false;
}

/** One lenient decoding pass: UTF-8 where the whole path is valid, else byte by byte (`%ff` → ÿ, `%74` → t). */
function decodeLeniently(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    // Byte by byte, bad escapes and all: what nginx, Go and Python make of the ASCII in such a path.
    return unescape(p);
  }
}

/**
 * The path a lenient server, or a chain of them, might route a request to: percent-decoded to a fixed
 * point (a bad escape stops nothing), NFKC, backslashes as slashes, `;` parameters dropped, empty and dot
 * segments resolved, lower case. Used to recognise Better Auth's paths under every spelling; never to
 * build a URL. Undefined when decoding does not settle: treat such a path as the one you guard.
 */
export function canonicalPath(pathname: string): string | undefined {
  let p = pathname;
  for (let i = 0, next; (next = decodeLeniently(p)) !== p; i++) {
    if (i === MAX_PASSES) return undefined;
    p = next;
  }
  const out: string[] = [];
  for (const raw of p.normalize('NFKC').toLowerCase().split(/[\\/]/)) {
    const seg = raw.split(';')[0]!;
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return '/' + out.join('/');
}

/** Whether `path` is `base` or under it (`/api` covers `/api/x`, not `/apix`). */
export function isUnder(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(base + '/');
}
