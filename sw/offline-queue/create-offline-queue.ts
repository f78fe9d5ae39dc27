import {
  envelope,
  QUEUE_HEADER,
  QUEUED_HEADER,
  type NotificationMessage,
  type QueueNotice,
  type QueueStatus,
} from '../../protocol/protocol.js';
import type { ResolvedOfflineWrites } from '../../config/types.js';
import { canonicalPath, isUnder } from '../canonical-path.js';
import type { CachedToken } from '../session.js';
import type { Acquired, TokenProvider } from '../token-provider.js';
import type { QueuedWrite } from './queued-write.js';
import type { QueueStore } from './queue-store.js';

export interface OfflineQueueDeps {
  provider: TokenProvider;
  store: QueueStore;
  clients: Clients;
  fetchFn: typeof fetch;
  /** The app's requireHeader ('' when none): a worker marker, never stored. */
  requireHeader: string;
  /** Asks the browser for a Background Sync `sync` event once it is online (where it has the API). */
  registerSync?: () => Promise<unknown>;
  now?: () => number;
  random?: () => number;
  /** Runs `fn` after `ms` (setTimeout; tests pass their own). */
  later?: (fn: () => void, ms: number) => void;
}

export interface OfflineQueue {
  /**
   * The API handler's hook around the first send of an authorized request: a marked write whose send
   * fails because the network is down is queued and answered 202; any answer from the network means it
   * is back, so the queue replays.
   */
  readonly guard: (
    sent: Promise<Response>,
    request: Request,
    body: Blob | null,
    token: CachedToken,
    event: ExtendableEvent,
  ) => Promise<Response>;
  /** Replays what may go now, in order. Resolves true when nothing is left to retry later. */
  readonly replay: () => Promise<boolean>;
  /** A sign-out started: the queued writes' session is over (dropped or held, per onIdentityChange). */
  readonly signedOut: () => Promise<void>;
  readonly status: () => Promise<QueueStatus>;
}

const WRITES = /^(POST|PUT|PATCH|DELETE)$/;

// State lives in the closure: the minifier renames locals, not members.
export function createOfflineQueue(options: ResolvedOfflineWrites, deps: OfflineQueueDeps): OfflineQueue {
  const { provider, store, clients } = deps;
  const session = provider.session;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const counts = { replayed: 0, failed: 0, dropped: 0 };
  const recent: QueueNotice[] = [];
  /** Writes in the store as last seen; undefined until read (a restarted worker does not know). */
  let known: number | undefined;
  let running: Promise<boolean> | null = null;
  let again = false;
  /** Replays that failed on the network in a row (their retries back off). */
  let offlineFor = 0;
  /** The session generation in which a pass left nothing it could send (-1: none since the last change). */
  let idleIn = -1;
  let notices = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule =
    deps.later ??
    ((fn: () => void, ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    });
  /** Held writes already reported, so a held write is reported once per worker, not on every replay. */
  const reportedHeld = new Set<string>();
  const startedAt = now();
  const prefix = options.pathPrefix && canonicalPath(options.pathPrefix)!;

  const notify = async (notice: QueueNotice): Promise<void> => {
    if (notice.state !== 'queued' && notice.state !== 'held') counts[notice.state]++;
    if (recent.push(notice) > 20) recent.shift();
    const message: NotificationMessage<'queue-changed'> = {
      ...envelope(`q-${startedAt}-${++notices}`),
      type: 'queue-changed',
      payload: notice,
    };
    for (const w of await clients.matchAll({ type: 'window', includeUncontrolled: true })) w.postMessage(message);
  };

  const remove = async (w: QueuedWrite, notice: QueueNotice): Promise<void> => {
    await store.delete(w.seq!);
    if (known) known--;
    await notify(notice);
  };

  /** A write whose user is not the one signed in now: never sent; dropped, or held for its user. */
  const orphan = async (w: QueuedWrite): Promise<void> => {
    if (options.onIdentityChange === 'drop') return remove(w, { id: w.id, state: 'dropped' });
    if (!reportedHeld.has(w.id)) {
      reportedHeld.add(w.id);
      await notify({ id: w.id, state: 'held' });
    }
  };

  const later = (ms: number): void => {
    // Best effort while the worker lives; a stopped worker replays on the next sync, online or API call.
    schedule(() => void replay(), ms);
  };

  const send = (w: QueuedWrite, token: CachedToken): Promise<Response> => {
    const headers = new Headers(w.headers);
    headers.set('authorization', `Bearer ${token.value}`);
    headers.set('idempotency-key', w.id);
    // A sign-out cuts a replay in flight, as it cuts the page's own authorized requests.
    return deps.fetchFn(w.url, {
      method: w.method,
      headers,
      body: w.body,
      credentials: w.credentials,
      mode: 'cors',
      signal: session.cut.signal,
    });
  };

  /** One pass over the store. False: something is left to retry later (network, token endpoint, 5xx). */
  const pass = async (): Promise<boolean> => {
    const writes = await store.all();
    known = writes.length;
    if (!known) return true;
    // The replay is a client of its own: its first pass in this worker re-validates the session (one token
    // fetch, shared with any in flight), and every token is of the current session generation, so each
    // write goes under the identity the browser holds now, or not at all.
    let a: Acquired = await provider.acquire('offline-replay');
    if (a.kind === 'error') return false;
    if (a.kind === 'signed-out') {
      for (const w of writes) await orphan(w);
      return true;
    }
    for (const w of writes) {
      if (w.sub !== a.token.claims.sub) {
        await orphan(w);
        continue;
      }
      if (w.notBefore > now()) {
        later(w.notBefore - now());
        return false;
      }
      // The session changed while we replayed: the next pass re-validates.
      if (session.latch || a.token.generation !== session.generation) return false;
      let res: Response;
      try {
        res = await send(w, a.token);
        if (res.status === 401) {
          // As for the page's own calls: one fresh token of the same user, one retry.
          void res.body?.cancel();
          const b = await provider.renew(a.token);
          if (b.kind !== 'token' || b.token.claims.sub !== w.sub) return false;
          a = b;
          res = await send(w, b.token);
        }
      } catch {
        // Still no network (or not quite back yet): try again while the worker lives, 1 s doubling to 5 min.
        later(Math.min(300_000, 1000 * 2 ** offlineFor++) * (0.5 + random() / 2));
        return false;
      }
      offlineFor = 0;
      void res.body?.cancel();
      if (res.status >= 500) {
        // Retried with jittered exponential backoff: 1 s, doubling up to 5 min.
        w.attempts++;
        const wait = Math.min(300_000, 1000 * 2 ** (w.attempts - 1)) * (0.5 + random() / 2);
        w.notBefore = now() + wait;
        await store.put(w);
        later(wait);
        return false;
      }
      // 2xx/3xx: done. 4xx: the API refuses it; retrying cannot help, so it is reported, not retried.
      await remove(w, { id: w.id, state: res.status < 400 ? 'replayed' : 'failed', status: res.status });
    }
    return true;
  };

  const replay = (): Promise<boolean> => {
    if (running) {
      again = true;
      return running;
    }
    return (running = (async () => {
      let done: boolean;
      do {
        again = false;
        done = await pass();
      } while (again && done);
      // Nothing it can send now (held for another user, or none): API calls stop asking until the session
      // changes or a write is added.
      if (done) idleIn = session.generation;
      return done;
    })().finally(() => (running = null)));
  };

  const add = async (request: Request, body: Blob | null, token: CachedToken): Promise<Response> => {
    const id = request.headers.get('idempotency-key') || crypto.randomUUID();
    const headers: Array<[string, string]> = [];
    request.headers.forEach((value, name) => {
      if (name !== 'authorization' && name !== QUEUE_HEADER && name !== deps.requireHeader) headers.push([name, value]);
    });
    const write: QueuedWrite = {
      id,
      url: request.url,
      method: request.method,
      headers,
      body: body && (await body.arrayBuffer()),
      credentials: request.credentials,
      sub: token.claims.sub!,
      generation: token.generation,
      queuedAt: now(),
      attempts: 0,
      notBefore: 0,
    };
    await store.add(write);
    if (known !== undefined) known++;
    idleIn = -1;
    void deps.registerSync?.().catch(() => {});
    await notify({ id, state: 'queued' });
    return new Response(JSON.stringify({ queued: id }), {
      status: 202,
      headers: { 'content-type': 'application/json', [QUEUED_HEADER]: id },
    });
  };

  return {
    guard: async (sent, request, body, token, event) => {
      try {
        const res = await sent;
        // The network answered: whatever waits may go now.
        if (known !== 0 && idleIn !== session.generation) event.waitUntil(replay());
        return res;
      } catch (err) {
        if (
          !request.headers.has(QUEUE_HEADER) ||
          !WRITES.test(request.method) ||
          // Aborted by the page or cut by a sign-out: not a network failure.
          (err as Error)?.name === 'AbortError' ||
          !token.claims.sub ||
          // A path whose decoding never settles is never queued.
          !isUnder(canonicalPath(new URL(request.url).pathname) ?? '', prefix) ||
          (known ?? (known = (await store.all()).length)) >= options.maxEntries
        )
          throw err;
        return add(request, body, token);
      }
    },
    replay,
    signedOut: async () => {
      for (const w of await store.all()) await orphan(w);
    },
    status: async () => {
      const current = !session.latch && session.token?.claims.sub;
      return {
        pending: (await store.all()).map((w) => ({
          id: w.id,
          method: w.method,
          url: w.url,
          sub: w.sub,
          generation: w.generation,
          queuedAt: w.queuedAt,
          attempts: w.attempts,
          held: current !== undefined && current !== w.sub,
        })),
        ...counts,
        recent: recent.slice(),
      };
    },
  };
}
