// server/better-auth-vite.ts: Better Auth at /api/auth/* in `vite` (dev) and `vite preview`.
import type { Connect, Plugin } from 'vite';

async function mount(middlewares: Connect.Server): Promise<void> {
  const { toNodeHandler } = await import('better-auth/node');
  const { auth } = await import('./auth.js'); // opened by the servers only, not by `vite build`
  const handler = toNodeHandler(auth);
  middlewares.use((req, res, next) => (req.url?.startsWith('/api/auth/') ? void handler(req, res) : next()));
}

export function betterAuthServer(): Plugin {
  return {
    name: 'better-auth-server',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
  };
}
