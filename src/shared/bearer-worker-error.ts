import { ERROR_CODES, type BearerWorkerErrorCode } from './error-codes.js';

/** The one error class of the library: `code` says what went wrong, `message` what to do. */
export class BearerWorkerError extends Error {
  readonly code: BearerWorkerErrorCode;

  constructor(code: BearerWorkerErrorCode, detail?: string) {
    super(detail ? `${ERROR_CODES[code]} ${detail}` : ERROR_CODES[code]);
    this.name = 'BearerWorkerError';
    this.code = code;
  }
}
