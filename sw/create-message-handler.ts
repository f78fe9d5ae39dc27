import type { BearerWorkerErrorCode } from '../src/shared/error-codes.js';
import {
  envelope,
  parseRequest,
  PROTOCOL_VERSION,
  type ReplyMessage,
  type RequestMap,
  type RequestType,
} from '../src/shared/protocol.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import type { TokenProvider } from './token-provider.js';
import type { ResolvedConfig } from './types.js';
import type { WorkerState } from './worker-state.js';
import { INSPECTOR } from './inspector.js';

declare const self: ServiceWorkerGlobalScope;

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: BearerWorkerErrorCode; message: string } };

/**
 * Answers the bridge. Only same-origin window clients are heard, anything that does not parse is
 * dropped, and no message can set or read a token or change config.
 */
export function createMessageHandler(
  { apiOrigins }: ResolvedConfig,
  build: string,
  provider: TokenProvider,
  signOut: SignOutCoordinator,
  state: WorkerState,
  scope: ServiceWorkerGlobalScope = self,
) {
  const { tokens, session } = provider;
  const { counters, events, startedAt, log } = state;
  const handlers: { [T in RequestType]: () => Promise<RequestMap[T]['value']> } = {
    status: async () => {
      const t = tokens.token;
      // Only these claims: Better Auth puts the whole user (email, name…) in the payload.
      const { sub, iss, aud, iat, exp } = t?.claims ?? {};
      return {
        build,
        protocolVersion: PROTOCOL_VERSION,
        apiOrigins,
        session: session.state,
        userId: session.userId,
        generation: tokens.generation,
        signedOutLatch: false,
        tokenBackoffUntil: 0,
        rejectBackoffUntil: 0,
        token: t && { expiresAt: t.expiresAt, refreshAt: t.refreshAt, claims: { sub, iss, aud, iat, exp } },
        // Zeros and none unless built with `inspector: true`.
        counters: { ...counters },
        events: events.slice(),
        startedAt,
      };
    },
    'sign-out': async () => {
      await signOut.userSignOut(true);
      return null;
    },
    claim: async () => {
      await scope.clients.claim();
      if (INSPECTOR) log('page-claimed');
      return null;
    },
    'session-changed': async () => {
      provider.reset('unknown', true);
      return null;
    },
    'page-loaded': async () => null,
    'forget-token': async () => {
      provider.reset('unknown', false);
      if (INSPECTOR) log('token-dropped');
      return null;
    },
  };

  return (event: ExtendableMessageEvent): void => {
    const source = event.source as WindowClient | null;
    if (source?.type !== 'window' || new URL(source.url).origin !== scope.location.origin) return;
    const parsed = parseRequest(event.data);
    // Only called once the envelope parsed, so the id is a short string.
    const reply = (m: Reply) =>
      (event.ports[0] ?? source).postMessage({ ...envelope(event.data.id), type: 'reply', ...m } as ReplyMessage);
    if (parsed.ok) {
      event.waitUntil(
        handlers[parsed.message.type]().then(
          (value) => reply({ ok: true, value }),
          // The page turns the code into its own BearerWorkerError; the message is detail only.
          (err: unknown) => reply({ ok: false, error: { code: 'sign-out-failed', message: String(err) } }),
        ),
      );
    } else if (parsed.code === 'version-mismatch') {
      // Same protocol, other version: say so, so the page can ask for a reload. Junk gets no answer.
      reply({ ok: false, error: { code: parsed.code, message: `worker speaks version ${PROTOCOL_VERSION}` } });
    }
  };
}
