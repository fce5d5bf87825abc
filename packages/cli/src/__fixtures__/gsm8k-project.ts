import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SampleInput } from '@distillery/core';
import { importSamples, openSampleStore } from '@distillery/runtime';
import { REPO_ROOT } from './run-cli';

export const GSM8K_TRAIN = path.resolve(REPO_ROOT, 'examples/gsm8k/data/train.jsonl');

export interface Gsm8kProject {
  dir: string;
  cleanup(): void;
}

/**
 * A temp project with task `gsm8k` whose store holds the first `lines` records of GSM8K's train
 * split, imported with the runtime's importSamples, plus any extra samples given.
 */
export async function gsm8kProject(lines: number, extra: readonly SampleInput[] = []): Promise<Gsm8kProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-dataset-cli-'));
  writeFileSync(
    path.join(dir, 'distill.config.ts'),
    `export default {
  tasks: [
    {
      id: 'gsm8k',
      name: 'Grade-school maths',
      instruction: 'Solve the maths word problem. Reply with the final numeric answer only.',
      thinkingInstruction: 'Think step by step.',
    },
  ],
  dataDir: '.distill',
};
`,
  );
  const slice = readFileSync(GSM8K_TRAIN, 'utf8').split('\n').slice(0, lines).join('\n');
  writeFileSync(path.join(dir, 'slice.jsonl'), `${slice}\n`);
  const store = await openSampleStore({ dir: path.join(dir, '.distill') });
  try {
    await importSamples({ store, cwd: dir }, { file: 'slice.jsonl', taskId: 'gsm8k', tags: ['slice'] });
    if (extra.length > 0) await store.insertMany(extra);
  } finally {
    await store.close();
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
