/**
 * One small JSON value in Cache Storage (the worker has no localStorage) that outlives a stopped worker:
 * the "a session was seen in this browser" flag, so a real expiry still reaches the login page while a
 * visitor who never signed in here is never told their session expired, and the token backoff, so a
 * worker woken during an outage keeps its pace. Never the token.
 */
export function cacheEntry<T>(name: string): { get(): Promise<T | undefined>; set(value: T): Promise<void> } {
  // Resolved against the worker's own URL: one entry per app origin.
  const key = '/__bearer-worker/' + name;
  // Async, so a worker without Cache Storage (or with it blocked) gets a rejection the callers handle,
  // never a throw while it starts.
  const open = async () => caches.open('bearer-worker');
  return {
    get: () =>
      open()
        .then((c) => c.match(key))
        .then(
          (r) => r?.json() as Promise<T> | undefined,
          () => undefined,
        ),
    set: (value) => open().then((c) => c.put(key, Response.json(value))),
  };
}
