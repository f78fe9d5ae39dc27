import type { BearerWorker } from './bearer-worker.js';
import type { ResolvedOptions } from './resolve-options.js';
import { sameOriginSet } from './same-origin-set.js';
import { scopeCovers } from './scope-covers.js';
import { interactionHint } from './interaction-hint.js';
import { BearerWorkerError } from '../protocol/bearer-worker-error.js';
import { PAGE_LOADED_PATH, type RequestMap, type RequestType } from '../protocol/protocol.js';
import { insistTakeOver, TAKE_OVER_RETRY_MS } from './insist-take-over.js';
import { scopeGuard, scopeConflict } from './scope-guard.js';
import { SignedOutRedirect, type PageLocation } from './signed-out-redirect.js';
import { SwapGate } from './swap-gate.js';
import type { UpdateEvent } from './update-event.js';
import { WorkerChannel } from './worker-channel.js';

/** Requests that may wait for a pending swap: they read or replay, and change nothing the old build sends. */
const CAN_WAIT = new Set<RequestType>(['status', 'queue-status', 'replay-queue']);

/** What the bridge uses of workbox-window's Workbox: the app's own or one it registers. */
export type WorkboxLike = NonNullable<ResolvedOptions['workbox']>;

/** The browser as the bridge sees it: real globals in registerBearerWorker, fakes in tests. */
interface BridgeEnv {
  container: ServiceWorkerContainer;
  location: PageLocation;
  /** Whether `sw` is a ServiceWorker running our script. */
  isOurs(sw: unknown): sw is ServiceWorker;
  /** The Workbox for our script (at `opts.scope`); the bridge registers it unless it is the app's. */
  workbox: Promise<WorkboxLike>;
  /** The page's fetch, for the page-load hint. */
  fetch: typeof fetch;
  /** Where the user's interactions arrive (the page's window): the hint again after a possible stop. */
  interactions?: Pick<EventTarget, 'addEventListener'>;
  /** Reloads the page (reloadOnUpdate). */
  reload(): void;
  /** Calls `listener` whenever the browser comes back online (offlineWrites). */
  onOnline?(listener: () => void): void;
  /** The tab's sessionStorage, where the scope guard remembers rival scripts (undefined: none). */
  memory?(): Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/** Rejects with `error` after `ms` unless `done` settles first. */
function within<T>(done: Promise<T>, ms: number, error: BearerWorkerError): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(reject, ms, error)));
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

/**
 * Rejects once no worker of this registration can ever control the page: the one installing turned
 * redundant (for example, a worker that refuses a scope not covering its authBasePath) and none is left.
 */
function installFailed(wb: WorkboxLike, reg: ServiceWorkerRegistration): Promise<never> {
  return new Promise<never>((_, reject) => {
    const check = () => {
      const alive = [reg.installing, reg.waiting, reg.active].some((sw) => sw && sw.state !== 'redundant');
      if (!alive) reject(new BearerWorkerError('registration-failed', 'the worker did not install (see its console)'));
    };
    wb.addEventListener('redundant', check);
    check();
  });
}

/**
 * Assembles the bridge: registration, becoming controlled, the config check, the page-loaded hint,
 * and the requests, over one WorkerChannel and one SignedOutRedirect.
 */
export function createBridge(opts: ResolvedOptions, env: BridgeEnv): BearerWorker {
  const { container, isOurs } = env;
  const isControlled = () => isOurs(container.controller);
  const redirect = new SignedOutRedirect({ loginUrl: opts.loginUrl, redirect: opts.redirect, location: env.location });
  if (opts.onSignedOut) redirect.add(opts.onSignedOut);
  const channel = new WorkerChannel({ container, isOurs, timeoutMs: opts.messageTimeoutMs });
  channel.onSignedOut((event) => void redirect.handle(event));

  // Updates, from workbox-window's lifecycle: a build that waits (the host prompts) is told to the app
  // until it takes over; one that took over a page an older build controlled is told once.
  const updates = new Set<(event: UpdateEvent) => void>();
  let waiting: UpdateEvent | undefined;
  let waitingSw: ServiceWorker | undefined;
  let reloading = false;
  const tell = (event: UpdateEvent) => updates.forEach((listener) => listener(event));
  const swap = new SwapGate();
  const follow = (wb: WorkboxLike) => {
    // A build that waits is asked whether it takes over at once (the default worker: it skips waiting
    // again, which gives Chromium a second swap if a request stalled the first) or waits for its host's
    // prompt (told to the app). See insist-take-over.ts for the repeats.
    wb.addEventListener('waiting', ({ sw }) => {
      if (!sw || sw === waitingSw) return;
      waitingSw = sw;
      const takeOver = () => channel.request(sw, 'take-over').catch(() => false);
      const prompt = () =>
        tell(
          (waiting = {
            type: 'waiting',
            accept: () => (swap.begin(sw), insistTakeOver(sw, () => wb.messageSkipWaiting())),
          }),
        );
      const takes = takeOver();
      swap.begin(sw, takes);
      void takes.then((yes) => (yes ? setTimeout(() => insistTakeOver(sw, takeOver), TAKE_OVER_RETRY_MS) : prompt()));
    });
    // workbox-window's isUpdate says whether the page was controlled when it registered; a first visit
    // claimed later is not, yet the next build to take it over is an update all the same.
    let controlled = isControlled();
    wb.addEventListener('controlling', () => {
      // workbox-window says so for whatever script took the page; another one's is a scope-conflict.
      if (!isControlled()) return;
      const isUpdate = controlled;
      controlled = true;
      if (!isUpdate) return;
      const prompted = waiting;
      waiting = undefined;
      tell({ type: 'controlling' });
      // Once per page: the reloaded page starts under the new build, with nothing waiting.
      if (prompted && opts.reloadOnUpdate && !reloading) {
        reloading = true;
        env.reload();
      }
    });
    return wb;
  };

  const scope = new URL(opts.scope, env.location.origin).href;
  const covered = scopeCovers(opts.scope, opts.authBasePath, env.location.origin);
  // A scope narrower than the site leaves other spellings of Better Auth's path outside the worker
  // (`/%61pp/…` for scope '/app/'): a frame there reaches the token endpoint with the cookie on a lenient
  // server. Allowed, since the app may have reasons, but said once, with its code.
  if (covered && new URL(scope).pathname !== '/') {
    console.warn(
      `[bearer-worker] narrow-scope: scope '${opts.scope}' is narrower than the site, so other spellings of ` +
        `'${opts.authBasePath}' stay outside the worker; register at '/' (docs/threat-model.md#narrow-scope).`,
    );
  }
  const workbox = covered ? env.workbox.then(follow) : undefined;
  // Another script registered into our scope: told once, `ready` rejects if it has not settled, and the
  // bridge registers nothing more in this page (fighting back is what makes reload loops).
  const guard = scopeGuard({ container, isOurs, scope, memory: env.memory ?? (() => undefined) });
  let conflict: (error: BearerWorkerError) => void = () => {};
  const conflicted = new Promise<never>((_, reject) => (conflict = reject));
  conflicted.catch(() => {});
  const onConflict = (scriptURL: string) => {
    const error = scopeConflict(scriptURL, scope);
    console.error(`[bearer-worker] ${error.code}: ${error.message}`);
    conflict(error);
    tell({ type: 'conflict', scriptURL });
  };
  const registration: Promise<ServiceWorkerRegistration> = workbox
    ? workbox
        .then((wb) =>
          // The app's own Workbox: it registers; the bridge only finds the registration it made.
          opts.workbox
            ? wb.getSW().then(() => container.getRegistration(opts.scope))
            : guard.check().then(() => wb.register({ immediate: true })),
        )
        .then((reg) => reg ?? Promise.reject(new Error('no registration')))
        .then((reg) => (guard.watch(reg, onConflict), reg))
        .catch((err: unknown) =>
          Promise.reject(
            err instanceof BearerWorkerError
              ? err
              : new BearerWorkerError('registration-failed', (err as Error)?.message),
          ),
        )
    : Promise.reject(
        new BearerWorkerError('scope-mismatch', `scope '${opts.scope}' does not cover '${opts.authBasePath}'`),
      );

  // As early as possible, once per page load: wakes a stopped worker so it can mint the token while the
  // app boots, before the first API call needs it, and opens the page's fetch path to it (a fetch the
  // worker answers itself: PAGE_LOADED_PATH). Fire and forget: a hint, not a dependency.
  // Not while a swap is pending: a hint is a request to the old build, and one can park the swap.
  const hint = () => {
    if (covered && isControlled() && !swap.pending)
      env.fetch(opts.authBasePath + PAGE_LOADED_PATH, { cache: 'no-store' }).catch(() => {});
  };
  let pageLoaded = false;
  const sendPageLoaded = () => {
    if (pageLoaded || !covered || !isControlled()) return;
    pageLoaded = true;
    hint();
  };
  sendPageLoaded();
  container.addEventListener('controllerchange', sendPageLoaded);
  // The same hint on the first interaction after the browser may have stopped the idle worker: a call
  // usually follows it, and finds the token minted while the user finished the click.
  if (env.interactions) interactionHint(env.interactions, hint);

  // Reads and replays wait for a pending swap (bounded), and then go to the build that controls the page.
  // What changes the session goes at once: the old build must not attach a token the app has given up.
  async function request<T extends RequestType>(type: T): Promise<RequestMap[T]['value']> {
    const reg = await registration;
    if (CAN_WAIT.has(type)) await swap.settled(opts.messageTimeoutMs);
    const sw = isControlled() ? container.controller : reg.active;
    if (!isOurs(sw)) throw new BearerWorkerError('not-controlling');
    return channel.request(sw, type);
  }

  // A page that loaded without a controller (first visit, Shift+Reload) asks the active worker to claim
  // it instead of reloading: no reload, so no reload loop.
  async function becomeControlled(wb: WorkboxLike, reg: ServiceWorkerRegistration): Promise<void> {
    const stop = new AbortController();
    const controlled = new Promise<void>((resolve) => {
      const check = () => isControlled() && resolve();
      container.addEventListener('controllerchange', check, { signal: stop.signal });
      void container.ready.then((ready) => {
        if (!isControlled() && isOurs(ready.active)) channel.request(ready.active, 'claim').catch(() => {});
        check();
      });
    });
    try {
      await within(
        Promise.race([controlled, installFailed(wb, reg)]),
        opts.controlTimeoutMs,
        new BearerWorkerError('not-controlling', `after ${opts.controlTimeoutMs} ms`),
      );
    } finally {
      stop.abort();
    }
  }

  const settled = registration.then(async (reg) => {
    if (!isControlled()) await becomeControlled(await workbox!, reg);
    const { apiOrigins } = await request('status');
    if (!sameOriginSet(apiOrigins, opts.apiOrigins)) {
      throw new BearerWorkerError('config-mismatch', `worker ${apiOrigins}, page ${opts.apiOrigins}`);
    }
  });
  const ready = Promise.race([settled, conflicted]);
  // Apps that never await `ready` should not get an unhandled rejection; those that do still see it.
  ready.catch(() => {});

  if (opts.offlineWrites) {
    // Where the browser has no Background Sync, the page says when the network is back; a page load too
    // (the writes of a closed tab wait for the next one).
    const replay = () => void ready.then(() => request('replay-queue')).catch(() => {});
    replay();
    env.onOnline?.(replay);
  }

  return {
    ready,
    isControlled,
    status: () => request('status'),
    signOut: async () => void (await request('sign-out')),
    forgetToken: async () => void (await request('forget-token')),
    sessionChanged: async () => void (await request('session-changed')),
    onSignedOut: (listener) => redirect.add(listener),
    onUpdate: (listener) => {
      updates.add(listener);
      if (waiting) listener(waiting);
      return () => void updates.delete(listener);
    },
    queueStatus: () => request('queue-status'),
    replayQueue: async () => void (await request('replay-queue')),
    onQueueChanged: (listener) => channel.onQueueChanged(listener),
  };
}
