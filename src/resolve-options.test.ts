import { describe, expect, it } from 'vitest';
import { resolveOptions, type BearerWorkerOptions } from './resolve-options.js';

const origin = 'https://app.example';
const ok = { apiOrigins: ['https://api.example'] };

describe('resolveOptions', () => {
  it('fills defaults', () => {
    expect(resolveOptions(ok, origin)).toMatchObject({
      scriptUrl: '/sw.js',
      scope: '/',
      loginUrl: '/login',
      authBasePath: '/api/auth',
      redirect: true,
      messageTimeoutMs: 3000,
    });
  });

  it('turns a same-origin absolute login URL into a path', () => {
    expect(resolveOptions({ ...ok, loginUrl: 'https://app.example/signin?x=1' }, origin).loginUrl).toBe('/signin?x=1');
  });

  it.each([
    ['no options', undefined, /options/],
    ['no API origin', {}, /apiOrigins/],
    ['an API origin with a path', { apiOrigins: ['https://api.example/v1'] }, /not an exact origin/],
    [
      'a login URL on another origin',
      { ...ok, loginUrl: 'https://evil.example/login' },
      /loginUrl.*not a path on https:\/\/app.example/,
    ],
    ['a protocol-relative login URL', { ...ok, loginUrl: '//evil.example/login' }, /loginUrl/],
    ['a script on another origin', { ...ok, scriptUrl: 'https://cdn.example/sw.js' }, /scriptUrl/],
    ['a script that is not .js', { ...ok, scriptUrl: '/sw' }, /scriptUrl/],
    ['a hook that is not a function', { ...ok, onSignedOut: 'x' }, /onSignedOut/],
    ['a silly timeout', { ...ok, messageTimeoutMs: 0 }, /messageTimeoutMs/],
    ['an authBasePath with a trailing slash', { ...ok, authBasePath: '/api/auth/' }, /authBasePath/],
    ['a relative authBasePath', { ...ok, authBasePath: 'api/auth' }, /authBasePath/],
    ['an authBasePath with dot segments', { ...ok, authBasePath: '/x/../api/auth' }, /authBasePath/],
    ['an authBasePath that is not a string', { ...ok, authBasePath: 5 }, /authBasePath/],
    ['a login URL whose dot segments leave //host', { ...ok, loginUrl: '/.//evil.example' }, /loginUrl/],
    ['a scope with DEL', { ...ok, scope: '/app\u007f/' }, /scope/],
  ])('throws invalid-options for %s', (_, options, message) => {
    expect(() => resolveOptions(options as BearerWorkerOptions, origin)).toThrow(message);
    try {
      resolveOptions(options as BearerWorkerOptions, origin);
    } catch (e) {
      expect((e as { code: string }).code).toBe('invalid-options');
    }
  });
});
