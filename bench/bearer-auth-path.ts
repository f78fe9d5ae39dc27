/**
 * bearer-worker's authBasePath in the bench. Its scope is /bench/bearer/ (the other contenders' pages must
 * not be in it) and must cover Better Auth's path, so the bench's app server maps this path to Better Auth.
 */
export const BEARER_AUTH = '/bench/bearer/auth';
