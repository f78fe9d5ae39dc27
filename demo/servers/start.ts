// `npm run demo`: the root vite.config.ts serves the app with Better Auth and the resource API beside it.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const vite = await createServer({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)) });
await vite.listen();
// Clients that keep a connection for calls seconds apart (the e2e's request context) meet Node's 5 s idle
// close now and then just as they send, and the request fails with ECONNRESET; a longer idle avoids it.
if (vite.httpServer) (vite.httpServer as import('node:http').Server).keepAliveTimeout = 30_000;

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void vite.close().then(() => process.exit(0));
  });
}
