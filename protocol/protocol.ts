/**
 * The one message protocol between the page bridge and the worker. This folder is the only page-side
 * code the worker imports, so everything here must stay tiny and free of DOM globals.
 */
import { BearerWorkerErrorCode } from './error-codes.js';

export const PROTOCOL = 'bearer-worker';
export const PROTOCOL_VERSION = 1;
/** The worker gives Better Auth's sign-out this long; the page waits that much longer for its reply. */
export const SIGN_OUT_TIMEOUT_MS = 5000;

/** Counters the worker keeps since it started (memory only: a cold worker starts from zero). */
export interface WorkerCounters {
  /** API requests sent with a bearer token. */
  authorized: number;
  /** Requests the worker saw and sent on untouched (no token attached). */
  passedThrough: number;
  /** Calls to the token endpoint. */
  tokenFetches: number;
  /** Token fetches made because a token was near expiry or rejected (a subset of tokenFetches). */
  refreshes: number;
  /** Requests replayed once after a 401. */
  retries: number;
  /** Sessions the worker signed out (one per lost session). */
  signOuts: number;
  /** Token fetches that failed (network, timeout, 5xx, bad body). */
  tokenErrors: number;
}

/** The JWT claims the worker reads and the inspector may show. Never the token itself. */
export interface PublicClaims {
  sub?: string;
  iss?: string;
  aud?: string | string[];
  iat?: number;
  exp?: number;
}

/** What the worker knows of the Better Auth session. */
export type SessionState = 'signed-in' | 'signed-out' | 'unknown';

export interface WorkerEvent {
  /** Epoch ms, worker clock. */
  at: number;
  type: string;
  detail?: string;
}

export interface WorkerStatus {
  /** Build id of the worker, shown by the inspector (the page checks `apiOrigins`, not the build). */
  build: string;
  protocolVersion: number;
  /** The API origins compiled into this worker (the page checks they match its own options). */
  apiOrigins: string[];
  /** What the worker knows of the session. */
  session: SessionState;
  /** Bumped whenever the browser's session may have changed; tokens of older generations are never sent. */
  generation: number;
  /** Set after a sign-out: no token is minted or sent until a new session is seen. */
  signedOutLatch: boolean;
  /** Epoch ms until which the token endpoint is not asked again after failing (0: no backoff). */
  tokenBackoffUntil: number;
  /** Epoch ms until which a rejected token is not re-minted because the API refuses fresh tokens (0: none). */
  rejectBackoffUntil: number;
  userId: string | null;
  /** Present while a token is cached. Times are epoch ms on the worker's clock. */
  token: { expiresAt: number; refreshAt: number; claims: PublicClaims } | null;
  /** Workers built with `inspector: true` only: without it the worker keeps no counters. */
  counters?: WorkerCounters;
  /** Workers built with `inspector: true` only. Most recent last. Bounded. */
  events?: WorkerEvent[];
  /** When this worker instance started (a cold start shows as a newer time). */
  startedAt: number;
}

export interface SignedOutEvent {
  reason: 'user' | 'session-expired';
}

/**
 * Offline writes (workers built with `offlineWrites`). A page marks a write it wants kept when the network
 * is down with this request header (any value; the worker removes it before sending).
 */
export const QUEUE_HEADER = 'x-bearer-worker-queue';
/** Set on the worker's `202` answer to a write it queued: the queued write's id (also its Idempotency-Key). */
export const QUEUED_HEADER = 'x-bearer-worker-queued';

/**
 * What became of a queued write. `queued`: kept, waiting for the network. `replayed`: sent, and the API
 * answered `status` (2xx or 3xx). `failed`: the API refused it with a 4xx (`status`), not retried.
 * `dropped`: the user signed out or another user signed in before it could go (`onIdentityChange: 'drop'`).
 * `held`: the same, kept until the user who made it signs in again (`onIdentityChange: 'keep'`).
 */
export interface QueueNotice {
  id: string;
  state: 'queued' | 'replayed' | 'failed' | 'dropped' | 'held';
  status?: number;
}

/** A queued write as the inspector may see it: never a token, header values or the body. */
export interface QueuedWriteInfo {
  id: string;
  method: string;
  url: string;
  /** The user (`sub`) and session generation it was made under. */
  sub: string;
  generation: number;
  queuedAt: number;
  /** Replays answered 5xx so far. */
  attempts: number;
  /** Waits for its user to sign in again (another user, or nobody, is signed in now). */
  held: boolean;
}

export interface QueueStatus {
  /** In the order they will be replayed. */
  pending: QueuedWriteInfo[];
  /** Since the worker started (memory only). */
  replayed: number;
  failed: number;
  dropped: number;
  /** The most recent notices, last one last (memory only, bounded). */
  recent: QueueNotice[];
}

/** Page → worker requests, each with the value its reply carries. */
export interface RequestMap {
  status: { value: WorkerStatus };
  'sign-out': { value: null };
  /** Claim this page (used when the page loaded uncontrolled, e.g. after Shift+Reload). */
  claim: { value: null };
  /** Drop the cached token; the next API request mints a new one. */
  'forget-token': { value: null };
  /**
   * The app changed the session in a way the worker cannot see (its own server endpoint, another scope):
   * start a new session generation; no request sent after the reply carries the old identity's token.
   */
  'session-changed': { value: null };
  /** Workers built with `offlineWrites` only: the queued writes and what became of recent ones. */
  'queue-status': { value: QueueStatus };
  /** Workers built with `offlineWrites` only: the network may be back, replay the queue now. */
  'replay-queue': { value: null };
  /**
   * Sent to a build that waits: `true` if its policy is to take over at once (it skips waiting again),
   * `false` if it leaves that to its host worker's prompt.
   */
  'take-over': { value: boolean };
}

/** Every request type, as the tests iterate them (the worker accepts its handlers' keys, typed by RequestMap). */
export const REQUEST_TYPES = [
  'status',
  'sign-out',
  'claim',
  'forget-token',
  'session-changed',
  'queue-status',
  'replay-queue',
  'take-over',
] as const;
/** Each request type fails with its own code, `<type>-failed`: the compiler checks error-codes.ts has it. */
export const failureCode = (type: RequestType): BearerWorkerErrorCode => `${type}-failed`;

/**
 * The page-load hint: the bridge fetches `authBasePath + PAGE_LOADED_PATH` as soon as a controlled
 * page loads. The worker answers it itself (204, nothing sent) and re-validates the session for that page
 * (one single-flight token fetch, only when a session is plausible) before the page's first API call needs
 * it. A fetch rather than a message: it also opens the page's own fetch path to the worker, which the
 * first API call would otherwise pay for.
 */
export const PAGE_LOADED_PATH = '/__bearer-worker/page-loaded';

export type RequestType = keyof RequestMap;

/** Worker → page notifications. */
interface NotificationMap {
  'signed-out': SignedOutEvent;
  'queue-changed': QueueNotice;
}
type NotificationType = keyof NotificationMap;

interface Envelope {
  protocol: typeof PROTOCOL;
  version: number;
  id: string;
}
interface RequestMessage<T extends RequestType = RequestType> extends Envelope {
  type: T;
}
export interface NotificationMessage<T extends NotificationType = NotificationType> extends Envelope {
  type: T;
  payload: NotificationMap[T];
}
/** Any one notification, told apart by its `type`. */
export type AnyNotification = { [T in NotificationType]: NotificationMessage<T> }[NotificationType];
export type ReplyMessage<T extends RequestType = RequestType> = Envelope & { type: 'reply' } & (
    { ok: true; value: RequestMap[T]['value'] } | { ok: false; error: { code: BearerWorkerErrorCode; message: string } }
  );

type Parsed<M> = { ok: true; message: M } | { ok: false; code: 'invalid-message' | 'version-mismatch' };

const INVALID = { ok: false, code: 'invalid-message' } as const;

/** Our envelope (short id, known type); another version is told apart from junk. */
function parseEnvelope(
  data: unknown,
  types: readonly string[],
): Parsed<Envelope & { type: string } & Record<string, unknown>> {
  const m = data as (Envelope & { type: string } & Record<string, unknown>) | null;
  if (
    m?.protocol !== PROTOCOL ||
    typeof m.version !== 'number' ||
    typeof m.id !== 'string' ||
    !m.id ||
    m.id.length > 64 ||
    !types.includes(m.type)
  )
    return INVALID;
  return m.version === PROTOCOL_VERSION ? { ok: true, message: m } : { ok: false, code: 'version-mismatch' };
}

/**
 * Worker side: accept only well-formed requests of our version and of `types` (the worker passes its
 * handlers' keys, so the list is not shipped twice), copying only known fields.
 */
export function parseRequest(data: unknown, types: readonly string[]): Parsed<RequestMessage> {
  const r = parseEnvelope(data, types);
  return r.ok ? { ok: true, message: { ...envelope(r.message.id), type: r.message.type as RequestType } } : r;
}

const NOTICE_STATES: readonly string[] = ['queued', 'replayed', 'failed', 'dropped', 'held'];

/** Page side: accept only well-formed notifications of our version, copying only known fields. */
export function parseNotification(data: unknown): Parsed<AnyNotification> {
  const r = parseEnvelope(data, ['signed-out', 'queue-changed']);
  if (!r.ok) return r;
  const id = r.message.id;
  const payload = r.message.payload as Record<string, unknown> | undefined;
  if (r.message.type === 'signed-out') {
    const reason = payload?.reason;
    if (reason === 'user' || reason === 'session-expired')
      return { ok: true, message: { ...envelope(id), type: 'signed-out', payload: { reason } } };
    return INVALID;
  }
  const { id: writeId, state, status } = payload ?? {};
  if (typeof writeId !== 'string' || typeof state !== 'string' || !NOTICE_STATES.includes(state)) return INVALID;
  const notice = { id: writeId, state, ...(typeof status === 'number' ? { status } : {}) } as QueueNotice;
  return { ok: true, message: { ...envelope(id), type: 'queue-changed', payload: notice } };
}

/** Page side: a reply must match the request id and say ok, or carry an error code. */
export function parseReply(data: unknown, id: string): Parsed<ReplyMessage> {
  const r = parseEnvelope(data, ['reply']);
  if (!r.ok) return r;
  const m = r.message as unknown as ReplyMessage;
  return m.id === id && (m.ok === true || (m.ok === false && typeof m.error?.code === 'string'))
    ? { ok: true, message: m }
    : INVALID;
}

export function envelope(id: string): Envelope {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, id };
}
