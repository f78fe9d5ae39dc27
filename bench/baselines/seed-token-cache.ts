// The seed's token cache, written fresh. `expiry: 'response-field'` is the seed as written: it reads
// `expiresAt` from the token response, which Better Auth never sends, so no token is ever valid and every
// call mints one. `'jwt-exp'` is the bug fixed: expiry from the token's own `exp`.
export type SeedExpiry = 'response-field' | 'jwt-exp';

const BUFFER_MS = 3 * 60 * 1000;

function jwtTimes(token: string): { exp?: number; iat?: number } {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
      iat?: number;
    };
  } catch {
    return {};
  }
}

export class SeedTokenCache {
  private cache: { token: string; expiresAt: number | undefined; bufferMs: number } | null = null;
  private fetchPromise: Promise<string> | null = null;

  constructor(
    private readonly expiry: SeedExpiry,
    private readonly tokenUrl = '/api/auth/token',
  ) {}

  async getToken(sessionCheck: () => Promise<boolean>): Promise<string | null> {
    if (this.cache && this.isValid(this.cache)) return this.cache.token;
    if (this.fetchPromise) return this.fetchPromise;
    // As in the seed: the session check comes between the in-flight check and setting it, so callers
    // that arrive together each start their own fetch.
    if (!(await sessionCheck())) {
      this.clear();
      return null;
    }
    this.fetchPromise = this.fetchNewToken();
    try {
      return await this.fetchPromise;
    } finally {
      this.fetchPromise = null;
    }
  }

  private async fetchNewToken(): Promise<string> {
    const res = await fetch(this.tokenUrl, { credentials: 'include' });
    if (!res.ok) throw new Error(`Token fetch failed: ${res.status}`);
    const data = (await res.json()) as { token: string; expiresAt?: number };
    if (this.expiry === 'response-field') {
      this.cache = { token: data.token, expiresAt: data.expiresAt, bufferMs: BUFFER_MS };
    } else {
      const { exp, iat } = jwtTimes(data.token);
      // The seed's 3 min buffer, clamped to half the lifetime: the bench's 10 s lifetimes would otherwise
      // make every token stale on arrival. At lifetimes of 6 min or more the clamp changes nothing.
      const lifetimeMs = exp !== undefined && iat !== undefined ? (exp - iat) * 1000 : Infinity;
      this.cache = {
        token: data.token,
        expiresAt: exp === undefined ? undefined : exp * 1000,
        bufferMs: Math.min(BUFFER_MS, lifetimeMs / 2),
      };
    }
    return data.token;
  }

  private isValid(c: { expiresAt: number | undefined; bufferMs: number }): boolean {
    // `undefined` compares false: the seed's bug, kept on purpose in 'response-field' mode.
    return Date.now() + c.bufferMs < (c.expiresAt as number);
  }

  clear(): void {
    this.cache = null;
    this.fetchPromise = null;
  }
}
