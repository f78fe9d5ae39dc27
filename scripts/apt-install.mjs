// Installs Debian packages with apt-get, for the ensure-* scripts: only when we are root on a system with
// apt, with `apt-get update` only when the package lists are missing (a fresh image) or the install fails.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const canApt = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const hasLists = () =>
  existsSync('/var/lib/apt/lists') && readdirSync('/var/lib/apt/lists').some((f) => f.includes('_Packages'));

/** @param {string[]} packages */
export function aptInstall(packages) {
  // With recommended packages, as the commands verified on Debian 12 (fonts, GL and X bits the engines use).
  const install = `apt-get install -y -qq ${packages.join(' ')}`;
  if (!hasLists()) run('apt-get update -qq');
  try {
    run(install);
  } catch {
    run('apt-get update -qq');
    run(install);
  }
}
