// lib/auth.ts: Better Auth with the jwt plugin, on SQLite, on the app's own origin (server only).
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import Database from 'better-sqlite3';

/** The app's origin: Better Auth's base URL, so the JWT's `iss` and `aud`, which the API checks. */
const APP_ORIGIN = process.env.BETTER_AUTH_URL ?? 'http://localhost:3000';

export const auth = betterAuth({
  database: new Database(process.env.AUTH_DB ?? 'auth.sqlite'),
  baseURL: APP_ORIGIN,
  trustedOrigins: [APP_ORIGIN],
  // secret: BETTER_AUTH_SECRET from the environment (.env.local; checkSecret below)
  emailAndPassword: { enabled: true },
  // The worker mints tokens at GET /api/auth/token; keys for the API at GET /api/auth/jwks (EdDSA).
  plugins: [jwt({ disableSettingJwtHeader: true })],
});

/**
 * No secret, no start: without one Better Auth signs sessions with its public default secret. Called
 * when the server starts (instrumentation.ts), so `next build` needs no secret; `next dev` warns instead.
 */
export function checkSecret(): void {
  if ((process.env.BETTER_AUTH_SECRET ?? '').length >= 32) return;
  if (process.env.NODE_ENV === 'development')
    return console.warn("BETTER_AUTH_SECRET is not set: next dev runs on Better Auth's default secret");
  console.error('Refusing to start: set BETTER_AUTH_SECRET in .env.local (openssl rand -hex 32)');
  process.exit(1); // a throw in instrumentation is logged, and Next would serve on
}

/** Creates or updates Better Auth's tables, in code (the Better Auth CLI does not run on Node 20). */
export async function migrate(): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
