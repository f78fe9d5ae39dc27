import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { bearerWorker, buildWorkerScript } from './index.js';

describe('buildWorkerScript', () => {
  it('builds one classic script with the config compiled in', async () => {
    const code = await buildWorkerScript({
      apiOrigins: ['https://api.example.com'],
      apiPathPrefix: '/v2',
      authOrigin: 'https://auth.example.com',
    });
    expect(code).toContain('https://api.example.com');
    expect(code).toContain('/v2');
    expect(code).toContain('https://auth.example.com');
    // A classic script: no module syntax, no Node globals left behind.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('process.env');
    expect(() => new Function(code)).not.toThrow();
  });

  it('leaves the inspector (counters, event log) out unless asked for it', async () => {
    const plain = await buildWorkerScript({ apiOrigins: ['https://api.example.com'] });
    const inspected = await buildWorkerScript({ apiOrigins: ['https://api.example.com'], inspector: true });
    for (const event of ['worker-started', 'token-minted', 'page-claimed']) {
      expect(plain).not.toContain(event);
      expect(inspected).toContain(event);
    }
    expect(plain.length).toBeLessThan(inspected.length);
  });

  it('development builds log each decision to the console; production builds carry no log code or strings', async () => {
    const prod = await buildWorkerScript({ apiOrigins: ['https://api.example.com'] });
    const dev = await buildWorkerScript({ apiOrigins: ['https://api.example.com'] }, { dev: true, minify: false });
    // The decisions as logged (`[bearer-worker] <decision> <detail>`); none of these strings is needed otherwise.
    const decisions = [
      '[bearer-worker]',
      'passed-through',
      'retried',
      'not-retried',
      'backed-off',
      'token-refreshed',
      'identity-changed',
    ];
    for (const decision of decisions) {
      expect(dev).toContain(decision);
      expect(prod).not.toContain(decision);
    }
    expect(prod).not.toContain('console');
  });

  it('refuses bad config with a coded error before building', async () => {
    await expect(buildWorkerScript({ apiOrigins: ['http://api.example.com'] })).rejects.toMatchObject({
      code: 'invalid-options',
    });
  });
});

describe('bearerWorker (Vite plugin)', () => {
  it('fails at config time on wrong options', () => {
    expect(() => bearerWorker({ apiOrigins: [] })).toThrow(expect.objectContaining({ code: 'invalid-options' }));
    expect(() => bearerWorker({ apiOrigins: ['https://api.example.com'], fileName: '../sw.js' })).toThrow(/fileName/);
  });

  it('emits the worker under the chosen name in a production build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bw-vite-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
    writeFileSync(join(root, 'main.js'), 'console.log("app")');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [bearerWorker({ apiOrigins: ['https://api.example.com'], fileName: 'auth-sw.js' })],
    });
    const sw = readFileSync(join(root, 'dist', 'auth-sw.js'), 'utf8');
    expect(sw).toContain('https://api.example.com');
    expect(sw).toContain('bearer-worker');
  });
});
