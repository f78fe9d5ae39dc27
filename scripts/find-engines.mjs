// Where the Firefox and WebKit end-to-end tests find their browsers: environment variables first, then
// Debian's packages (firefox-esr; webkit2gtk-driver, whose MiniBrowser comes with libwebkit2gtk-4.1-0).
import { existsSync, readdirSync } from 'node:fs';

const first = (paths) => paths.find((p) => p && existsSync(p));

function miniBrowsers() {
  if (!existsSync('/usr/lib')) return [];
  return readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`);
}

/** @returns {{ firefox?: string, webkitDriver?: string, miniBrowser?: string, xvfbRun?: string }} */
export function findEngines() {
  return {
    firefox: first([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']),
    webkitDriver: first([process.env.WEBKIT_WEBDRIVER_PATH, '/usr/bin/WebKitWebDriver']),
    miniBrowser: first([process.env.MINIBROWSER_PATH, ...miniBrowsers()]),
    // Not needed where there is a display already.
    xvfbRun: first(['/usr/bin/xvfb-run']),
  };
}

/** The Debian packages that provide what `findEngines` did not find. */
export function missingEnginePackages(found = findEngines()) {
  const missing = [];
  if (!found.firefox) missing.push('firefox-esr');
  // Mesa's drivers give WebKitGTK its (software) GL under Xvfb; apt would only recommend them.
  if (!found.webkitDriver || !found.miniBrowser) missing.push('webkit2gtk-driver', 'libgl1-mesa-dri');
  if (!found.xvfbRun && !process.env.DISPLAY) missing.push('xvfb', 'xauth');
  return missing;
}
