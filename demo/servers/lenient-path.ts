/**
 * The path as a lenient proxy in front of Better Auth would pass it on: percent-decoded (twice, as some
 * proxies do), `;` parameters dropped, doubled slashes merged, dot segments resolved, no trailing slash.
 * The demo routes Better Auth through this on purpose, so the e2e tests prove that the worker keeps the
 * token endpoint from page script under every spelling such a server accepts.
 */
export function lenientPath(path: string): string {
  let p = path;
  for (let i = 0; i < 2; i++) {
    try {
      p = decodeURIComponent(p);
    } catch {
      break;
    }
  }
  const segments: string[] = [];
  for (const raw of p.split('/')) {
    const segment = raw.split(';')[0]!;
    if (segment === '..') segments.pop();
    else if (segment && segment !== '.') segments.push(segment);
  }
  return '/' + segments.join('/');
}
