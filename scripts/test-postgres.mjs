// `npm run test:pg`: the demo's main end-to-end flow (Chromium, Playwright) with Better Auth and the tasks
// API on PostgreSQL instead of SQLite. As root it installs, starts and stops Debian's cluster itself and
// makes a fresh database; elsewhere it uses DATABASE_URL (an empty database of yours). Afterwards it
// checks that the rows really landed in PostgreSQL.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { canApt } from './apt-install.mjs';
import {
  createDatabase,
  ensurePostgresInstalled,
  findCluster,
  startCluster,
  stopCluster,
} from './postgres-cluster.mjs';

const SPECS = ['demo/e2e/tasks-crud.e2e.ts', 'demo/e2e/retry-and-sign-out.e2e.ts'];

let cluster;
let startedHere = false;
let databaseUrl = process.env.DATABASE_URL;
if (canApt() && ensurePostgresInstalled()) {
  cluster = findCluster();
  if (!cluster.online) {
    startCluster(cluster);
    startedHere = true;
  }
  databaseUrl = createDatabase(cluster, 'bearer_worker_test');
} else if (!databaseUrl) {
  console.error('[test:pg] needs root with apt (Debian/Ubuntu) to run PostgreSQL itself, or DATABASE_URL.');
  process.exit(1);
}

let status;
try {
  console.log(`[test:pg] ${SPECS.join(' ')} against ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
  const run = spawnSync('npx', ['playwright', 'test', ...SPECS], {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      E2E_APP_PORT: process.env.PG_E2E_APP_PORT ?? '5303',
      E2E_API_PORT: process.env.PG_E2E_API_PORT ?? '8303',
    },
  });
  status = run.status ?? 1;
  if (status === 0) status = await checkRows(databaseUrl);
} finally {
  if (startedHere) stopCluster(cluster);
}
process.exit(status);

/** The flow passing is not enough: its users, sessions, keys and tasks must be in this database. */
async function checkRows(connectionString) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const count = async (sql) => Number((await client.query(sql)).rows[0].n);
    const found = {
      users: await count('SELECT count(*) AS n FROM "user"'),
      sessions: await count('SELECT count(*) AS n FROM "session"'),
      jwks: await count('SELECT count(*) AS n FROM "jwks"'),
      tasksCreated: await count('SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM tasks_id_seq'),
    };
    console.log(`[test:pg] rows in PostgreSQL: ${JSON.stringify(found)}`);
    const ok = found.users >= 2 && found.sessions >= 2 && found.jwks >= 1 && found.tasksCreated >= 2;
    if (!ok) console.error('[test:pg] the flow passed but PostgreSQL did not get its rows: DATABASE_URL was ignored');
    return ok ? 0 : 1;
  } finally {
    await client.end();
  }
}
