import type { QueueNotice, QueueStatus, SignedOutEvent, WorkerStatus } from '../protocol/protocol.js';
import type { UpdateEvent } from './update-event.js';

/** The page's handle on the worker, from registerBearerWorker. It never holds or shows the token. */
export interface BearerWorker {
  /** Resolves when this page is controlled by the worker and the worker is the build the page expects. */
  ready: Promise<void>;
  /** The worker signs out of Better Auth once and tells every tab; each tab then goes to the login page. */
  signOut(): Promise<void>;
  /** For an inspector: session state, token expiry, non-secret claims, counters. Never the token. */
  status(): Promise<WorkerStatus>;
  /** Drop the worker's cached token; the next API request mints a new one. */
  forgetToken(): Promise<void>;
  /**
   * Tell the worker the session changed in a way it cannot see (a server-side sign-in, another scope):
   * once this resolves, no request carries the previous identity's token.
   */
  sessionChanged(): Promise<void>;
  /** Runs before the redirect; returns a function that removes the listener. */
  onSignedOut(listener: (event: SignedOutEvent) => void | Promise<void>): () => void;
  /**
   * A new build of the worker is waiting or took over (see UpdateEvent). A build still waiting is told to
   * listeners added later too. Returns a function that removes the listener.
   */
  onUpdate(listener: (event: UpdateEvent) => void): () => void;
  /** Workers built with `offlineWrites`: the queued writes and what became of recent ones. */
  queueStatus(): Promise<QueueStatus>;
  /** Workers built with `offlineWrites`: replay the queue now (the bridge does so when the page comes online). */
  replayQueue(): Promise<void>;
  /** A queued write was kept, replayed, refused, dropped or held; returns a function that removes the listener. */
  onQueueChanged(listener: (notice: QueueNotice) => void): () => void;
  /** Whether the worker controls this page right now (API calls from an uncontrolled page carry no token). */
  isControlled(): boolean;
}
