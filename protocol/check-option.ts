import { BearerWorkerError } from './bearer-worker-error.js';

/**
 * The one way an option is refused, page side, worker side and at build time: a BearerWorkerError
 * 'invalid-options' whose message names the option and says why.
 */
export function optionError(param: string, why: string): never {
  throw new BearerWorkerError('invalid-options', `${param}: ${why}`);
}

/** An optional whole number within bounds. */
export function checkInt(param: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    optionError(param, `must be an integer from ${min} to ${max}.`);
  return value as number;
}

/** A plain absolute path like '/api': no trailing slash, no '//', no dot segments ('' when allowed). */
export function checkPath(param: string, value: unknown, allowEmpty: boolean): string {
  if (typeof value !== 'string') optionError(param, 'must be a string.');
  if (value === '' && allowEmpty) return value;
  if (
    !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(value) ||
    value.endsWith('/') ||
    value.includes('//') ||
    /\/\.\.?(\/|$)/.test(value)
  ) {
    optionError(param, `must be a path like '/api' (leading slash, no trailing slash), got ${JSON.stringify(value)}.`);
  }
  return value;
}
