#!/usr/bin/env node
// The supervisor of one training job: runs the user's command detached from `distill` (which
// exits right after starting it), timestamps each stdout line into progress.jsonl, keeps stderr,
// and records how the command ended in exit.json. SIGTERM (cancel) is passed on to the command.
import { spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type JobSpec, jobFiles, readJson } from './job-files';

const [jobsDir, id] = process.argv.slice(2);
if (!jobsDir || !id) throw new Error('usage: run-job <jobs dir> <job id>');
const files = jobFiles(jobsDir, id);
const spec = readJson<JobSpec>(files.spec);
if (!spec) throw new Error(`no job spec at ${files.spec}`);
writeFileSync(files.pid, JSON.stringify({ pid: process.pid }));

const [program, ...args] = spec.command;
const child = spawn(program!, args, {
  cwd: spec.cwd,
  env: { ...process.env, ...spec.env },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const progress = createWriteStream(files.progress, { flags: 'a' });
const log = createWriteStream(files.log, { flags: 'a' });
child.stderr.pipe(log);
createInterface({ input: child.stdout }).on('line', (line) => {
  progress.write(`${JSON.stringify({ at: new Date().toISOString(), line })}\n`);
});
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => child.kill('SIGINT'));

child.on('error', (error) => {
  log.write(`${error.message}\n`);
  writeFileSync(files.exit, JSON.stringify({ code: 127, signal: null, at: new Date().toISOString() }));
  process.exit(1);
});
child.on('close', (code, signal) => {
  const done = () =>
    writeFileSync(files.exit, JSON.stringify({ code, signal, at: new Date().toISOString() }));
  // Flush what was printed before saying the job ended.
  progress.end(() => log.end(done));
});
