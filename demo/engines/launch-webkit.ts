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

/** One WebKitWebDriver (under its own virtual display); `stop` ends its whole process group. */
async function startDriver(): Promise<{ base: string; stop: () => void }> {
  const { webkitDriver, xvfbRun } = findEngines();
  if (!webkitDriver) throw new Error('WebKitWebDriver not found: run scripts/ensure-engines.mjs');
  const port = await freePort();
  const [cmd, args] = xvfbRun ? [xvfbRun, ['-a', webkitDriver, `--port=${port}`]] : [webkitDriver, [`--port=${port}`]];
  // Its own process group, so stopping it ends Xvfb and the browser with it.
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await WebDriverClient.waitForServer(base, 20_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { base, stop };
}

/**
 * WebKit (WebKitGTK, Safari's engine family): Debian's WebKitWebDriver under a virtual display, driving
 * the MiniBrowser of libwebkit2gtk-4.1. Each tab gets a driver and a session of its own (a fresh
 * ephemeral profile): one driver reused for the next session sometimes never answered after a quit.
 */
export async function launchWebKit(): Promise<BrowserEngine> {
  const { miniBrowser } = findEngines();
  if (!miniBrowser) throw new Error('MiniBrowser not found: run scripts/ensure-engines.mjs');
  const capabilities = { 'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] } };
  const session = async () => {
    const { base, stop } = await startDriver();
    try {
      const driver = await WebDriverClient.newSession(base, capabilities);
      const quit = async () => {
        await driver.quit();
        stop();
      };
      return { driver, quit };
    } catch (err) {
      stop();
      throw err;
    }
  };
  const probe = await session();
  const version = `WebKitGTK ${String(probe.driver.capabilities.browserVersion)}`;
  await probe.quit();
  return {
    name: 'webkit',
    version,
    async open(baseUrl) {
      const { driver, quit } = await session();
      await driver.command('POST', '/window/rect', { width: 1280, height: 900 });
      return WebDriverTab.first(driver, baseUrl, quit);
    },
    async close() {
      // Every tab's close stops its own driver.
    },
  };
}
