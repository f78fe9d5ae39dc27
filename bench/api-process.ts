// The demo's resource API in a process of its own. In the bench's process it shared one event loop with
// the browser driver, which parses a CDP event for every request a page makes (three per request, 3000 per
// burst, that Playwright cannot turn off for pages): the API's answers waited behind the driver's work, by
// more in one burst than in the next. A user's API never shares a thread with a browser automation driver.
// Run by start-bench-stack.ts (fork); it answers 'gc' and 'stats' messages.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DemoState } from '../demo/servers/demo-state.js';
import { createResourceApi } from '../demo/servers/resource-api.js';

export interface ApiProcessOptions {
  appOrigin: string;
  dataDir: string;
  port: number;
  preflightMaxAge: number;
}
export type ApiRequest = { id: number; kind: 'gc' | 'stats' };
export interface ApiStats {
  requests: number;
  preflights: number;
  byStatus: Record<string, number>;
}
export type ApiReply = { id: number; stats?: ApiStats } | { ready: true };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const options = JSON.parse(process.argv[2]!) as ApiProcessOptions;
const state = new DemoState(3600);
const api = createResourceApi({ ...options, state });
// Idle connections stay open between phases, for every contender alike.
(await api.listen(options.port)).keepAliveTimeout = 60_000;
const reply = (m: ApiReply) => process.send!(m);
process.on('message', (m: ApiRequest) => {
  if (m.kind === 'gc') gc();
  const { requests, preflights, byStatus } = state.api;
  reply(m.kind === 'stats' ? { id: m.id, stats: { requests, preflights, byStatus: { ...byStatus } } } : { id: m.id });
});
process.on('disconnect', () => void api.close().finally(() => process.exit(0)));
reply({ ready: true });
