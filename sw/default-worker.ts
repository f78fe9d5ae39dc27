// The worker the Vite plugin builds: config (checked and resolved at build time) and build id are
// compiled in, never read at run time.
import { startTokenInjector } from './start-token-injector.js';
import type { ResolvedConfig } from '../config/types.js';

declare const __BEARER_WORKER_CONFIG__: ResolvedConfig;
declare const __BEARER_WORKER_BUILD__: string;

startTokenInjector(__BEARER_WORKER_CONFIG__, __BEARER_WORKER_BUILD__);
