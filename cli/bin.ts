#!/usr/bin/env node
// `npx bearer-worker build …`: see run-cli.ts. Needs nothing but Node and this package.
import { runCli } from './run-cli.js';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
