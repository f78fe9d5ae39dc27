// For the probes: stamps on a worker's own clock (performance.now() from the worker's creation), sent
// to the app server as `GET /__t?…` once the worker has sent its API request. Prepended to a worker
// script it records when the script started, when the API call's fetch event reached it, when the token
// fetch left and was answered, and when the API request left. A measurement build: it wraps the
// worker's fetch(), so it is never what `npm run bench` times.

/** The stamps of one API request, ms on the worker's clock; `tok` and `tokRes` only where a token was fetched. */
export interface WorkerStamps {
  start: number;
  ev: number;
  tok?: number;
  tokRes?: number;
  api: number;
  /** 'pass' for the passthrough, absent for bearer-worker. */
  who?: string;
}

export function withWorkerClock(script: string, apiPrefix: string, who?: string): string {
  const tag = who ? `who=${who}&` : '';
  return `const __T = { start: performance.now() };
self.addEventListener('fetch', (e) => { if (e.request.url.startsWith(${JSON.stringify(apiPrefix)})) __T.ev = performance.now(); });
const __f = fetch.bind(self);
self.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  if (url.includes('/auth/token')) {
    __T.tok = performance.now();
    return __f(input, init).then((r) => ((__T.tokRes = performance.now()), r));
  }
  if (url.startsWith(${JSON.stringify(apiPrefix)})) {
    __T.api = performance.now();
    const sent = __f(input, init);
    const q = new URLSearchParams(Object.entries(__T).map(([k, v]) => [k, v.toFixed(3)]));
    for (const k of Object.keys(__T)) if (k !== 'start') delete __T[k];
    setTimeout(() => __f('/__t?${tag}' + q), 0);
    return sent;
  }
  return __f(input, init);
};
${script}`;
}

/** Parses a `/__t` beacon's query. */
export function parseStamps(query: string): WorkerStamps {
  const q = new URLSearchParams(query);
  const n = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  return {
    start: n('start')!,
    ev: n('ev')!,
    tok: n('tok'),
    tokRes: n('tokRes'),
    api: n('api')!,
    who: q.get('who') ?? undefined,
  };
}
