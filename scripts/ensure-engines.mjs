// Makes sure the Firefox and WebKit end-to-end tests have their browsers: Debian's firefox-esr and
// WebKitGTK's WebDriver (+ xvfb) with apt when we are root; elsewhere it says what to install and fails.
import { aptInstall, canApt } from './apt-install.mjs';
import { findEngines, missingEnginePackages } from './find-engines.mjs';

let missing = missingEnginePackages();
if (missing.length && canApt()) {
  console.log(`[ensure-engines] installing ${missing.join(' ')} with apt-get`);
  aptInstall(missing);
  missing = missingEnginePackages();
}
if (missing.length) {
  console.error(
    `[ensure-engines] the Firefox/WebKit tests need ${missing.join(', ')} (Debian/Ubuntu packages).\n` +
      '  Install them (sudo apt-get install firefox-esr webkit2gtk-driver xvfb), or point FIREFOX_PATH,\n' +
      '  WEBKIT_WEBDRIVER_PATH and MINIBROWSER_PATH at your own builds.',
  );
  process.exit(1);
}
console.log(`[ensure-engines] using ${JSON.stringify(findEngines())}`);
