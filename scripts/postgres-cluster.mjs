// Debian's PostgreSQL for `npm run test:pg`: install (apt, as root), start and stop the cluster, and a
// fresh role and database. Debian runs the server as the `postgres` user; we reach it as root with su.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { aptInstall, canApt } from './apt-install.mjs';

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });

export const hasPostgres = () => existsSync('/usr/bin/pg_lsclusters') && existsSync('/usr/bin/pg_ctlcluster');

/** Installs Debian's `postgresql` when we are root and it is missing; returns whether it is there. */
export function ensurePostgresInstalled() {
  if (!hasPostgres() && canApt()) {
    console.log('[postgres] installing postgresql with apt-get');
    aptInstall(['postgresql']);
  }
  return hasPostgres();
}

/** The first cluster (`pg_lsclusters`), created if there is none. */
export function findCluster() {
  const list = () =>
    sh('pg_lsclusters', ['-h'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [version, name, port, status] = line.split(/\s+/);
        return { version, name, port: Number(port), online: status.startsWith('online') };
      });
  let clusters = list();
  if (!clusters.length) {
    const version = sh('ls', ['/usr/lib/postgresql']).trim().split('\n').sort().pop();
    sh('pg_createcluster', [version, 'main'], { stdio: 'inherit' });
    clusters = list();
  }
  return clusters[0];
}

export function startCluster(c) {
  sh('pg_ctlcluster', [c.version, c.name, 'start'], { stdio: 'inherit' });
}

export function stopCluster(c) {
  sh('pg_ctlcluster', [c.version, c.name, 'stop'], { stdio: 'inherit' });
}

/** Runs SQL as the `postgres` superuser (peer authentication over the local socket). */
export function psql(c, sql, db = 'postgres') {
  return sh('su', ['postgres', '-c', `psql -X -q -v ON_ERROR_STOP=1 -p ${c.port} -d ${db} -tA`], { input: sql });
}

/** Drops and recreates a role and its database; returns the connection string. */
export function createDatabase(c, name) {
  // FORCE: a run that died may have left connections open.
  psql(c, `DROP DATABASE IF EXISTS ${name} WITH (FORCE); DROP ROLE IF EXISTS ${name};`);
  psql(c, `CREATE ROLE ${name} LOGIN PASSWORD '${name}'; CREATE DATABASE ${name} OWNER ${name};`);
  return `postgres://${name}:${name}@localhost:${c.port}/${name}`;
}
