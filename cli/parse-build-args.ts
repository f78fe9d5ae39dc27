import { optionError } from '../protocol/check-option.js';
import type { InjectorConfig } from '../config/types.js';

type Kind = 'string' | 'list' | 'int' | 'flag';

/** Every worker option as a flag: `--api-origin` (repeatable) → apiOrigins, and so on. */
export const BUILD_FLAGS: Record<string, { option: string; kind: Kind; help: string; arg?: string }> = {
  '--api-origin': {
    option: 'apiOrigins',
    kind: 'list',
    arg: '<origin>',
    help: 'exact API origin that gets a token (repeatable)',
  },
  '--api-path-prefix': {
    option: 'apiPathPrefix',
    kind: 'string',
    arg: '<path>',
    help: "only paths under it, e.g. '/api'",
  },
  '--auth-origin': {
    option: 'authOrigin',
    kind: 'string',
    arg: '<origin>',
    help: "Better Auth's origin (default: the app's own)",
  },
  '--auth-base-path': {
    option: 'authBasePath',
    kind: 'string',
    arg: '<path>',
    help: "Better Auth's path (default /api/auth)",
  },
  '--refresh-margin-seconds': {
    option: 'refreshMarginSeconds',
    kind: 'int',
    arg: '<n>',
    help: 'refresh this long before expiry (default 180)',
  },
  '--session-ttl-seconds': {
    option: 'sessionTtlSeconds',
    kind: 'int',
    arg: '<n>',
    help: 'trust a signed-out answer this long (default 60)',
  },
  '--token-timeout-ms': {
    option: 'tokenTimeoutMs',
    kind: 'int',
    arg: '<n>',
    help: 'give up on the token endpoint after (default 5000)',
  },
  '--max-token-bytes': {
    option: 'maxTokenBytes',
    kind: 'int',
    arg: '<n>',
    help: 'refuse larger tokens (default 8192)',
  },
  '--require-header': {
    option: 'requireHeader',
    kind: 'string',
    arg: '<name>',
    help: 'only requests with this header get a token',
  },
  '--static-routes': {
    option: 'staticRoutes',
    kind: 'string',
    arg: '<mode>',
    help: 'all (default) | cross-origin | none',
  },
  '--inspector': { option: 'inspector', kind: 'flag', help: 'keep counters and events for status()' },
};

interface BuildArgs {
  config: InjectorConfig;
  out: string;
  /** `--dev`: a development build (decisions logged on the console), not a worker option. */
  dev: boolean;
}

/**
 * `--flag value` or `--flag=value`, for `bearer-worker build`. Only the shape is checked here (known flag,
 * a value where one is needed); the values go to resolveConfig, which checks them as for the Vite plugin.
 * Throws BearerWorkerError('invalid-options').
 */
export function parseBuildArgs(argv: string[]): BuildArgs {
  const config: Record<string, unknown> = {};
  let out: string | undefined;
  let dev = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dev') {
      dev = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = BUILD_FLAGS[name];
    if (name !== '--out' && !spec) optionError(arg, 'unknown flag (see --help).');
    if (spec?.kind === 'flag') {
      if (eq > 0) optionError(name, 'takes no value.');
      config[spec.option] = true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) optionError(name, 'needs a value.');
    if (!spec) {
      if (out !== undefined) optionError('--out', 'given twice.');
      out = value;
    } else if (spec.kind === 'list') {
      ((config[spec.option] ??= []) as string[]).push(value);
    } else {
      if (spec.option in config) optionError(name, 'given twice.');
      // Not a number stays a string, so resolveConfig names the option in its error.
      config[spec.option] = spec.kind === 'int' && /^-?\d+$/.test(value) ? Number(value) : value;
    }
  }
  if (!out) optionError('--out', "is required: where to write the worker, e.g. 'public/sw.js'.");
  if (!config.apiOrigins) optionError('--api-origin', 'is required, e.g. --api-origin https://api.example.com.');
  return { config: config as unknown as InjectorConfig, out, dev };
}
