// `npm run demo`: the root vite.config.ts serves the app with Better Auth and the resource API beside it.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const vite = await createServer({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)) });
await vite.listen();

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void vite.close().then(() => process.exit(0));
  });
}
