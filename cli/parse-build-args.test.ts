import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { BUILD_FLAGS, parseBuildArgs } from './parse-build-args.js';

const invalid = (message: RegExp) =>
  expect.objectContaining({ code: 'invalid-options', message: expect.stringMatching(message) });

describe('parseBuildArgs', () => {
  it('maps every flag to its worker option, --flag value and --flag=value alike', () => {
    const { config, out } = parseBuildArgs([
      '--api-origin',
      'https://api.example.com',
      '--api-origin=https://api2.example.com',
      '--api-path-prefix',
      '/api',
      '--auth-origin',
      'https://auth.example.com',
      '--auth-base-path=/auth',
      '--refresh-margin-seconds',
      '120',
      '--session-ttl-seconds=30',
      '--token-timeout-ms',
      '4000',
      '--max-token-bytes',
      '4096',
      '--require-header',
      'x-app',
      '--static-routes',
      'cross-origin',
      '--inspector',
      '--out',
      'public/sw.js',
    ]);
    expect(out).toBe('public/sw.js');
    expect(parseBuildArgs(['--api-origin', 'https://a.example', '--out', 'x.js']).dev).toBe(false);
    expect(parseBuildArgs(['--dev', '--api-origin', 'https://a.example', '--out', 'x.js']).dev).toBe(true);
    expect(config).toEqual({
      apiOrigins: ['https://api.example.com', 'https://api2.example.com'],
      apiPathPrefix: '/api',
      authOrigin: 'https://auth.example.com',
      authBasePath: '/auth',
      refreshMarginSeconds: 120,
      sessionTtlSeconds: 30,
      tokenTimeoutMs: 4000,
      maxTokenBytes: 4096,
      requireHeader: 'x-app',
      staticRoutes: 'cross-origin',
      inspector: true,
    });
  });

  it('has a flag for every worker option, and no flag for an option the worker does not have', () => {
    const options = Object.keys(resolveConfig({ apiOrigins: ['https://api.example.com'] })).sort();
    expect(
      Object.values(BUILD_FLAGS)
        .map((f) => f.option)
        .sort(),
    ).toEqual(options);
  });

  it('refuses unknown flags, missing values, repeats and missing required flags with coded errors', () => {
    const base = ['--api-origin', 'https://api.example.com', '--out', 'sw.js'];
    expect(() => parseBuildArgs([...base, '--api-orgin', 'x'])).toThrow(invalid(/--api-orgin: unknown flag/));
    expect(() => parseBuildArgs([...base, 'stray'])).toThrow(invalid(/stray: unknown flag/));
    expect(() => parseBuildArgs([...base, '--api-path-prefix'])).toThrow(invalid(/--api-path-prefix: needs a value/));
    expect(() => parseBuildArgs(['--api-path-prefix', '--out', 'sw.js'])).toThrow(invalid(/needs a value/));
    expect(() => parseBuildArgs([...base, '--inspector=yes'])).toThrow(invalid(/--inspector: takes no value/));
    expect(() => parseBuildArgs([...base, '--out', 'b.js'])).toThrow(invalid(/--out: given twice/));
    expect(() => parseBuildArgs([...base, '--token-timeout-ms', '1', '--token-timeout-ms=2'])).toThrow(
      invalid(/given twice/),
    );
    expect(() => parseBuildArgs(['--api-origin', 'https://api.example.com'])).toThrow(invalid(/--out: is required/));
    expect(() => parseBuildArgs(['--out', 'sw.js'])).toThrow(invalid(/--api-origin: is required/));
  });

  it('leaves value checks to resolveConfig: a non-number stays a string for it to refuse', () => {
    const { config } = parseBuildArgs([
      '--api-origin',
      'https://a.example',
      '--token-timeout-ms',
      '5s',
      '--out',
      'x.js',
    ]);
    expect(config.tokenTimeoutMs).toBe('5s');
    expect(() => resolveConfig(config)).toThrow(invalid(/tokenTimeoutMs: must be an integer/));
  });
});
