// Makes sure the Firefox and WebKit end-to-end tests have their browsers: Debian's firefox-esr, upgraded when
// it is older than the tests need, and WebKitGTK's WebDriver (+ xvfb), with apt when we are root; elsewhere
// it says what to install and fails. When all is there it only asks Firefox its version (well under 1 s).
import { aptInstall, canApt } from './apt-install.mjs';
import { findEngines, missingEnginePackages } from './find-engines.mjs';
import { MIN_FIREFOX_MAJOR, firefoxVersion } from './firefox-version.mjs';

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`[ensure-engines] ${message}`);
  process.exit(1);
}

let missing = missingEnginePackages();
if (missing.length && canApt()) {
  console.log(`[ensure-engines] installing ${missing.join(' ')} with apt-get`);
  aptInstall(missing);
  missing = missingEnginePackages();
}
if (missing.length) {
  fail(
    `the Firefox/WebKit tests need ${missing.join(', ')} (Debian/Ubuntu packages).\n` +
      '  Install them (sudo apt-get install firefox-esr webkit2gtk-driver xvfb), or point FIREFOX_PATH,\n' +
      '  WEBKIT_WEBDRIVER_PATH and MINIBROWSER_PATH at your own builds.',
  );
}

let firefox = /** @type {string} */ (findEngines().firefox);
let version = firefoxVersion(firefox);
const ownBuild = Boolean(process.env.FIREFOX_PATH);
// A FIREFOX_PATH build is the user's choice: we say it is too old, we do not replace it.
if (version && version.major < MIN_FIREFOX_MAJOR && !ownBuild && canApt()) {
  console.log(
    `[ensure-engines] ${firefox} is Firefox ${version.text}, older than the ${MIN_FIREFOX_MAJOR} the tests need: ` +
      'upgrading firefox-esr with apt-get',
  );
  try {
    // A fresh list: an image's may predate the security suite's newer ESR.
    aptInstall(['firefox-esr'], { update: true });
  } catch (error) {
    console.error(`[ensure-engines] apt-get failed: ${error instanceof Error ? error.message : error}`);
  }
  firefox = /** @type {string} */ (findEngines().firefox);
  version = firefoxVersion(firefox);
}
if (!version) fail(`could not read the version of ${firefox} (\`${firefox} --version\` failed or said no version).`);
if (version.major < MIN_FIREFOX_MAJOR) {
  fail(
    `the Firefox tests need Firefox ${MIN_FIREFOX_MAJOR} or newer (puppeteer-core's clicks time out in older ones); ` +
      `${firefox} is ${version.text}.\n` +
      (ownBuild
        ? `  Point FIREFOX_PATH at Firefox ${MIN_FIREFOX_MAJOR} or newer, or unset it to use firefox-esr.`
        : `  On Debian 12, firefox-esr ${MIN_FIREFOX_MAJOR} comes from bookworm-security: with it in your apt sources,\n` +
          '  sudo apt-get update && sudo apt-get install firefox-esr. Or point FIREFOX_PATH at your own Firefox ' +
          `${MIN_FIREFOX_MAJOR} or newer.`),
  );
}
console.log(`[ensure-engines] using ${JSON.stringify({ ...findEngines(), firefoxVersion: version.text })}`);
