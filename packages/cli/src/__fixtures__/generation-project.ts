import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChatRequestInfo, MockReply, MockServer } from '@distillery/testkit';

/** A temp project: task `double` with a reasoning run config and a chain-of-thought one, $1 per token. */
export function generationProject(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-generate-'));
  writeFileSync(
    path.join(dir, 'distill.config.ts'),
    `export default {
  providers: { openai: { maxRetries: 1 } },
  models: {
    'teacher-r1': { reasoning: 'field', pricing: { inputPerMillion: 1000000, outputPerMillion: 1000000 } },
    plain: { reasoning: 'none', pricing: { inputPerMillion: 1000000, outputPerMillion: 1000000 } },
  },
  tasks: [
    {
      id: 'double',
      name: 'Double it',
      instruction: 'Double the number.',
      thinkingInstruction: 'Think first.',
      runConfigs: [
        { name: 'teacher', provider: 'openai', model: 'teacher-r1', flow: 'reasoning' },
        { name: 'cot', provider: 'openai', model: 'plain', flow: 'cot' },
      ],
    },
  ],
};
`,
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `q:1` ... `q:n` as a JSONL inputs file and returns its name. */
export function writeInputs(dir: string, n: number, name = 'inputs.jsonl'): string {
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ input: `q:${i + 1}` }));
  writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
  return name;
}

/** The deterministic teacher: "q:N" is answered 2N, with reasoning; 5 tokens ($5) a call. */
export function doubleAnswer(req: ChatRequestInfo): MockReply {
  const text = req.lastUserText;
  const n = Number(text.replace(/^q:/, ''));
  return {
    content: Number.isNaN(n) ? `answer to ${text.slice(0, 20)}` : String(n * 2),
    reasoning: `double ${text}`,
    usage: { prompt_tokens: 3, completion_tokens: 2 },
  };
}

/** The task input of a recorded chat request: its first user message. */
export function requestInput(body: unknown): string {
  const messages = (body as { messages: { role: string; content: string }[] }).messages;
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

export function mockEnv(server: MockServer): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: server.openaiBaseURL,
    TOGETHER_API_KEY: 'sk-test',
    TOGETHER_BASE_URL: server.togetherBaseURL,
  };
}
