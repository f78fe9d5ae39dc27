export { installTokenInjector } from './install-token-injector.js';
export { resolveConfig } from './resolve-config.js';
export type { InjectorConfig, ResolvedConfig } from './types.js';
