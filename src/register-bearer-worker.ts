import { messageSW, Workbox } from 'workbox-window';
import { resolveOptions, type BearerWorkerOptions, type ResolvedOptions } from './resolve-options.js';
import { safeReturnTo } from './safe-return-to.js';
import { BearerWorkerError } from './shared/bearer-worker-error.js';
import { ERROR_CODES, type BearerWorkerErrorCode } from './shared/error-codes.js';
import { envelope, parseNotification, parseReply, type RequestMap, type RequestType, type SignedOutEvent, type WorkerStatus } from './shared/protocol.js';

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
    throw new BearerWorkerError('unsupported');
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

  async function send<T extends RequestType>(sw: ServiceWorker, type: T): Promise<RequestMap[T]['value']> {
    const id = crypto.randomUUID();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BearerWorkerError('message-timeout', `(${type}, ${opts.messageTimeoutMs} ms)`)), opts.messageTimeoutMs);
    });
    try {
      const parsed = parseReply(await Promise.race([messageSW(sw, { ...envelope(id), type }), timeout]), id);
      if (!parsed.ok) throw new BearerWorkerError(parsed.code);
      const reply = parsed.message;
      if (!reply.ok) throw new BearerWorkerError(reply.error.code in ERROR_CODES ? (reply.error.code as BearerWorkerErrorCode) : 'invalid-message');
      return reply.value as RequestMap[T]['value'];
    } finally {
      clearTimeout(timer);
    }
  }

  const registration = new Workbox(scriptURL, { scope: opts.scope, updateViaCache: 'none' }).register({ immediate: true }).then(
    (reg) => {
      if (!reg) throw new BearerWorkerError('registration-failed');
      return reg;
    },
    (err: unknown) => {
      throw new BearerWorkerError('registration-failed', String((err as Error)?.message ?? err));
    },
  );

  async function request<T extends RequestType>(type: T): Promise<RequestMap[T]['value']> {
    const reg = await registration;
    const sw = isControlled() ? container.controller : reg.active;
    if (!ours(sw)) throw new BearerWorkerError('not-controlling');
    return send(sw, type);
  }

  // A page that loaded without a controller (first visit, Shift+Reload) asks the active worker to claim
  // it instead of reloading: no reload, so no reload loop.
  const becomeControlled = () =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!isControlled()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new BearerWorkerError('not-controlling', `(waited ${opts.controlTimeoutMs} ms)`));
      }, opts.controlTimeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        container.removeEventListener('controllerchange', check);
      };
      container.addEventListener('controllerchange', check);
      void container.ready.then((reg) => {
        if (!isControlled() && ours(reg.active)) send(reg.active, 'claim').catch(() => {});
        check();
      });
    });

  const ready = registration.then(async () => {
    if (!isControlled()) await becomeControlled();
    const { apiOrigins } = await request('status');
    const same = apiOrigins.length === opts.apiOrigins.length && opts.apiOrigins.every((o) => apiOrigins.includes(o));
    if (!same) throw new BearerWorkerError('config-mismatch', `(worker: ${apiOrigins.join(', ')}; page: ${opts.apiOrigins.join(', ')})`);
  });
  // Apps that never await `ready` should not get an unhandled rejection; those that do still see it.
  ready.catch(() => {});

  let handling = false;
  async function handleSignedOut(event: SignedOutEvent): Promise<void> {
    if (handling) return;
    handling = true;
    for (const listener of [...listeners]) {
      try {
        await listener(event);
      } catch (err) {
        console.error('[bearer-worker] onSignedOut listener failed:', err);
      }
    }
    const login = new URL(opts.loginUrl, location.origin);
    if (!opts.redirect || location.pathname === login.pathname) {
      handling = false;
      return;
    }
    if (event.reason === 'session-expired') {
      login.searchParams.set('session_expired', 'true');
      login.searchParams.set('returnTo', safeReturnTo(location.pathname + location.search, location.origin));
    }
    location.assign(login.href);
  }

  container.addEventListener('message', (event: MessageEvent) => {
    if (!ours(event.source)) return;
    const parsed = parseNotification(event.data);
    if (parsed.ok) void handleSignedOut(parsed.message.payload);
  });
  container.startMessages();

  return {
    ready,
    isControlled,
    status: () => request('status'),
    signOut: async () => {
      await request('sign-out');
    },
    forgetToken: async () => {
      await request('forget-token');
    },
    onSignedOut(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
