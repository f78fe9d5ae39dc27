import { join } from 'node:path';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { jwt } from 'better-auth/plugins';
import Database from 'better-sqlite3';
import pg from 'pg';
import { demoSecret } from './demo-secret.js';
import type { DemoState } from './demo-state.js';

interface DemoAuthOptions {
  appOrigin: string;
  /** Where this Better Auth is served, and its tokens' `iss` and `aud`. Default: `appOrigin`. */
  baseURL?: string;
  /** SQLite files go here unless `databaseUrl` is set. */
  dataDir: string;
  /** PostgreSQL connection string. Default: `process.env.DATABASE_URL`; unset = SQLite (`auth.sqlite`). */
  databaseUrl?: string;
  state: DemoState;
}

function buildAuth({
  appOrigin,
  baseURL = appOrigin,
  dataDir,
  databaseUrl = process.env.DATABASE_URL,
  state,
}: DemoAuthOptions) {
  // Better Auth's built-in Kysely adapter takes either: a pg Pool means PostgreSQL. (Typed as Better Auth's
  // option, so the auth type can be named where it is exported.)
  const database: BetterAuthOptions['database'] = databaseUrl
    ? new pg.Pool({ connectionString: databaseUrl })
    : new Database(join(dataDir, 'auth.sqlite'));
  return betterAuth({
    database,
    baseURL,
    basePath: '/api/auth',
    secret: demoSecret(),
    trustedOrigins: [appOrigin],
    emailAndPassword: { enabled: true, autoSignIn: true },
    plugins: [
      jwt({
        jwt: {
          // Read at every sign, so the demo's lifetime setting applies to the next token at once.
          get expirationTime() {
            return `${state.jwtTtlSeconds}s`;
          },
        },
      }),
    ],
  });
}

export type DemoAuth = ReturnType<typeof buildAuth>;

/** Better Auth (email + password, jwt plugin) on SQLite or PostgreSQL, with its tables migrated in code. */
export async function createDemoAuth(options: DemoAuthOptions): Promise<DemoAuth> {
  const auth = buildAuth(options);
  // The Better Auth CLI does not run on Node 20; the same migrations run fine from code.
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  return auth;
}
