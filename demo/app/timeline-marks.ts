import type { WorkerEvent } from 'bearer-worker';

/** One API call as the API saw it (the demo's request log, GET /demo/stats). */
export interface ApiCall {
  at: number;
  method: string;
  path: string;
  bearer: boolean;
  status: number;
}

export type Mark =
  | { kind: 'call'; at: number; label: string; token: boolean; status: number; retried: boolean }
  | { kind: 'token'; at: number; label: string; refresh: boolean }
  | { kind: 'sign-out'; at: number; label: string }
  | { kind: 'other'; at: number; label: string };

/** How close (ms) a worker's 'retried' event and the API's record of that retry must be to be paired. */
const RETRY_PAIRING_MS = 2000;

const tokenEvent = (type: string) => type === 'token-minted' || type === 'token-fetched' || type === 'token-refreshed';
// Per-request decisions: the API's own log draws those calls, with their status.
const PER_REQUEST = new Set(['authorized', 'passed-through', 'retried', 'rejected', 'not-retried', 'retry']);

/**
 * The inspector's timeline: every API call from the API's log (did it carry a token, what came back,
 * was it the worker's retry), and the worker's token fetches, refreshes and sign-outs on the same clock.
 * Unknown event types become plain ticks, so a newer worker never breaks the picture.
 */
export function timelineMarks(events: readonly WorkerEvent[], calls: readonly ApiCall[], since: number): Mark[] {
  const retries = events.filter((e) => e.type === 'retried' || e.type === 'retry').map((e) => ({ ...e, used: false }));
  const marks: Mark[] = [];
  for (const c of calls) {
    const what = `${c.method} ${c.path}`;
    const request = `${c.method} ${c.path.split('?')[0]}`; // the worker names a request by its path alone
    // The worker logs 'retried' after the API logged the 401 and before it sends the retry, which the API
    // logs once answered: the retry is the next call of that request at or after the event.
    const r = retries.find(
      (e) =>
        !e.used &&
        (e.detail === request || e.detail?.startsWith(`${request}:`)) &&
        c.at >= e.at &&
        c.at - e.at < RETRY_PAIRING_MS,
    );
    if (r) r.used = true;
    if (c.at >= since)
      marks.push({
        kind: 'call',
        at: c.at,
        label: `${what} → ${c.status}${c.bearer ? ', with token' : ', no token'}${r ? ', retry' : ''}`,
        token: c.bearer,
        status: c.status,
        retried: Boolean(r),
      });
  }
  for (const e of events) {
    if (e.at < since || PER_REQUEST.has(e.type)) continue;
    const label = e.detail ? `${e.type}: ${e.detail}` : e.type;
    if (tokenEvent(e.type)) marks.push({ kind: 'token', at: e.at, label, refresh: e.type === 'token-refreshed' });
    else if (e.type === 'signed-out') marks.push({ kind: 'sign-out', at: e.at, label });
    else marks.push({ kind: 'other', at: e.at, label });
  }
  return marks.sort((a, b) => a.at - b.at);
}
