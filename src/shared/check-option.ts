import { BearerWorkerError } from './bearer-worker-error.js';

/** Throws the coded error for a bad option, naming the option. Shared by page and worker checks. */
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
