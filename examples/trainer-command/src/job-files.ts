import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What `create` writes before it starts a job; the supervisor reads it. */
export interface JobSpec {
  id: string;
  /** The command and its arguments, run without a shell. */
  command: readonly string[];
  cwd: string;
  /** Extra environment for the command (the DISTILL_* variables). */
  env: Record<string, string>;
  outputDir: string;
  createdAt: string;
}

/** The files of one job, all in its own folder. */
export function jobFiles(jobsDir: string, id: string) {
  const dir = path.join(jobsDir, id);
  return {
    dir,
    /** The JobSpec. */
    spec: path.join(dir, 'job.json'),
    /** `{ "pid": n }` of the supervisor, written once it runs. */
    pid: path.join(dir, 'pid.json'),
    /** One `{ "at": ISO time, "line": text }` per line the command printed on stdout. */
    progress: path.join(dir, 'progress.jsonl'),
    /** The command's stderr. */
    log: path.join(dir, 'stderr.log'),
    /** `{ "code", "signal", "at" }` once the command ended. */
    exit: path.join(dir, 'exit.json'),
    /** `{ "at" }`, written by `cancel` before it stops the job. */
    cancel: path.join(dir, 'cancel.json'),
  };
}

/** A JSON file's value, or undefined when it does not exist (yet). */
export function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as T;
}
