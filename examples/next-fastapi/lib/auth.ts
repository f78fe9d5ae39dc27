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
  // secret: BETTER_AUTH_SECRET from the environment (.env.local; required in production)
  emailAndPassword: { enabled: true },
  // The worker mints tokens at GET /api/auth/token; keys for the API at GET /api/auth/jwks (EdDSA).
  plugins: [jwt({ disableSettingJwtHeader: true })],
});

/** Creates or updates Better Auth's tables, in code (the Better Auth CLI does not run on Node 20). */
export async function migrate(): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
