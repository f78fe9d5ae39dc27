// Makes sure `npm test` has a browser: the system Chromium if there is one; Debian's package when we are
// root with apt; otherwise Playwright's own download (a laptop with ordinary internet access).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const found = findChromium();
if (found) {
  console.log(`[ensure-chromium] using ${found}`);
} else if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('[ensure-chromium] installing Debian chromium with apt-get');
  run('apt-get update -qq');
  run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  if (!findChromium()) throw new Error('apt-get installed chromium but no executable was found');
} else {
  console.log("[ensure-chromium] no system Chromium: installing Playwright's own");
  run('npx playwright install chromium');
}
