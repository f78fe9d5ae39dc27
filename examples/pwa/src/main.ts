// src/main.ts: the page. Registers the app's worker (src/sw.ts) through bearer-worker's bridge.
import { registerBearerWorker, toApiError } from 'bearer-worker';
import './styles.css';

const API_ORIGIN = import.meta.env.VITE_API_ORIGIN;
const bearerWorker = registerBearerWorker({ apiOrigins: [API_ORIGIN], scriptUrl: '/sw.js' });
const out = document.querySelector<HTMLOutputElement>('#out')!;

document.querySelector('#shell')!.textContent = 'App shell loaded';
document.querySelector('#load')!.addEventListener('click', async () => {
  await bearerWorker.ready;
  const res = await fetch(`${API_ORIGIN}/api/tasks`);
  out.value = res.ok
    ? `${((await res.json()) as { tasks: unknown[] }).tasks.length} tasks`
    : (await toApiError(res)).message;
});
