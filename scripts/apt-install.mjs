// Installs Debian packages with apt-get, for the ensure-* scripts: only when we are root on a system with
// apt, with `apt-get update` only when the package lists are missing (a fresh image), the install fails,
// or the caller needs today's versions (an upgrade).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const canApt = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

// Wait for the dpkg lock rather than fail at once: another apt run (unattended-upgrades on a fresh machine,
// another ensure-* script) may hold it for a minute.
const LOCK_WAIT = '-o DPkg::Lock::Timeout=300';
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const hasLists = () =>
  existsSync('/var/lib/apt/lists') && readdirSync('/var/lib/apt/lists').some((f) => f.includes('_Packages'));

/**
 * Installs `packages`, or upgrades them to the candidate version if they are installed.
 * @param {string[]} packages
 * @param {{ update?: boolean }} [options] update: refresh the package lists first, as an image's may be
 *   months old and miss a security suite's newer version.
 */
export function aptInstall(packages, { update = false } = {}) {
  // With recommended packages, as the commands verified on Debian 12 (fonts, GL and X bits the engines use).
  const install = `apt-get install ${LOCK_WAIT} -y -qq ${packages.join(' ')}`;
  if (update || !hasLists()) run(`apt-get update ${LOCK_WAIT} -qq`);
  try {
    run(install);
  } catch {
    run(`apt-get update ${LOCK_WAIT} -qq`);
    run(install);
  }
}
