import type { BearerWorkerErrorCode } from './error-codes.js';

/**
 * The one error class of the library: `code` says what went wrong (ERROR_CODES and the README say
 * what to do), the message adds the particulars. No message table here: it would ride in every bundle.
 */
export class BearerWorkerError extends Error {
  readonly code: BearerWorkerErrorCode;

  constructor(code: BearerWorkerErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'BearerWorkerError';
    this.code = code;
  }
}
