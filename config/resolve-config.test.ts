import { describe, expect, it } from 'vitest';
import { BearerWorkerError } from '../protocol/bearer-worker-error.js';
import { resolveConfig } from './resolve-config.js';
import type { InjectorConfig } from './types.js';

describe('resolveConfig', () => {
  it('fills the documented defaults', () => {
    expect(resolveConfig({ apiOrigins: ['https://api.example.com'] })).toEqual({
      apiOrigins: ['https://api.example.com'],
      apiPathPrefix: '',
      authOrigin: '',
      authBasePath: '/api/auth',
      refreshMarginSeconds: 180,
      sessionTtlSeconds: 60,
      tokenTimeoutMs: 5000,
      maxTokenBytes: 8192,
      requireHeader: '',
      staticRoutes: 'all',
      inspector: false,
    });
  });

  it.each([
    ['no API origin', { apiOrigins: [] }, /apiOrigins: give at least one/],
    ['plain HTTP off localhost', { apiOrigins: ['http://api.example.com'] }, /must use HTTPS/],
    ['a path in the origin', { apiOrigins: ['https://api.example.com/api'] }, /exact origin/],
    ['a trailing slash', { apiOrigins: ['https://api.example.com/'] }, /exact origin/],
    ['a non-URL', { apiOrigins: ['api.example.com'] }, /not an exact origin/],
    ['a prefix with a trailing slash', { apiOrigins: ['https://a.example'], apiPathPrefix: '/api/' }, /apiPathPrefix/],
    [
      'an auth origin with a path',
      { apiOrigins: ['https://a.example'], authOrigin: 'https://auth.example/api' },
      /authOrigin: .* exact origin/,
    ],
    ['an auth origin that is no URL', { apiOrigins: ['https://a.example'], authOrigin: 'auth.example' }, /authOrigin/],
    [
      'an auth origin over plain HTTP',
      { apiOrigins: ['https://a.example'], authOrigin: 'http://auth.example' },
      /authOrigin: .* must use HTTPS/,
    ],
    ['a relative auth path', { apiOrigins: ['https://a.example'], authBasePath: 'api/auth' }, /authBasePath/],
    ['a dot-dot path', { apiOrigins: ['https://a.example'], apiPathPrefix: '/a/../b' }, /apiPathPrefix/],
    [
      'a forbidden marker header',
      { apiOrigins: ['https://a.example'], requireHeader: 'Sec-Fetch-Mode' },
      /requireHeader/,
    ],
    ['a marker header with a space', { apiOrigins: ['https://a.example'], requireHeader: 'x bearer' }, /requireHeader/],
    [
      'authorization as the marker',
      { apiOrigins: ['https://a.example'], requireHeader: 'Authorization' },
      /requireHeader/,
    ],
    ['a fractional timeout', { apiOrigins: ['https://a.example'], tokenTimeoutMs: 1.5 }, /tokenTimeoutMs/],
    ['a negative margin', { apiOrigins: ['https://a.example'], refreshMarginSeconds: -1 }, /refreshMarginSeconds/],
    [
      'a non-boolean inspector',
      { apiOrigins: ['https://a.example'], inspector: 'yes' },
      /inspector: must be a boolean/,
    ],
  ])('refuses %s with a coded error', (_, config, message) => {
    let err: unknown;
    try {
      resolveConfig(config as InjectorConfig);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BearerWorkerError);
    expect((err as BearerWorkerError).code).toBe('invalid-options');
    expect((err as BearerWorkerError).message).toMatch(message);
  });

  it('resolves offlineWrites only when enabled, under apiPathPrefix by default', () => {
    const base = { apiOrigins: ['https://api.example.com'], apiPathPrefix: '/api' };
    expect(resolveConfig(base)).not.toHaveProperty('offlineWrites');
    expect(resolveConfig({ ...base, offlineWrites: false })).not.toHaveProperty('offlineWrites');
    expect(resolveConfig({ ...base, offlineWrites: true }).offlineWrites).toEqual({
      pathPrefix: '/api',
      onIdentityChange: 'drop',
      maxEntries: 100,
    });
    expect(
      resolveConfig({ ...base, offlineWrites: { pathPrefix: '/api/v1', onIdentityChange: 'keep', maxEntries: 5 } })
        .offlineWrites,
    ).toEqual({ pathPrefix: '/api/v1', onIdentityChange: 'keep', maxEntries: 5 });
  });

  it.each([
    ['a string', 'yes', /offlineWrites: must be true, false or an object/],
    ['an unknown key', { replayAfter: 5 }, /offlineWrites\.replayAfter: is not an option/],
    ['a prefix outside apiPathPrefix', { pathPrefix: '/other' }, /offlineWrites\.pathPrefix: "\/other" must be under/],
    ['a look-alike prefix', { pathPrefix: '/apix' }, /must be under apiPathPrefix/],
    ['a relative prefix', { pathPrefix: 'api' }, /offlineWrites\.pathPrefix: must be a path/],
    ['another policy', { onIdentityChange: 'replay' }, /offlineWrites\.onIdentityChange: must be 'drop' or 'keep'/],
    ['no room', { maxEntries: 0 }, /offlineWrites\.maxEntries: must be an integer from 1/],
  ])('refuses offlineWrites with %s (invalid-options)', (_, offlineWrites, message) => {
    const config = { apiOrigins: ['https://api.example.com'], apiPathPrefix: '/api', offlineWrites };
    let err: unknown;
    try {
      resolveConfig(config as InjectorConfig);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BearerWorkerError);
    expect((err as BearerWorkerError).code).toBe('invalid-options');
    expect((err as Error).message).toMatch(message);
  });

  it('allows plain HTTP for localhost only', () => {
    expect(resolveConfig({ apiOrigins: ['http://localhost:8000', 'http://127.0.0.1:9000'] }).apiOrigins).toHaveLength(
      2,
    );
  });

  it('takes an exact auth origin, HTTPS or localhost', () => {
    expect(resolveConfig({ apiOrigins: ['https://a.example'], authOrigin: 'https://auth.example' }).authOrigin).toBe(
      'https://auth.example',
    );
    expect(resolveConfig({ apiOrigins: ['https://a.example'], authOrigin: 'http://localhost:3001' }).authOrigin).toBe(
      'http://localhost:3001',
    );
  });
});
