import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CheckReport,
  FineTuneEvent,
  FineTuneJobRequest,
  FineTuneJobState,
  TrainerCheckOptions,
  TrainerV1,
} from '@distillery/core';
import { InputError, UserError } from '@distillery/core/contracts';
import { checkChatFile } from './check-chat-file';
import { type JobSpec, jobFiles, readJson } from './job-files';

export interface TrainerCommandOptions {
  /**
   * The training command and its arguments, run without a shell, e.g.
   * `['python', 'train_sft.py']` or `['accelerate', 'launch', 'train.py']`. It gets the job in
   * DISTILL_* environment variables and prints JSON-lines progress on stdout.
   */
  command: readonly string[];
  /** Backend id in configs. Default `trainer-command`. */
  id?: string;
  /** The model provider that serves the trained model (e.g. a vLLM preset). Default `vllm`. */
  provider?: string;
  /** Where jobs keep their files. Default `.distill/trainer-command` in the working directory. */
  jobsDir?: string;
  /** The working directory of the command. Default: the current one. */
  cwd?: string;
}

interface Progress {
  step?: number;
  total_steps?: number;
  totalSteps?: number;
  loss?: number;
  message?: string;
  level?: 'info' | 'warning' | 'error';
}

const RUN_JOB = fileURLToPath(new URL('./run-job.js', import.meta.url));

function lines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One progress line as an event: JSON objects keep step, total, loss; other text is a message. */
function toEvent(entry: { at: string; line: string }): FineTuneEvent {
  let p: Progress | undefined;
  try {
    const value: unknown = JSON.parse(entry.line);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) p = value as Progress;
  } catch {
    // plain text
  }
  if (!p) return { at: entry.at, message: entry.line, level: 'info' };
  const totalSteps = p.totalSteps ?? p.total_steps;
  const parts = [
    p.step !== undefined ? `step ${p.step}${totalSteps !== undefined ? `/${totalSteps}` : ''}` : '',
    p.loss !== undefined ? `loss ${p.loss}` : '',
    p.message ?? '',
  ].filter(Boolean);
  return {
    at: entry.at,
    message: parts.join(', ') || entry.line,
    type: 'progress',
    level: p.level ?? 'info',
    ...(Number.isInteger(p.step) ? { step: p.step } : {}),
    ...(Number.isInteger(totalSteps) ? { totalSteps } : {}),
    ...(typeof p.loss === 'number' ? { loss: p.loss } : {}),
    raw: p,
  };
}

/**
 * A fine-tune backend that trains on this machine with the user's own command. `create` writes
 * the job's spec and starts it under a small supervisor (run-job.js) that outlives `distill`;
 * `get` and `events` read the job's folder; `cancel` stops the command. The trained model is the
 * job's output folder, served by `provider`.
 */
export function createTrainerCommandBackend(options: TrainerCommandOptions): TrainerV1 {
  if (!Array.isArray(options.command) || options.command.length === 0) {
    throw new InputError('trainer-command needs `command`: the training program and its arguments.', {
      advice:
        "Give it in the config: ['@acme/distillery-trainer-command', { command: ['python', 'train_sft.py'] }].",
    });
  }
  const id = options.id ?? 'trainer-command';
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const jobsDir = path.resolve(cwd, options.jobsDir ?? '.distill/trainer-command');

  const spec = (jobId: string): JobSpec => {
    const found = readJson<JobSpec>(jobFiles(jobsDir, jobId).spec);
    if (found) return found;
    throw new UserError(`No trainer-command job "${jobId}" in ${jobsDir}.`, {
      advice: 'Check the job id, and that `jobsDir` in the config has not changed since it started.',
    });
  };

  async function get(jobId: string): Promise<FineTuneJobState> {
    const job = spec(jobId);
    const files = jobFiles(jobsDir, jobId);
    const progress = lines(files.progress).map((l) => toEvent(JSON.parse(l)));
    const last = [...progress].reverse().find((e) => e.step !== undefined);
    const steps = {
      ...(last?.step !== undefined ? { step: last.step } : {}),
      ...(last?.totalSteps !== undefined ? { totalSteps: last.totalSteps } : {}),
    };
    const cancelled = readJson<{ at: string }>(files.cancel);
    const exit = readJson<{ code: number | null; signal: string | null }>(files.exit);
    const pid = readJson<{ pid: number }>(files.pid)?.pid;
    if (cancelled)
      return { id: jobId, status: 'cancelled', rawStatus: 'cancelled', ...steps, raw: { job, exit } };
    if (exit) {
      if (exit.code === 0) {
        return {
          id: jobId,
          status: 'completed',
          rawStatus: 'exited 0',
          resultModel: job.outputDir,
          ...steps,
          raw: { job, exit },
        };
      }
      const error = lines(files.log).at(-1) ?? `the command exited with ${exit.code ?? exit.signal}`;
      return {
        id: jobId,
        status: 'failed',
        rawStatus: `exited ${exit.code ?? exit.signal}`,
        error,
        ...steps,
        raw: { job, exit },
      };
    }
    if (pid === undefined) return { id: jobId, status: 'queued', rawStatus: 'starting', raw: { job } };
    if (alive(pid))
      return { id: jobId, status: 'running', rawStatus: 'running', ...steps, raw: { job, pid } };
    return {
      id: jobId,
      status: 'failed',
      rawStatus: 'vanished',
      error: 'the training process ended without saying how (killed, or the machine restarted)',
      ...steps,
      raw: { job, pid },
    };
  }

  return {
    specificationVersion: 'v1',
    kind: 'fine-tune-backend',
    id,
    description: `Runs \`${options.command.join(' ')}\` on this machine`,
    formats: ['r1', 'hf-chat'],
    provider: options.provider ?? 'vllm',

    check(file: string, checkOptions?: TrainerCheckOptions): Promise<CheckReport> {
      if (!existsSync(file)) {
        throw new InputError(`${file} does not exist.`, {
          advice: 'Export the dataset first (`distill export`).',
        });
      }
      return checkChatFile(file, checkOptions);
    },

    async create(job: FineTuneJobRequest): Promise<{ id: string }> {
      for (const file of [job.trainingFile, job.validationFile]) {
        if (file === undefined) continue;
        const report = await checkChatFile(file, { strict: true });
        if (!report.ok) {
          throw new InputError(`${file} would fail training: ${report.errors[0]?.message}.`, {
            location: `${file}:${report.errors[0]?.line ?? 0}`,
            advice: 'Fix the file, or check it with `distill check --backend trainer-command`.',
          });
        }
      }
      const jobId = `tc-${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
      const files = jobFiles(jobsDir, jobId);
      const outputDir = path.join(files.dir, 'output');
      await mkdir(outputDir, { recursive: true });
      const jobSpec: JobSpec = {
        id: jobId,
        command: options.command,
        cwd,
        env: {
          DISTILL_JOB_ID: jobId,
          DISTILL_BASE_MODEL: job.baseModel,
          DISTILL_TRAIN_FILE: path.resolve(job.trainingFile),
          ...(job.validationFile ? { DISTILL_VALIDATION_FILE: path.resolve(job.validationFile) } : {}),
          DISTILL_OUTPUT_DIR: outputDir,
          DISTILL_METHOD: job.method,
          DISTILL_TRAINING_METHOD: job.trainingMethod,
          DISTILL_HYPERPARAMETERS: JSON.stringify(job.hyperparameters),
        },
        outputDir,
        createdAt: new Date().toISOString(),
      };
      // Recorded before it starts, so a job that dies at once still has a folder to report on.
      await writeFile(files.spec, `${JSON.stringify(jobSpec, null, 2)}\n`);
      const child = spawn(process.execPath, [RUN_JOB, jobsDir, jobId], {
        cwd,
        detached: true,
        stdio: 'ignore',
      });
      child.unref();
      return { id: jobId };
    },

    get: (jobId: string) => get(jobId),

    async events(jobId: string): Promise<FineTuneEvent[]> {
      spec(jobId);
      return lines(jobFiles(jobsDir, jobId).progress).map((l) => toEvent(JSON.parse(l)));
    },

    async cancel(jobId: string): Promise<FineTuneJobState> {
      const state = await get(jobId);
      if (state.status !== 'running' && state.status !== 'queued') return state;
      const files = jobFiles(jobsDir, jobId);
      await writeFile(files.cancel, JSON.stringify({ at: new Date().toISOString() }));
      const pid = readJson<{ pid: number }>(files.pid)?.pid;
      // The supervisor leads its own process group: stop it and the command together.
      if (pid !== undefined && alive(pid)) process.kill(-pid, 'SIGTERM');
      return get(jobId);
    },
  };
}
