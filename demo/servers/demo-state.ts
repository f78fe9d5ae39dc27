// What both demo servers share in one process: fault switches, the token lifetime setting and the
// counts the end-to-end tests assert on. Tokens are never stored: only a short hash to count them.

type TokenMode = 'normal' | 'fail' | 'slow';
export interface Faults {
  /** The API answers 401 to the next N requests that carry a token. */
  api401Next: number;
  /** The API refuses every token, as one with a wrong issuer, audience or JWKS URL would. */
  apiRejectTokens: boolean;
  /**
   * The API refuses the next token it sees, and that token only, from then on (as if its key had been
   * rotated out): every request holding it gets a 401, a fresh token works.
   */
  apiRejectNextToken: boolean;
  /** The tasks API answers each request this much later (a slow API, so requests pile up in the browser). */
  apiDelayMs: number;
  /**
   * The tasks API drops every connection without answering: browsers see a network error, as when the
   * network is down (the app's origin and Better Auth stay reachable). For the offline-writes tests in
   * engines without a way to cut the network.
   */
  apiUnreachable: boolean;
  tokenMode: TokenMode;
  tokenDelayMs: number;
}

interface ApiLogEntry {
  at: number;
  method: string;
  path: string;
  bearer: boolean;
  tokenId?: string;
  /** The token's `exp` (seconds), read without verifying, so tests can tell when a token was replaced. */
  tokenExp?: number;
  /** The token's `sub`, read the same way, so tests can tell whose token a request carried. */
  tokenSub?: string;
  status: number;
  bodySha256?: string;
  bodyLength?: number;
  /** The request's Idempotency-Key (the worker's offline queue sends the one a write got when queued). */
  idempotencyKey?: string;
  /** Answered from the API's idempotency record: a repeat of a write it had already applied. */
  idempotentRepeat?: boolean;
}

const MAX_LOG = 1000;
const freshAuth = () => ({
  tokenRequests: 0,
  tokenOk: 0,
  tokenFailed: 0,
  tokenUnauthorized: 0,
  getSession: 0,
  signIn: 0,
  signUp: 0,
  signOut: 0,
  /** When the last sign-out POST reached Better Auth (epoch ms), or 0. */
  signOutAt: 0,
});
const freshApi = () => ({
  requests: 0,
  withBearer: 0,
  withoutBearer: 0,
  preflights: 0,
  byStatus: {} as Record<string, number>,
  tokens: new Set<string>(),
  log: [] as ApiLogEntry[],
});
const normalFaults = (): Faults => ({
  api401Next: 0,
  apiRejectTokens: false,
  apiRejectNextToken: false,
  apiDelayMs: 0,
  apiUnreachable: false,
  tokenMode: 'normal',
  tokenDelayMs: 8000,
});

/** '20s', '15m', '1h' or plain seconds. */
export function parseTtl(value: string | undefined, fallback = 900): number {
  if (!value) return fallback;
  const m = /^(\d+)\s*(s|m|h)?$/.exec(value.trim());
  if (!m) throw new Error(`DEMO_JWT_TTL: expected e.g. '20s', '15m' or '3600', got ${JSON.stringify(value)}`);
  const seconds = Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
  if (seconds < 5 || seconds > 86400) throw new Error('DEMO_JWT_TTL: must be between 5 s and 24 h');
  return seconds;
}

export class DemoState {
  faults = normalFaults();
  /** The token `apiRejectNextToken` caught (its raw value never leaves the process). */
  rejectedToken: string | null = null;
  jwtTtlSeconds: number;
  /** The worker build the demo serves (POST /demo/deploy-worker): never reset, since pages keep their worker. */
  workerBuild = 1;
  auth = freshAuth();
  api = freshApi();

  constructor(readonly defaultTtlSeconds: number) {
    this.jwtTtlSeconds = defaultTtlSeconds;
  }

  recordApi(entry: ApiLogEntry): void {
    const api = this.api;
    api.requests++;
    if (entry.bearer) api.withBearer++;
    else api.withoutBearer++;
    if (entry.tokenId) api.tokens.add(entry.tokenId);
    api.byStatus[entry.status] = (api.byStatus[entry.status] ?? 0) + 1;
    api.log.push(entry);
    if (api.log.length > MAX_LOG) api.log.shift();
  }

  resetStats(): void {
    this.auth = freshAuth();
    this.api = freshApi();
  }

  reset(): void {
    this.resetStats();
    this.faults = normalFaults();
    this.rejectedToken = null;
    this.jwtTtlSeconds = this.defaultTtlSeconds;
  }

  stats() {
    const { tokens, ...api } = this.api;
    return {
      auth: { ...this.auth },
      api: { ...api, byStatus: { ...api.byStatus }, distinctTokens: tokens.size, log: api.log.slice() },
    };
  }
}
