// The demo stack the cross-engine tests run against, reached from Node the way the inspector reaches it.
import type { DemoState } from '../servers/demo-state.js';

export const APP_PORT = Number(process.env.ENGINES_APP_PORT ?? 5303);
export const API_PORT = Number(process.env.ENGINES_API_PORT ?? 8303);
export const APP = `http://localhost:${APP_PORT}`;
export const API = `http://localhost:${API_PORT}/api`;
export const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

export type DemoStats = ReturnType<DemoState['stats']>;

/** A same-origin JSON request to the demo's control endpoints (/demo/…), as the app's own page sends it. */
export async function control(path: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${APP}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: APP },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

export async function serverStats(): Promise<DemoStats> {
  const res = await fetch(`${APP}/demo/stats`, { headers: { origin: APP } });
  if (!res.ok) throw new Error(`GET /demo/stats: ${res.status}`);
  return (await res.json()) as DemoStats;
}
