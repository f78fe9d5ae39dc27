// server/auth.ts: Better Auth with the jwt plugin, on SQLite, on the app's own origin.
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import Database from 'better-sqlite3';

export const APP_ORIGIN = process.env.APP_ORIGIN ?? 'http://localhost:5173';

export const auth = betterAuth({
  database: new Database(process.env.AUTH_DB ?? 'auth.sqlite'),
  baseURL: APP_ORIGIN, // the JWT's issuer and audience
  trustedOrigins: [APP_ORIGIN],
  // secret: BETTER_AUTH_SECRET from the environment (required in production)
  emailAndPassword: { enabled: true },
  plugins: [jwt({ disableSettingJwtHeader: true })], // the worker mints tokens at GET /api/auth/token
});

// Creates or updates Better Auth's tables, in code (the Better Auth CLI does not run on Node 20).
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
