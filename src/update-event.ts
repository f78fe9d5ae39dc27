/**
 * What the bridge tells the app about a new build of the worker, from workbox-window's lifecycle.
 *
 * - `waiting`: a new build of a host worker installed and waits, because its policy is to prompt before
 *   updating (vite-plugin-pwa's `prompt`); the old build keeps serving tokens meanwhile. `accept()` asks it
 *   to take over (workbox-window's messageSkipWaiting, repeated each second while it still waits: the host
 *   worker must skip waiting on `{ type: 'SKIP_WAITING' }`, as vite-plugin-pwa's prompt template does). The
 *   default worker takes over at once and is never reported as waiting; the bridge asks it again itself.
 * - `controlling`: a new build took over this page, which was controlled by an older one. API calls go
 *   on with a token throughout; nothing to do unless the app wants to reload for new assets
 *   (`reloadOnUpdate`).
 * - `conflict`: another script (`scriptURL`) was registered for the worker's scope, for example by
 *   vite-plugin-pwa's `registerSW` next to the bridge. The two would replace each other on every load, so
 *   the bridge stops: `ready` rejects with `scope-conflict` if it had not settled, and it registers nothing
 *   more. Fix the app to register one script (docs/existing-pwa-worker.md).
 */
export type UpdateEvent =
  { type: 'waiting'; accept(): void } | { type: 'controlling' } | { type: 'conflict'; scriptURL: string };
