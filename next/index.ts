export { withBearerWorker, type NextBearerWorkerOptions } from './with-bearer-worker.js';
