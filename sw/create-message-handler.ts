import type { BearerWorkerErrorCode } from '../protocol/error-codes.js';
import {
  envelope,
  failureCode,
  parseRequest,
  PROTOCOL_VERSION,
  type ReplyMessage,
  type RequestMap,
  type RequestType,
} from '../protocol/protocol.js';
import type { SignOutCoordinator } from './sign-out-coordinator.js';
import type { TokenProvider } from './token-provider.js';
import { logEvent, type WorkerState } from './worker-state.js';
import { TRACE } from './trace.js';
import { INSPECTOR } from './inspector.js';
import { OFFLINE } from './offline-queue/offline-flag.js';

/** Requests only a worker built with `offlineWrites` answers (its queue supplies the handlers). */
type QueueRequestType = 'queue-status' | 'replay-queue';
export type QueueHandlers = { [T in QueueRequestType]: () => unknown };

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: BearerWorkerErrorCode; message: string } };

/**
 * Answers the bridge. Only same-origin window clients are heard, anything that does not parse is
 * dropped, every request gets exactly one reply, and no message can set or read a token or change config.
 */
export function createMessageHandler(
  apiOrigins: string[],
  build: string,
  provider: TokenProvider,
  signOut: SignOutCoordinator,
  state: WorkerState,
  scope: ServiceWorkerGlobalScope,
  /** The default worker's policy: a new build takes over at once (a host worker keeps its own). */
  takeOverAtOnce: boolean,
  queueHandlers?: QueueHandlers,
) {
  const session = provider.session;
  // Each answers its request type; what it returns (undefined for all but status) is the reply's value.
  const handlers: { [T in Exclude<RequestType, QueueRequestType>]: () => unknown } & Partial<QueueHandlers> = {
    status: (): RequestMap['status']['value'] => ({
      build,
      protocolVersion: PROTOCOL_VERSION,
      apiOrigins,
      ...session.snapshot(),
      // Only workers built with `inspector: true` keep counters and events.
      ...(INSPECTOR && { counters: { ...state.counters! }, events: state.events!.slice() }),
      startedAt: state.startedAt,
    }),
    'sign-out': () => signOut.userSignOut(true),
    claim: async () => {
      await scope.clients.claim();
      if (TRACE) logEvent(state, 'page-claimed');
    },
    'forget-token': () => {
      session.forget();
      if (TRACE) logEvent(state, 'token-dropped');
    },
    'session-changed': () => {
      session.changed(true);
      if (TRACE) logEvent(state, 'session-changed', 'app');
    },
    // Chromium parks a build that skipped waiting when a fetch reaches the old one during the swap; asking
    // again starts another swap. A host worker's prompt stays the host's.
    'take-over': () => {
      if (takeOverAtOnce) void scope.skipWaiting();
      return takeOverAtOnce;
    },
    ...(OFFLINE ? queueHandlers : undefined),
  };

  const types = Object.keys(handlers);

  return (event: ExtendableMessageEvent): void => {
    const source = event.source as WindowClient | null;
    if (source?.type !== 'window' || new URL(source.url).origin !== scope.location.origin) return;
    const parsed = parseRequest(event.data, types);
    // Only called once the envelope parsed, so the id is a short string.
    const reply = (m: Reply) =>
      (event.ports[0] ?? source).postMessage({ ...envelope(event.data.id), type: 'reply', ...m } as ReplyMessage);
    if (parsed.ok) {
      const type = parsed.message.type;
      event.waitUntil(
        Promise.resolve()
          .then(handlers[type])
          .then(
            (value = null) => reply({ ok: true, value }),
            // The page turns the code into its own BearerWorkerError; the message is detail only.
            (err: unknown) =>
              reply({
                ok: false,
                error: { code: failureCode(type), message: String((err as Error)?.message ?? err) },
              }),
          ),
      );
    } else if (parsed.code === 'version-mismatch') {
      // Same protocol, other version: say so, so the page can ask for a reload. Junk gets no answer.
      reply({ ok: false, error: { code: parsed.code, message: `worker speaks version ${PROTOCOL_VERSION}` } });
    }
  };
}
