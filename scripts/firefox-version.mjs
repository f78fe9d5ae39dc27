// The Firefox the engine tests drive must be new enough for puppeteer-core's WebDriver BiDi: with Debian's
// firefox-esr 140 its clicks time out (6 of 7 flows fail), with 153 every flow passes. puppeteer-core
// 24.43 is built against Firefox 150, and Debian ships no ESR between 140 and 153.
import { execFileSync } from 'node:child_process';

export const MIN_FIREFOX_MAJOR = 153;

/**
 * What `<firefox> --version` says ("Mozilla Firefox 153.8.0esr"), or undefined if it says nothing usable.
 * @param {string} path
 * @returns {{ major: number, text: string } | undefined}
 */
export function firefoxVersion(path) {
  let out;
  try {
    out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const match = /Firefox (\d+)\.(\S*)/.exec(out);
  return match ? { major: Number(match[1]), text: `${match[1]}.${match[2]}` } : undefined;
}
