/**
 * The path a lenient server might route a request to: percent-decoded (up to three times, for proxies that
 * decode again), backslashes as slashes, `;` parameters dropped, empty and dot segments resolved, lower
 * case. Used to recognise Better Auth's paths under every spelling; never to build a URL.
 */
export function canonicalPath(pathname: string): string {
  let p = pathname;
  // A pass that changes nothing is followed by passes that change nothing: no need to stop early.
  for (let i = 0; i < 3; i++) {
    try {
      p = decodeURIComponent(p);
    } catch {
      break;
    }
  }
  const out: string[] = [];
  for (const raw of p.toLowerCase().split(/[\\/]/)) {
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
