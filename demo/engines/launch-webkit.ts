import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findEngines } from '../../scripts/find-engines.mjs';
import type { BrowserEngine } from './browser-tab.js';
import { WebDriverClient } from './webdriver-client.js';
import { WebDriverTab } from './webdriver-tab.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

/**
 * WebKit (WebKitGTK, Safari's engine family): Debian's WebKitWebDriver under a virtual display, driving
 * the MiniBrowser of libwebkit2gtk-4.1. Each tab is its own WebDriver session with an ephemeral profile.
 */
export async function launchWebKit(): Promise<BrowserEngine> {
  const { webkitDriver, miniBrowser, xvfbRun } = findEngines();
  if (!webkitDriver || !miniBrowser)
    throw new Error('WebKitWebDriver/MiniBrowser not found: run scripts/ensure-engines.mjs');
  const port = await freePort();
  const [cmd, args] = xvfbRun ? [xvfbRun, ['-a', webkitDriver, `--port=${port}`]] : [webkitDriver, [`--port=${port}`]];
  // Its own process group, so closing it ends Xvfb and the browsers with it.
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await WebDriverClient.waitForServer(base, 20_000);
  } catch (err) {
    stop();
    throw err;
  }
  const capabilities = {
    'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
  };
  const probe = await WebDriverClient.newSession(base, capabilities);
  const version = `WebKitGTK ${String(probe.capabilities.browserVersion)}`;
  await probe.quit();
  return {
    name: 'webkit',
    version,
    async open(baseUrl) {
      const driver = await WebDriverClient.newSession(base, capabilities);
      await driver.command('POST', '/window/rect', { width: 1280, height: 900 });
      return new WebDriverTab(driver, baseUrl);
    },
    async close() {
      stop();
    },
  };
}
