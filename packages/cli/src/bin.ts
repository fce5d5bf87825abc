#!/usr/bin/env node
import process from 'node:process';
import { endOnClosedPipe } from './end-on-closed-pipe';
import { main } from './main';

endOnClosedPipe(process);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
