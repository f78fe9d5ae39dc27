// src/main.ts: the page. Registers the app's worker (src/sw.ts) with its own workbox-window Workbox and
// hands it to bearer-worker's bridge: one registration, and the bridge follows that Workbox's lifecycle.
import { registerBearerWorker, toApiError } from 'bearer-worker';
import { Workbox } from 'workbox-window';
import './styles.css';

const API_ORIGIN = import.meta.env.VITE_API_ORIGIN;
// `vite` (dev) serves the worker as a module at vite-plugin-pwa's dev URL; the build, as a classic script.
const SW_URL = import.meta.env.DEV ? '/dev-sw.js?dev-sw' : '/sw.js';
const wb = new Workbox(SW_URL, { scope: '/', type: import.meta.env.DEV ? 'module' : 'classic' });
const bearerWorker = registerBearerWorker({
  apiOrigins: [API_ORIGIN],
  scriptUrl: SW_URL,
  workbox: wb,
  // After the user accepts a new build, each open tab reloads once to meet its assets.
  reloadOnUpdate: true,
});
void wb.register();

const out = document.querySelector<HTMLOutputElement>('#out')!;
const update = document.querySelector<HTMLButtonElement>('#update')!;
document.querySelector('#shell')!.textContent = 'App shell loaded';
document.querySelector('#build')!.textContent = `build ${import.meta.env.VITE_BUILD_LABEL}`;

// A new build is waiting: offer it. The old build keeps attaching tokens until someone accepts.
bearerWorker.onUpdate((event) => {
  if (event.type !== 'waiting') return;
  update.hidden = false;
  update.onclick = () => event.accept();
});

document.querySelector('#load')!.addEventListener('click', async () => {
  await bearerWorker.ready;
  const res = await fetch(`${API_ORIGIN}/api/tasks`);
  out.value = res.ok
    ? `${((await res.json()) as { tasks: unknown[] }).tasks.length} tasks`
    : (await toApiError(res)).message;
});
