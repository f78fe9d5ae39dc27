import { BearerWorkerError } from '../src/shared/bearer-worker-error.js';
import { envelope, parseRequest, PROTOCOL_VERSION, type ReplyMessage, type RequestMap, type RequestType, type WorkerStatus } from '../src/shared/protocol.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import type { TokenProvider } from './token-provider.js';
import type { ResolvedConfig } from './types.js';
import type { WorkerState } from './worker-state.js';

declare const self: ServiceWorkerGlobalScope;

/**
 * Answers the bridge. Only same-origin window clients are heard, anything that does not parse is
 * dropped, and no message can set or read a token or change config.
 */
export function createMessageHandler(
  config: ResolvedConfig,
  build: string,
  provider: TokenProvider,
  signOut: SignOutCoordinator,
  state: WorkerState,
  scope: ServiceWorkerGlobalScope = self,
) {
  const status = (): WorkerStatus => {
    const t = provider.tokens.token;
    const c = t?.claims;
    return {
      build,
      protocolVersion: PROTOCOL_VERSION,
      apiOrigins: config.apiOrigins,
      session: provider.session.state,
      userId: provider.session.userId,
      token: t && c ? { expiresAt: t.expiresAt, refreshAt: t.refreshAt, claims: { sub: c.sub, iss: c.iss, aud: c.aud, iat: c.iat, exp: c.exp } } : null,
      counters: { ...state.counters },
      events: state.events.slice(),
      startedAt: state.startedAt,
    };
  };

  const handlers: { [T in RequestType]: () => Promise<RequestMap[T]['value']> } = {
    status: async () => status(),
    'sign-out': async () => {
      await signOut.userSignOut();
      return null;
    },
    claim: async () => {
      await scope.clients.claim();
      state.log('page-claimed', 'a page that loaded without a controller asked');
      return null;
    },
    'forget-token': async () => {
      provider.reset('unknown', false);
      state.log('token-dropped', 'asked by the page');
      return null;
    },
  };

  return (event: ExtendableMessageEvent): void => {
    const source = event.source;
    if (!source || !('type' in source) || source.type !== 'window' || new URL(source.url).origin !== scope.location.origin) return;
    const parsed = parseRequest(event.data);
    const data = event.data as { id?: unknown };
    const reply = (m: ReplyMessage) => (event.ports[0] ?? source).postMessage(m);
    if (!parsed.ok) {
      // Same protocol, other version: say so, so the page can ask for a reload. Junk gets no answer.
      if (parsed.code === 'version-mismatch' && typeof data.id === 'string') {
        const e = new BearerWorkerError('version-mismatch');
        reply({ ...envelope(data.id.slice(0, 64)), type: 'reply', ok: false, error: { code: e.code, message: e.message } });
      }
      return;
    }
    const { id, type } = parsed.message;
    event.waitUntil(
      handlers[type]().then(
        (value) => reply({ ...envelope(id), type: 'reply', ok: true, value } as ReplyMessage),
        (err: unknown) => {
          const e = err instanceof BearerWorkerError ? err : new BearerWorkerError('sign-out-failed', String(err));
          reply({ ...envelope(id), type: 'reply', ok: false, error: { code: e.code, message: e.message } });
        },
      ),
    );
  };
}
