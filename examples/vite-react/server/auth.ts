// server/auth.ts: Better Auth with the jwt plugin, on SQLite, on the app's own origin.
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import Database from 'better-sqlite3';

export const APP_ORIGIN = process.env.APP_ORIGIN ?? 'http://localhost:5173';
// No secret, no start (Better Auth's default one is public); only dev (`vite` sets NODE_ENV=development) has one.
const DEV_SECRET = process.env.NODE_ENV === 'development' ? 'dev-only-secret-never-use-in-production' : '';
const secret = process.env.BETTER_AUTH_SECRET || DEV_SECRET;
if (secret.length < 32) throw new Error('Refusing to start: set BETTER_AUTH_SECRET (openssl rand -hex 32)');
if (secret === DEV_SECRET) console.warn('BETTER_AUTH_SECRET is not set: using a dev-only secret');

export const auth = betterAuth({
  database: new Database(process.env.AUTH_DB ?? 'auth.sqlite'),
  baseURL: APP_ORIGIN, // the JWT's issuer and audience
  trustedOrigins: [APP_ORIGIN],
  secret,
  emailAndPassword: { enabled: true },
  plugins: [jwt({ disableSettingJwtHeader: true })], // the worker mints tokens at GET /api/auth/token
});

// Creates or updates Better Auth's tables, in code (the Better Auth CLI does not run on Node 20).
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
