import type { IncomingMessage } from 'node:http';

interface Refusal {
  status: 403 | 415;
  detail: string;
}

/**
 * Why a request to the demo's /demo/* controls is refused, or null. Any page on another localhost port
 * is same-site, so cookies alone prove nothing: the request must come from the app's own origin.
 * Browsers omit `Origin` on same-origin GETs, so a GET may come without one (curl, the inspector), but
 * never with a foreign one, nor marked by the browser as cross-origin. Anything that changes state must
 * name the app origin and send JSON, which a form, an <img> or a no-cors fetch cannot do.
 */
export function refuseDemoRequest(req: IncomingMessage, appOrigin: string): Refusal | null {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (origin !== undefined ? origin !== appOrigin : !read)
    return { status: 403, detail: `Demo controls answer only ${appOrigin}` };
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return { status: 403, detail: 'Demo controls answer only same-origin requests' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!read && type !== 'application/json') return { status: 415, detail: 'Demo controls take application/json' };
  return null;
}
