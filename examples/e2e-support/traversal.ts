// Path traversal against an example's server, sent as raw HTTP (node:net), so that no URL parser on the
// client side tidies the path first. Every spelling must be refused and never return a byte from
// outside the folder the server serves.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** Ways to write `..`: plain, percent-encoded, double-encoded, overlong UTF-8, fullwidth, mixed. */
const UPS = [
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%25252e%25252e',
  '%c0%ae%c0%ae',
  '%e0%80%ae%e0%80%ae',
  '%ef%bc%8e%ef%bc%8e',
  '..%00',
  '.%00.',
  '...',
  '....',
  '..;',
];
/** Ways to write `/`: plain, backslash, percent-encoded, double-encoded, overlong UTF-8, doubled. */
const SEPARATORS = [
  '/',
  '\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%252f',
  '%255c',
  '%c0%af',
  '%e0%80%af',
  '%c1%9c',
  '//',
  '/./',
  '\\/',
  '/%00/',
];

/** Hand-written spellings the combinations do not produce; `@` stands for the canary, relative to the root. */
const HANDPICKED = [
  '/.//etc/passwd',
  '/.//proc/self/environ',
  '//etc/passwd',
  '///etc/passwd',
  '/./etc/passwd',
  '/.//.//etc/passwd',
  '/%2fetc%2fpasswd',
  '/%2Fproc%2Fself%2Fenviron',
  '/%252fetc%252fpasswd',
  '/\\etc\\passwd',
  '/%5cetc%5cpasswd',
  '/.%2f/etc/passwd',
  '/.%5c/etc/passwd',
  '/%2e//etc/passwd',
  '/%2e%2f%2fetc%2fpasswd',
  '/etc/passwd%00',
  '/etc/passwd%00.html',
  '/index.html%00/../../../../../../../../etc/passwd',
  '/%00/../../../../../../../../etc/passwd',
  '/file:///etc/passwd',
  '/file:%2f%2f%2fetc%2fpasswd',
  '/..%c0%af..%c0%af..%c0%af..%c0%af..%c0%af..%c0%af..%c0%afetc/passwd',
  '/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  '/..%5c..%2f..\\../..%252f..%c0%af../etc/passwd',
  '/.%2e/%2e./.%2e/%2e./.%2e/%2e./etc/passwd',
  '/..././..././..././..././etc/passwd',
  '/....//....//....//....//etc/passwd',
  '/;/../../../../etc/passwd',
  '/@/../@',
  '/@',
];

/**
 * Request targets that try to leave the folder served at `mount`: to /etc/passwd, /proc/self/environ and
 * `canary`, a file `depth` folders above that folder.
 */
function traversalPaths(mount: string, depth: number, canary: string): string[] {
  const out = new Set<string>();
  for (const up of UPS) {
    for (const sep of SEPARATORS) {
      out.add(`${mount}/${`${up}${sep}`.repeat(depth)}${canary}`);
      out.add(`${mount}/${`${up}${sep}`.repeat(10)}etc${sep}passwd`);
      out.add(`${mount}/${`${up}${sep}`.repeat(10)}proc${sep}self${sep}environ`);
    }
  }
  const toCanary = `${'../'.repeat(depth)}${canary}`;
  for (const path of HANDPICKED) out.add(`${mount}${path.replace(/@/g, toCanary)}`);
  // Absolute-form request targets (RFC 9112 3.2.2), which some servers resolve differently.
  out.add(`http://localhost${mount}/${'../'.repeat(depth)}${canary}`);
  out.add(`http://localhost${mount}/${'%2e%2e/'.repeat(10)}etc/passwd`);
  out.add(`http://localhost/.//etc/passwd`);
  return [...out];
}

/** A file in `dir` (next to the served folder) whose content no server could produce by chance. */
function plantCanary(dir: string): { name: string; content: string; remove(): void } {
  const name = 'traversal-canary.txt';
  const content = `canary-${randomBytes(16).toString('hex')}`;
  const file = join(dir, name);
  writeFileSync(file, content);
  return { name, content, remove: () => rmSync(file, { force: true }) };
}

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < raw.length;) {
    const eol = raw.indexOf('\r\n', at);
    const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** One request, written byte for byte as given (`path` is the request target), over a fresh connection. */
export function rawRequest(origin: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const body = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      resolve({ status, head, body: /^transfer-encoding:\s*chunked/im.test(head) ? unchunk(body) : body });
    });
  });
}

/** What a page's navigation sends, so the SPA fallback is in play too. */
export const NAVIGATION = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'Sec-Fetch-Mode': 'navigate' };

/**
 * Sends every path, as a plain request and as a navigation, and returns what went wrong: a status other
 * than 400 or 404 (a navigation may get `page`, the app's own index.html, instead), or any answer holding
 * one of `secrets` (the canary, /etc/passwd's first line, the server's environment).
 */
async function probeTraversal(
  origin: string,
  paths: string[],
  opts: { secrets: string[]; page?: Buffer; followRedirect?: boolean },
): Promise<string[]> {
  const failures: string[] = [];
  for (const path of paths) {
    for (const [kind, headers] of [
      ['request', {}],
      ['navigation', NAVIGATION],
    ] as const) {
      let res = await rawRequest(origin, path, headers);
      // A server that tidies the path first (Next's 308 for `\\`, `//` and absolute-form targets) is judged by
      // where it sends the client, up to three hops, as a browser would follow them: an answer from this
      // server must be refused too; a Location on another origin leaves it.
      let elsewhere = false;
      for (let hop = 0; opts.followRedirect && hop < 3 && /^30[178]$/.test(String(res.status)); hop++) {
        const location = /^location: *(.*)$/im.exec(res.head)?.[1]?.trim();
        if (!location) break;
        const next = new URL(location, origin);
        if ((elsewhere = next.origin !== origin)) break;
        res = await rawRequest(origin, next.pathname + next.search, headers);
      }
      const leaked = opts.secrets.filter((s) => res.body.includes(s) || res.head.includes(s));
      if (leaked.length) failures.push(`${kind} ${path}: ${res.status} leaked ${leaked.join(', ')}`);
      const refused = res.status === 400 || res.status === 404;
      const shell = kind === 'navigation' && res.status === 200 && opts.page && res.body.equals(opts.page);
      if (!refused && !shell && !elsewhere) failures.push(`${kind} ${path}: ${res.status}`);
    }
  }
  return failures;
}

/**
 * The whole table against a running server: `mounts` are [URL prefix, folders from its root up to
 * `canaryDir`]; `secret` is a value only the server's environment holds (/proc/self/environ).
 */
export async function expectNothingOutsideServed(
  origin: string,
  opts: { canaryDir: string; mounts: [string, number][]; secret: string; page?: Buffer; followRedirect?: boolean },
): Promise<void> {
  // The markers mean something here: /etc/passwd holds this line, and the canary is readable.
  expect(readFileSync('/etc/passwd', 'utf8')).toContain('root:x:0:0');
  const canary = plantCanary(opts.canaryDir);
  try {
    const paths = opts.mounts.flatMap(([mount, depth]) => traversalPaths(mount, depth, canary.name));
    const secrets = [canary.content, 'root:x:0:0', opts.secret];
    expect(
      await probeTraversal(origin, paths, { secrets, page: opts.page, followRedirect: opts.followRedirect }),
    ).toEqual([]);
  } finally {
    canary.remove();
  }
}
