import { createServer } from 'node:http';
import type { BrowserEngine } from './browser-tab.js';

// A worker that only answers one question from inside its own global scope, where InstallEvent lives.
const PROBE_WORKER = `addEventListener('message', (e) => e.source.postMessage({
  addRoutes: typeof InstallEvent === 'function' && 'addRoutes' in InstallEvent.prototype,
}));`;

/**
 * Whether this engine has the Static Routing API (`InstallEvent.addRoutes`), asked of a throwaway
 * service worker on a server of its own (port 0), so the demo's worker is not involved.
 */
export async function probeStaticRouting(engine: BrowserEngine): Promise<boolean> {
  const server = createServer((req, res) => {
    const js = req.url === '/probe-sw.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html', 'cache-control': 'no-store' });
    res.end(js ? PROBE_WORKER : '<!doctype html><title>static routing probe</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const tab = await engine.open(`http://127.0.0.1:${port}/`);
  try {
    await tab.goto('/probe.html');
    const answer = await tab.evaluate(async () => {
      await navigator.serviceWorker.register('/probe-sw.js');
      const reg = await navigator.serviceWorker.ready;
      return new Promise<{ addRoutes: boolean }>((resolve) => {
        navigator.serviceWorker.onmessage = (e) => resolve(e.data as { addRoutes: boolean });
        reg.active!.postMessage('probe');
      });
    }, null);
    return answer.addRoutes;
  } finally {
    await tab.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
