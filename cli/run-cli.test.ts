import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function cli(argv: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'bw-cli-'));
  const out = { stdout: '', stderr: '' };
  const code = runCli(argv, { cwd, stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t) });
  return { code, cwd, ...out };
}

/** Runs the emitted worker against a stub worker scope and returns the config startTokenInjector was given. */
function evaluateWorker(code: string) {
  const listeners: Record<string, unknown> = {};
  const self = {
    location: new URL('https://app.example.com/sw.js'),
    addEventListener: (type: string, fn: unknown) => (listeners[type] = fn),
    clients: {},
  };
  new Function('self', code)(self);
  return listeners;
}

describe('bearer-worker build (from the prebuilt worker, no Vite)', () => {
  it('writes a classic script with the checked, resolved config and a build id', () => {
    const r = cli([
      'build',
      '--api-origin',
      'https://api.example.com',
      '--api-path-prefix',
      '/api',
      '--out',
      'public/sw.js',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/wrote public\/sw\.js \(\d+\.\d kB\) for https:\/\/api\.example\.com/);
    const code = readFileSync(join(r.cwd, 'public/sw.js'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain(
      '"apiOrigins":["https://api.example.com"],"apiPathPrefix":"/api","authOrigin":"","authBasePath":"/api/auth"',
    );
    expect(code).toMatch(/"\d+\.\d+\.\d+\+[0-9a-f]{10}"\);\n$/);
    // It runs: the worker registers its fetch, install, activate and message listeners.
    expect(Object.keys(evaluateWorker(code)).sort()).toEqual(['activate', 'fetch', 'install', 'message']);
  });

  it('picks the inspector build only with --inspector', () => {
    const plain = cli(['build', '--api-origin', 'https://api.example.com', '--out', 'sw.js']);
    const inspected = cli(['build', '--api-origin', 'https://api.example.com', '--inspector', '--out', 'sw.js']);
    const read = (r: { cwd: string }) => readFileSync(join(r.cwd, 'sw.js'), 'utf8');
    expect(read(plain)).not.toContain('worker-started');
    expect(read(inspected)).toContain('worker-started');
  });

  it('--dev writes the unminified development build that logs its decisions', () => {
    const dev = cli(['build', '--api-origin', 'https://api.example.com', '--dev', '--out', 'sw.js']);
    const prod = cli(['build', '--api-origin', 'https://api.example.com', '--out', 'sw.js']);
    const read = (r: { cwd: string }) => readFileSync(join(r.cwd, 'sw.js'), 'utf8');
    expect(read(dev)).toContain('[bearer-worker]');
    expect(read(prod)).not.toContain('[bearer-worker]');
    expect(read(dev).split('\n').length).toBeGreaterThan(read(prod).split('\n').length * 10);
    expect(Object.keys(evaluateWorker(read(dev))).sort()).toEqual(['activate', 'fetch', 'install', 'message']);
  });

  it('keeps odd characters in option values inside the JSON literal', () => {
    const r = cli(['build', '--api-origin', 'https://api.example.com', '--api-path-prefix', "/a'b", '--out', 'sw.js']);
    expect(r.code).toBe(0);
    const code = readFileSync(join(r.cwd, 'sw.js'), 'utf8');
    expect(code).toContain(`"apiPathPrefix":"/a'b"`);
    expect(() => evaluateWorker(code)).not.toThrow();
  });

  it('refuses what the Vite plugin refuses, with the coded message and exit code 1, writing nothing', () => {
    const r = cli(['build', '--api-origin', 'http://api.example.com', '--out', 'sw.js']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'bearer-worker: invalid-options: apiOrigins: http://api.example.com must use HTTPS (HTTP only for localhost).\n',
    );
    expect(() => readFileSync(join(r.cwd, 'sw.js'))).toThrow(/ENOENT/);
    expect(
      cli(['build', '--api-origin', 'https://a.example', '--static-routes', 'some', '--out', 'x.js']).stderr,
    ).toMatch(/invalid-options: staticRoutes: must be 'all', 'cross-origin' or 'none'/);
    expect(cli(['build', '--nope']).stderr).toBe(
      'bearer-worker: invalid-options: --nope: unknown flag (see --help).\n',
    );
  });

  it('prints help, and refuses an unknown command with exit code 2', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--api-origin', '--out', '--static-routes', '--inspector', '--max-token-bytes']) {
      expect(help.stdout).toContain(flag);
    }
    expect(cli(['build', '--help'])).toMatchObject({ code: 0, stdout: help.stdout });
    expect(cli(['bild'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "bild"') });
    expect(cli([]).code).toBe(2);
  });
});
