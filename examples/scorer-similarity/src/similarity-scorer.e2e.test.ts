import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@distillery/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { similarity } from './similarity-scorer';

// The whole path a user takes, through the built `distill` binary: the scorer is found by
// package name from the example config and scores `distill eval` against a mock provider.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE_DIR = path.resolve(HERE, '..');
const BIN = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@distillery/cli/package.json')),
  'dist/bin.js',
);

/** What each mock model answers per country: the teacher is right, the student close. */
const ANSWERS: Record<string, Record<string, string>> = {
  'capital-teacher': {
    France: 'Paris',
    Germany: 'Berlin',
    Italy: 'Rome',
    Spain: 'Madrid',
    Portugal: 'Lisbon',
    Austria: 'Vienna',
  },
  'capital-student': {
    France: 'Paris',
    Germany: 'Berlinn',
    Italy: 'Roma',
    Spain: 'Madrid',
    Portugal: 'Lisboa',
    Austria: 'Wien',
  },
};
const REFERENCES = ANSWERS['capital-teacher']!;

let project: string;
let server: MockServer;

function distill(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: '1',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: server.openaiBaseURL,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Report {
  scorer: { id: string };
  candidates: {
    name: string;
    score: { estimate: number; method: string };
    passFail: boolean;
    passes: number | null;
  }[];
  perItem: { input: string; answers: Record<string, { score: number; extracted: string }> }[];
}

beforeAll(async () => {
  server = await startMockServer();
  server.onChat((info) => {
    const country = Object.keys(REFERENCES).find((c) => info.lastUserText.includes(c));
    return { content: (country && ANSWERS[info.model]?.[country]) ?? 'unknown' };
  });
  project = await mkdtemp(path.join(os.tmpdir(), 'distill-scorer-similarity-'));
  for (const file of ['distill.config.mjs', 'capitals.jsonl'])
    await copyFile(path.join(PACKAGE_DIR, 'example', file), path.join(project, file));
  await mkdir(path.join(project, 'node_modules/@acme'), { recursive: true });
  await symlink(PACKAGE_DIR, path.join(project, 'node_modules/@acme/distillery-scorer-similarity'), 'dir');
});
afterAll(async () => {
  await server?.close();
  await rm(project, { recursive: true, force: true });
});

const EVAL = [
  'eval',
  '--task',
  'capitals',
  '--items',
  'capitals.jsonl',
  '--run-config',
  'teacher',
  '--model',
  'openai:capital-student',
  '--scorer',
  'similarity',
];

describe('a third-party scorer loaded by package name', () => {
  it('is listed from its manifest', async () => {
    const run = await distill(['plugins', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toContainEqual(
      expect.objectContaining({
        id: 'similarity',
        kind: 'scorer',
        package: '@acme/distillery-scorer-similarity',
      }),
    );
  });

  it('scores `distill eval` with graded similarities, then pass/fail with a threshold option', async () => {
    const graded = await distill([...EVAL, '--json']);
    expect(graded.code, graded.stderr).toBe(0);
    const report = JSON.parse(graded.stdout) as Report;
    expect(report.scorer.id).toBe('similarity');
    const [teacher, student] = report.candidates;
    expect(teacher).toMatchObject({ name: 'teacher', passFail: false, score: { estimate: 1 } });
    const expected = Object.keys(REFERENCES).map((c) =>
      similarity(ANSWERS['capital-student']![c]!.toLowerCase(), REFERENCES[c]!.toLowerCase()),
    );
    expect(student!.name).toBe('openai:capital-student');
    expect(student!.score.estimate).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / expected.length, 12);
    expect(student!.score.method).toContain('bootstrap');
    const austria = report.perItem.find((row) => row.input === 'Austria')!;
    expect(austria.answers['openai:capital-student']).toMatchObject({ extracted: expected[5]!.toFixed(3) });

    // The stored answers are reused; only the scores change with the option.
    const before = server.requests.length;
    const thresholded = await distill([...EVAL, '--scorer-option', 'threshold=0.8', '--json']);
    expect(thresholded.code, thresholded.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    const passes = expected.filter((s) => s >= 0.8).length;
    expect(JSON.parse(thresholded.stdout).candidates[1]).toMatchObject({ passFail: true, passes });
  });

  it('refuses an option the scorer does not know, before calling any model', async () => {
    const before = server.requests.length;
    const run = await distill([...EVAL, '--scorer-option', 'treshold=0.8']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('The similarity scorer has no option "treshold"');
    expect(server.requests.length).toBe(before);
  });
});
