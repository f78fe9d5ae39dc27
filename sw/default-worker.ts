// The worker the Vite plugin builds: config and build id are compiled in, never read at run time.
import { installTokenInjector } from './install-token-injector.js';
import type { InjectorConfig } from './types.js';

declare const __BEARER_WORKER_CONFIG__: InjectorConfig;
declare const __BEARER_WORKER_BUILD__: string;

installTokenInjector(__BEARER_WORKER_CONFIG__, { build: __BEARER_WORKER_BUILD__ });
