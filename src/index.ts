export { registerBearerWorker } from './register-bearer-worker.js';
export type { BearerWorker } from './bearer-worker.js';
export type { UpdateEvent } from './update-event.js';
export type { BearerWorkerOptions } from './resolve-options.js';
export { toApiError, type ApiError, type ApiErrorCode } from './to-api-error.js';
export { safeReturnTo } from './safe-return-to.js';
export { BearerWorkerError } from '../protocol/bearer-worker-error.js';
export { ERROR_CODES, WORKER_ERROR_HEADER, type BearerWorkerErrorCode } from '../protocol/error-codes.js';
export type { SignedOutEvent, WorkerStatus, WorkerCounters, PublicClaims, WorkerEvent } from '../protocol/protocol.js';
