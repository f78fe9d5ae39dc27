/** A write kept in IndexedDB until it can be replayed. Never a token: no Authorization header is stored. */
export interface QueuedWrite {
  /** IndexedDB key, in the order the writes were made (replays keep it). */
  seq?: number;
  /** Told to the page in the 202, and sent as `Idempotency-Key` on every replay. */
  id: string;
  url: string;
  method: string;
  /** The page's headers, without Authorization and the worker's own marker headers. */
  headers: Array<[string, string]>;
  body: ArrayBuffer | null;
  credentials: RequestCredentials;
  /** The user (`sub`) and session generation it was made under: it is never sent under anyone else. */
  sub: string;
  generation: number;
  queuedAt: number;
  /** Replays answered 5xx so far, and when it may be tried again (worker clock, ms). */
  attempts: number;
  notBefore: number;
}
