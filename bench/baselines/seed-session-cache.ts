// The seed's session check (see ../shared/seed/api-client-with-better-auth.md), written fresh: Better
// Auth's get-session, its answer trusted for 60 s. Like the seed, concurrent callers with a stale cache
// each ask again (no single flight).
export class SeedSessionCache {
  private cache: { hasSession: boolean; at: number } | null = null;

  constructor(
    private readonly getSession: () => Promise<{ user?: unknown } | null>,
    private readonly ttlMs = 60_000,
  ) {}

  async hasSession(): Promise<boolean> {
    if (this.cache && Date.now() - this.cache.at < this.ttlMs) return this.cache.hasSession;
    try {
      const hasSession = Boolean((await this.getSession())?.user);
      this.cache = { hasSession, at: Date.now() };
      return hasSession;
    } catch {
      return false;
    }
  }

  clear(): void {
    this.cache = null;
  }
}
