import { API_PORT, APP_PORT } from './engine-stack.js';
import { startDemoStack } from './start-demo-stack.js';

/** One demo stack for every engine's tests (they run one at a time and reset it between tests). */
export default async function setup(): Promise<() => Promise<void>> {
  return startDemoStack(APP_PORT, API_PORT);
}
