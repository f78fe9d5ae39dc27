export { installTokenInjector } from './install-token-injector.js';
export { resolveConfig } from '../config/resolve-config.js';
export type { InjectorConfig, OfflineWritesOptions, ResolvedConfig } from '../config/types.js';
