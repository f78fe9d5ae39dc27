// Makes sure `npm run test:pg` has Debian's PostgreSQL: installs it with apt when we are root.
import { ensurePostgresInstalled } from './postgres-cluster.mjs';

if (!ensurePostgresInstalled() && !process.env.DATABASE_URL) {
  console.error(
    "[ensure-postgres] the PostgreSQL test needs Debian/Ubuntu's postgresql package (run as root to install it),\n" +
      '  or DATABASE_URL pointing at an empty database you own.',
  );
  process.exit(1);
}
