// The modern modules, not the package's ES5 build: same code without Babel's helpers (~0.4 kB less).
import { messageSW } from 'workbox-window/messageSW.js';
import { Workbox } from 'workbox-window/Workbox.js';
import { resolveOptions, type BearerWorkerOptions, type ResolvedOptions } from './resolve-options.js';
import { safeReturnTo } from './safe-return-to.js';
import { BearerWorkerError } from './shared/bearer-worker-error.js';
import {
  envelope,
  parseNotification,
  SIGN_OUT_TIMEOUT_MS,
  parseReply,
  type RequestMap,
  type RequestType,
  type SignedOutEvent,
  type WorkerStatus,
} from './shared/protocol.js';

export interface BearerWorker {
  /** Resolves when this page is controlled by the worker and the worker is the build the page expects. */
  ready: Promise<void>;
  /** The worker signs out of Better Auth once and tells every tab; each tab then goes to the login page. */
  signOut(): Promise<void>;
  /** For an inspector: session state, token expiry, non-secret claims, counters. Never the token. */
  status(): Promise<WorkerStatus>;
  /** Drop the worker's cached token; the next API request mints a new one. */
  forgetToken(): Promise<void>;
  /** Runs before the redirect; returns a function that removes the listener. */
  onSignedOut(listener: (event: SignedOutEvent) => void | Promise<void>): () => void;
  /** Whether the worker controls this page right now (API calls from an uncontrolled page carry no token). */
  isControlled(): boolean;
}

const registered = new Map<string, BearerWorker>();

/** Registers the worker once per page and returns the bridge to it. Throws BearerWorkerError on bad options. */
export function registerBearerWorker(options: BearerWorkerOptions): BearerWorker {
  const opts = resolveOptions(options, globalThis.location?.origin ?? '');
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !globalThis.isSecureContext) {
    throw new BearerWorkerError('unsupported', 'needs HTTPS or localhost');
  }
  const existing = registered.get(opts.scriptUrl);
  if (existing) return existing;
  const handle = createBridge(opts);
  registered.set(opts.scriptUrl, handle);
  return handle;
}

function createBridge(opts: ResolvedOptions): BearerWorker {
  const container = navigator.serviceWorker;
  const scriptURL = new URL(opts.scriptUrl, location.href).href;
  const listeners = new Set<(event: SignedOutEvent) => void | Promise<void>>();
  if (opts.onSignedOut) listeners.add(opts.onSignedOut);
  const ours = (sw: unknown): sw is ServiceWorker => sw instanceof ServiceWorker && sw.scriptURL === scriptURL;
  const isControlled = () => ours(container.controller);
  // Rejects with `error` after `ms` unless `done` settles first.
  const within = <T>(done: Promise<T>, ms: number, error: BearerWorkerError): Promise<T> => {
    let timer: ReturnType<typeof setTimeout>;
    return Promise.race([done, new Promise<never>((_, reject) => (timer = setTimeout(reject, ms, error)))]).finally(
      () => clearTimeout(timer),
    );
  };

  async function send<T extends RequestType>(sw: ServiceWorker, type: T): Promise<RequestMap[T]['value']> {
    const id = crypto.randomUUID();
    // A sign-out reply waits for the worker's own POST to Better Auth.
    const ms = opts.messageTimeoutMs + (type === 'sign-out' ? SIGN_OUT_TIMEOUT_MS : 0);
    const parsed = parseReply(
      await within(
        messageSW(sw, { ...envelope(id), type }),
        ms,
        new BearerWorkerError('message-timeout', `${type} after ${ms} ms`),
      ),
      id,
    );
    if (!parsed.ok) throw new BearerWorkerError(parsed.code);
    const reply = parsed.message;
    // Our own worker answers on a channel only it holds: its code is one of ours.
    if (!reply.ok) throw new BearerWorkerError(reply.error.code, reply.error.message);
    return reply.value as RequestMap[T]['value'];
  }

  const registration = new Workbox(scriptURL, { scope: opts.scope, updateViaCache: 'none' })
    .register({ immediate: true })
    .then(
      (reg) => reg ?? Promise.reject(new BearerWorkerError('registration-failed')),
      (err: unknown) =>
        Promise.reject(new BearerWorkerError('registration-failed', String((err as Error)?.message ?? err))),
    );

  async function request<T extends RequestType>(type: T): Promise<RequestMap[T]['value']> {
    const reg = await registration;
    const sw = isControlled() ? container.controller : reg.active;
    if (!ours(sw)) throw new BearerWorkerError('not-controlling');
    return send(sw, type);
  }

  // A page that loaded without a controller (first visit, Shift+Reload) asks the active worker to claim
  // it instead of reloading: no reload, so no reload loop.
  const becomeControlled = async () => {
    let check!: () => void;
    const controlled = new Promise<void>((resolve) => (check = () => isControlled() && resolve()));
    container.addEventListener('controllerchange', check);
    void container.ready.then((reg) => {
      if (!isControlled() && ours(reg.active)) send(reg.active, 'claim').catch(() => {});
      check();
    });
    try {
      await within(
        controlled,
        opts.controlTimeoutMs,
        new BearerWorkerError('not-controlling', `after ${opts.controlTimeoutMs} ms`),
      );
    } finally {
      container.removeEventListener('controllerchange', check);
    }
  };

  const ready = registration.then(async () => {
    if (!isControlled()) await becomeControlled();
    const { apiOrigins } = await request('status');
    const page = opts.apiOrigins;
    if (apiOrigins.length !== page.length || !page.every((o) => apiOrigins.includes(o))) {
      throw new BearerWorkerError('config-mismatch', `worker ${apiOrigins}, page ${page}`);
    }
  });
  // Apps that never await `ready` should not get an unhandled rejection; those that do still see it.
  ready.catch(() => {});

  let handling = false;
  container.addEventListener('message', async (event: MessageEvent) => {
    const parsed = parseNotification(event.data);
    if (!ours(event.source) || !parsed.ok || handling) return;
    handling = true;
    const { reason } = parsed.message.payload;
    for (const listener of [...listeners]) {
      try {
        await listener({ reason });
      } catch (err) {
        console.error('bearer-worker: onSignedOut', err);
      }
    }
    const login = new URL(opts.loginUrl, location.origin);
    if (!opts.redirect || location.pathname === login.pathname) {
      handling = false;
      return;
    }
    if (reason === 'session-expired') {
      login.searchParams.set('session_expired', 'true');
      login.searchParams.set('returnTo', safeReturnTo(location.pathname + location.search, location.origin));
    }
    location.assign(login.href);
  });
  container.startMessages();

  return {
    ready,
    isControlled,
    status: () => request('status'),
    signOut: async () => void (await request('sign-out')),
    forgetToken: async () => void (await request('forget-token')),
    onSignedOut(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
