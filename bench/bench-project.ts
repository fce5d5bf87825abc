// The temp project the generation benches run in: one OpenAI-compatible teacher served by the
// testkit mock, the reasoning flow, `n` questions in inputs.jsonl, its session and store open.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Runtime = typeof import('@distillery/runtime');

export interface BenchProject {
  runtime: Runtime;
  session: Awaited<ReturnType<Runtime['openSession']>>;
  store: Awaited<ReturnType<Runtime['openProjectStore']>>;
}

export interface BenchProjectOptions {
  /** The mock's OpenAI base URL. */
  baseURL: string;
  /** Questions written to inputs.jsonl. */
  n: number;
  /** The provider's retries on a failed call. */
  maxRetries: number;
  /** The task's thinking instruction, if any. */
  thinkingInstruction?: string;
  /** The temp folder's name prefix. */
  prefix: string;
}

/** Writes `n` inputs; a function so the caller does not keep the lines alive while it generates. */
function writeInputs(file: string, n: number): void {
  const inputs = Array.from({ length: n }, (_, i) =>
    JSON.stringify(`Question number ${i}: what is ${i} + ${i}?`),
  );
  writeFileSync(file, `${inputs.join('\n')}\n`);
}

/**
 * Makes the project, runs `use` in it, then closes the store and removes the folder. Runtime and
 * provider are imported here, in the child process that measures, not by the bench runner.
 */
export async function withBenchProject<T>(
  options: BenchProjectOptions,
  use: (project: BenchProject) => Promise<T>,
): Promise<T> {
  const runtime = await import('@distillery/runtime');
  const openai = (await import(
    pathToFileURL(path.join(root, 'packages/provider-openai/dist/index.js')).href
  )) as {
    default: unknown;
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), options.prefix));
  try {
    const thinking =
      options.thinkingInstruction === undefined
        ? ''
        : ` thinkingInstruction: ${JSON.stringify(options.thinkingInstruction)},`;
    writeFileSync(
      path.join(dir, 'distill.config.mjs'),
      `export default {
  providers: { openai: { baseURL: ${JSON.stringify(options.baseURL)}, apiKey: 'sk-bench', maxRetries: ${options.maxRetries} } },
  models: { teacher: { reasoning: 'field', pricing: { inputPerMillion: 1, outputPerMillion: 2 } } },
  tasks: [{ id: 'bench', name: 'Bench', instruction: 'Answer.',${thinking}
    runConfigs: [{ name: 'teacher', provider: 'openai', model: 'teacher', flow: 'reasoning' }] }],
};
`,
    );
    writeInputs(path.join(dir, 'inputs.jsonl'), options.n);
    const ctx = runtime.createContext({ cwd: dir, env: {} });
    const session = await runtime.openSession(ctx, {
      builtins: [{ value: openai.default, packageName: '@distillery/provider-openai' }],
    });
    const store = await runtime.openProjectStore(session);
    try {
      return await use({ runtime, session, store });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
