// Entry point of the `perpetua` command (built to dist/cli.js; esbuild adds the #! line).
import { readFileSync } from 'node:fs';
import { version } from '../../package.json';
import { processIo } from './io';
import { run } from './run';

// `perpetua export | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io = processIo(() => readFileSync(0, 'utf8'));
process.exitCode = run(process.argv.slice(2), io, { env: process.env, version });
