// placeholder: the real plugin lands in the next commit
import type { Plugin } from 'vite';
import type { InjectorConfig } from '../sw/types.js';
export interface BearerWorkerPluginOptions extends InjectorConfig { fileName?: string }
export function bearerWorker(_options: BearerWorkerPluginOptions): Plugin {
  return { name: 'bearer-worker' };
}
