// Makes sure the Next + FastAPI example has Debian's Python packages (FastAPI, uvicorn, PyJWT with
// cryptography, pytest, httpx for FastAPI's TestClient): installs them with apt when we are root. Idempotent.
import { execFileSync } from 'node:child_process';
import { aptInstall, canApt } from './apt-install.mjs';

/** Debian's interpreter: the packages below are installed for it, not for a pyenv or venv `python3` on PATH. */
export const PYTHON = '/usr/bin/python3';
const PACKAGES = [
  'python3-fastapi',
  'python3-uvicorn',
  'python3-jwt',
  'python3-cryptography',
  'python3-pytest',
  'python3-httpx',
];
const MODULES = ['fastapi', 'uvicorn', 'jwt', 'cryptography', 'pytest', 'httpx'];

const hasModules = () => {
  try {
    execFileSync(PYTHON, ['-c', `import ${MODULES.join(', ')}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export function ensurePython() {
  if (hasModules()) return true;
  if (!canApt()) return false;
  console.log(`[ensure-python] installing ${PACKAGES.join(' ')} with apt-get`);
  aptInstall(PACKAGES);
  return hasModules();
}

if (import.meta.url === `file://${process.argv[1]}` && !ensurePython()) {
  console.error(
    `[ensure-python] the Next + FastAPI example needs ${PYTHON} with ${MODULES.join(', ')}:\n` +
      `  as root on Debian/Ubuntu this script installs them (apt-get install -y ${PACKAGES.join(' ')});\n` +
      '  elsewhere install those packages for /usr/bin/python3 yourself.',
  );
  process.exit(1);
}
